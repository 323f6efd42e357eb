# Types of the C module src/lessonkit/check/kinds/_ngram_sums.c (built by setup.py where a compiler is at hand).

class Table:
    """A model's features (as `classifier.lookups_of` spells them) and their weights minus good text's."""

    def __init__(
        self, keys: list[str], rows: list[int], columns: list[tuple[float, ...]], good: tuple[float, ...]
    ) -> None: ...
    def sums(self, forms: list[str], /) -> tuple[float, ...]:
        """(norm squared, sum for each harmful class) of a sentence's word forms."""
