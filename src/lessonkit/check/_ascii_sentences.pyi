# Types of the C module src/lessonkit/check/_ascii_sentences.c (built by setup.py where a compiler is at hand).

def split(
    plain: str, raw: str, sentence_type: type[tuple[int, str, int]], /
) -> tuple[tuple[object, ...], tuple[str, ...]] | None:
    """`sentences._sentences` of an ASCII part and its words, or None unless both texts are ASCII of one length."""
