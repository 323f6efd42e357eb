# Types of the C module src/lessonkit/check/kinds/_hyphen_points.c (built by setup.py where a compiler is at hand).

class Table:
    """Pyphen's plain patterns (`{letters: (offset, weights)}`) and their prefixes."""

    def __init__(self, patterns: dict[str, tuple[int, tuple[int, ...]]], longest: int) -> None: ...
    def odd(self, dotted: str, low: int, high: int, /) -> int:
        """How many merged weights at low..high-1 are odd, for a word as Pyphen reads it ('.word.')."""
