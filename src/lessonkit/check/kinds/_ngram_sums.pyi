# Types of the C module src/lessonkit/check/kinds/_ngram_sums.c (built by setup.py where a compiler is at hand).

from typing import Self

class Table:
    """A model's features (as `classifier.lookups_of` spells them) and their weights minus good text's."""

    classes: int  # harmful columns

    def __init__(
        self, keys: list[str], rows: list[int], columns: list[tuple[float, ...]], good: tuple[float, ...]
    ) -> None: ...
    def __len__(self) -> int: ...
    def sums(self, forms: list[str], /) -> tuple[float, ...]:
        """(norm squared, sum for each harmful class) of a sentence's word forms."""
    def row(self, key: str, /) -> tuple[float, ...] | None:
        """A key's weights (harmful minus good), spelled as in `__init__`; None when the table lacks it."""
    def dump(self) -> bytes:
        """The table as bytes, for `load`."""
    @classmethod
    def load(cls, data: bytes, bound: float, /) -> Self:
        """The table `dump` wrote; ValueError when `data` is not one or a weight is beyond `bound` in size."""
