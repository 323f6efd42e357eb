"""`LazyPattern` answers as the compiled `re.Pattern` does, and compiles only when first used (start-up, issue 18)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.lazy_re import LazyPattern

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [r"[a-z]+(?:['\-][a-z]+)*", r"(?P<word>\w+)|(?P<mark>[.!?؟])", r"\n(?=\n)", "[\u00ad\u200b-\u200f]"]
TEXTS = st.text(alphabet=st.sampled_from("ab- '.!?\n\u00ad\u200bذ"), max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SOURCES), TEXTS, st.integers(0, 5))
def test_every_method_gives_the_compiled_patterns_answer(source: str, text: str, pos: int) -> None:
    lazy, compiled = LazyPattern(source), re.compile(source)

    def same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
        return (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))

    assert same(lazy.search(text, pos), compiled.search(text, pos))
    assert same(lazy.match(text, pos), compiled.match(text, pos))
    assert same(lazy.fullmatch(text, pos), compiled.fullmatch(text, pos))
    assert [m.span() for m in lazy.finditer(text, pos)] == [m.span() for m in compiled.finditer(text, pos)]
    assert lazy.findall(text, pos) == compiled.findall(text, pos)
    assert lazy.sub("_", text) == compiled.sub("_", text)
    assert lazy.subn(lambda m: m.group(0).upper(), text, 2) == compiled.subn(lambda m: m.group(0).upper(), text, 2)
    assert lazy.split(text) == compiled.split(text)
    assert lazy.compiled is lazy.compiled  # compiled once, then kept


def test_flags_are_kept() -> None:
    assert LazyPattern("never", re.IGNORECASE).search("It is NEVER your fault") is not None
    assert LazyPattern("never").search("It is NEVER your fault") is None


def test_a_check_of_ascii_text_compiles_none_of_the_patterns_only_other_text_needs() -> None:
    # The disguised-words patterns (about 13 M instructions to compile) and the Unicode word
    # pattern serve text beyond ASCII only; an English note must not pay for them.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from lessonkit.check import run\n"
        "from lessonkit.check.kinds import disguised\n"
        "from lessonkit.check import sentences\n"
        "import tempfile\n"
        "folder = Path(tempfile.mkdtemp())\n"
        "note = folder / 'note.md'\n"
        "note.write_text(sys.argv[1], encoding='utf-8')\n"
        "report, _ = run.check_paths([note], run.Options(band='8-10', audience='students'))\n"
        "lazy = [disguised._SUSPECT, disguised._HIDDEN, disguised._BREAK, sentences.WORD]\n"
        "print(sorted({f.code for f in report.findings}), [p._compiled is not None for p in lazy])\n"
    )

    def compiled_after(text: str) -> tuple[str, list[bool]]:
        done = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, check=False, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        codes, _, made = done.stdout.strip().partition("] [")
        return codes + "]", [flag == "True" for flag in made.rstrip("]").split(", ")]

    assert compiled_after("If someone tricks you, it is never your fault. Tell a trusted adult.\n") == (
        "[]",
        [False, False, False, False],
    )
    # A soft hyphen inside a word: the run needs the search and the word pattern, and reports the word.
    codes, made = compiled_after("Tell a trus\u00adted adult.\n")
    assert "structure.disguised-word" in codes
    assert made[0] and made[3]
