"""Copy lessonkit's shipped data into the wheel, and build the three C modules (the rest is in pyproject.toml).

The rules, handout templates, CSS, fonts and site theme live in top-level folders of the repository,
where the curriculum's authors edit them, so `[tool.setuptools.package-data]` (which only reaches
files inside a package) cannot take them. This build step copies them to `lessonkit/_shipped/` in
the build folder; `lessonkit.shipped` finds them there once installed. An editable install copies
nothing: lessonkit then runs from `src/` and reads the folders of the checkout directly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# Kept in step with lessonkit.shipped.SHIPPED by tests/test_shipped.py.
SHIPPED = ("rules", "handouts", "site-theme", "mkdocs.yml")
PACKAGED = Path("lessonkit") / "_shipped"
# Editor and OS litter that may sit in the working tree; nothing lessonkit reads.
IGNORED = shutil.ignore_patterns(".*", "__pycache__", "*~", "*.swp")


class BuildWithShippedData(build_py):
    """`build_py` that also copies the shipped folders into the package."""

    def run(self) -> None:
        """Build the modules, then copy the data (not in editable mode, see the module docstring)."""
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name, target in self._shipped_outputs().items():
            if target.exists():
                shutil.rmtree(target) if target.is_dir() else target.unlink()
            source = HERE / name
            if source.is_dir():
                shutil.copytree(source, target, ignore=IGNORED)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)

    def _shipped_outputs(self) -> dict[str, Path]:
        return {name: Path(self.build_lib) / PACKAGED / name for name in SHIPPED}

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        """The modules and every copied file (setuptools' installers ask for the complete list)."""
        copied = [
            str(path)
            for target in self._shipped_outputs().values()
            for path in ([target] if target.is_file() else sorted(target.rglob("*")))
            if path.is_file()
        ]
        return [*super().get_outputs(include_bytecode), *copied]


# The classifier's per-sentence sums in C (src/lessonkit/check/kinds/_ngram_sums.c). Optional: where no C
# compiler is at hand the install still succeeds and the checker scores in pure Python (same results, slower);
# tests/test_classifier_compiled.py fails on a machine where the module was not built, so CI notices.
NGRAM_SUMS = Extension(
    "lessonkit.check.kinds._ngram_sums",
    ["src/lessonkit/check/kinds/_ngram_sums.c"],
    optional=True,
    extra_compile_args=["-O2"],
)

# Pyphen's hyphenation points of a word in C (src/lessonkit/check/kinds/_hyphen_points.c), for the syllables of
# words CMUdict lacks; optional in the same way (tests/test_check_speed_hyphenation.py).
HYPHEN_POINTS = Extension(
    "lessonkit.check.kinds._hyphen_points",
    ["src/lessonkit/check/kinds/_hyphen_points.c"],
    optional=True,
    extra_compile_args=["-O2"],
)

# The sentence split of an ASCII part in C (src/lessonkit/check/_ascii_sentences.c), which every rule that reads
# sentences shares; optional in the same way (tests/test_sentences_compiled.py).
ASCII_SENTENCES = Extension(
    "lessonkit.check._ascii_sentences",
    ["src/lessonkit/check/_ascii_sentences.c"],
    optional=True,
    extra_compile_args=["-O2"],
)


if __name__ == "__main__":
    setup(cmdclass={"build_py": BuildWithShippedData}, ext_modules=[NGRAM_SUMS, HYPHEN_POINTS, ASCII_SENTENCES])
