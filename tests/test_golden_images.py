"""Golden images of printed pages and slides (issue 14, evidence): what a teacher sees, compared by eye-like diff.

Page 1 of the student handout in every age band's look, in English and in Arabic (right to
left), is rendered by poppler (`pdftoppm`); one slide per slide layout the decks use (title,
content, help) is rendered twice per direction: the PDF deck by poppler, and the PPTX deck by
LibreOffice (`soffice --convert-to pdf`, then `pdftoppm`), given the fonts the deck carries.
Each image is compared with its reviewed copy in `tests/golden/images/` by a perceptual diff
(see `difference`), not byte for byte, so that an antialiasing change does not fail the test
and a moved box or a lost line does.

The lessons are test fixtures, not the shipped curriculum, so that editing a lesson does not
change a golden image: the authoring guide's example lesson and the Arabic test lesson, each in
every band (the same text in each band's look). The footer's version and date are pinned too.

Regenerate after an intended change with
`LESSONKIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_images.py`, then look at every
changed PNG before committing it. On a mismatch the test writes the actual, expected and
difference images to `test-artifacts/golden-images/` and names them.

poppler and LibreOffice are system tools (`scripts/install-system-deps.sh`). Without them the
tests skip on a developer's machine, and fail when the `CI` variable is set, so that CI never
passes by skipping the comparison.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageFilter
from pptx import Presentation
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, authoring_example
from golden_support import UPDATE_VARIABLE, updating
from lessonkit.build.localize import localize
from lessonkit.load.curriculum import load_curriculum
from lessonkit.locale.locales import find_locale
from lessonkit.localized import Localized
from lessonkit.model import Lesson, Picture
from lessonkit.render.html.documents import render_lesson_html
from lessonkit.render.pdf.write import write_pdf
from lessonkit.render.settings import RenderSettings
from lessonkit.render.slides.deck import HELP_PICTURE, render_deck
from print_project import make_project
from test_deck_fonts import read_eot

GOLDEN = Path(__file__).parent / "golden" / "images"
ARTIFACTS = ROOT / "test-artifacts" / "golden-images"
BANDS = ("4-7", "8-10", "11-13", "14-18")
# 40 dpi shows the layout (boxes, pictures, lines of text, the footer) in a few kilobytes per
# page; the text itself is not legible and need not be: the text tests read the PDFs.
RESOLUTION = 40
# Sixteen grey levels: four bits a pixel keep the PNGs small, and a page reduced to them still
# shows every box, band colour and picture.
LEVELS = 16
STEP = 255 // (LEVELS - 1)
# One slide per layout the deck code uses: the title slide, a content slide, the first help slide.
SLIDES = {"title": 1, "content": 2, "help": 3}
# The perceptual diff's limits (see `difference`). Run-to-run noise, measured in December 2026 by
# rendering every image here again in another process: exactly 0 for every poppler image and
# every LibreOffice image (poppler 22.12, LibreOffice 7.4, bundled fonts, pinned date). The limits
# leave room for another version's antialiasing (a page shifted by a pixel passes, see
# `test_the_diff_passes_noise_and_catches_a_lost_line`) and fail a change of layout, measured on
# the English 4-7 handout: one more key message (mean 6.2, 10 % of pixels), one picture fewer
# (2.4, 2.1 %), the 8-10 look (15, 20 %). A letter added to a heading (0.05, 0.07 %) passes: the
# text tests read the words; these images guard what only the eye sees.
MEAN_LIMIT = 0.5  # mean absolute difference, in grey levels out of 255
SHARE_LIMIT = 0.003  # share of pixels differing by more than PIXEL_LIMIT
PIXEL_LIMIT = 24
GOLDEN_DATE, GOLDEN_VERSION = datetime.date(2026, 1, 1), "golden"
ARABIC_PICTURES = (Picture("trusted-adult", "شخص كبير يساعد، مثل معلّمة."), Picture("helping-hand", "يد المساعدة."))


def _require(tool: str) -> str:
    """The path of a system tool; skip without it, except in CI, where a missing tool fails."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is missing: run scripts/install-system-deps.sh"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@dataclasses.dataclass(frozen=True)
class Fixture:
    """A localized test project, its one lesson and the settings that render it."""

    item: Localized
    base: Lesson
    settings: RenderSettings

    def lesson(self, band: str) -> Lesson:
        """The lesson as if written for `band`: the same text in that band's look."""
        return dataclasses.replace(self.base, band=band)


def _fixture(folder: Path, name: str, text: str, language: str, locale: str) -> Fixture:
    root = make_project(folder, {name: text}, source_language=language)
    curriculum, problems = load_curriculum(root)
    assert curriculum is not None and not [p for p in problems if p.severity == "error"], problems
    # Every footer prints the curriculum's version and date: pinned, so that a release does not
    # change every golden image.
    config = dataclasses.replace(curriculum.config, version=GOLDEN_VERSION, updated=GOLDEN_DATE)
    item = localize(dataclasses.replace(curriculum, config=config), root, find_locale(root, locale))
    (lesson,) = item.curriculum.lessons
    return Fixture(item, lesson, RenderSettings(config, root))


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    """The authoring guide's example lesson (with pictures and a drawing box) in English."""
    return _fixture(tmp_path_factory.mktemp("golden-en"), "example.md", authoring_example(), "en", "en-IE")


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    """The Arabic test lesson, given the example's pictures (the fixture predates pictures)."""
    text = (FIXTURES / "arabic" / "helpers-ar.md").read_text(encoding="utf-8")
    fixture = _fixture(tmp_path_factory.mktemp("golden-ar"), "helpers-ar.md", text, "ar", "ar-DE")
    return dataclasses.replace(fixture, base=dataclasses.replace(fixture.base, pictures=ARABIC_PICTURES))


def _pdf(fixture: Fixture, kind: str, lesson: Lesson, out: Path) -> Path:
    """One document of the lesson as the build writes it (same template, stylesheet and fonts)."""
    item, settings = fixture.item, fixture.settings
    document = render_lesson_html(kind, lesson, item.locale, item.pack, item.ui, settings)
    root = settings.root
    style = "slides" if kind == "slides-pdf" else "print"
    data = write_pdf(document.html, root, (settings.assets, settings.handouts), settings.handouts / "css", style).data
    out.write_bytes(data)
    return out


def _page(pdf: Path, number: int) -> Image.Image:
    """Page `number` of the PDF as poppler draws it: greyscale at RESOLUTION dpi, LEVELS grey levels."""
    prefix = pdf.with_name(f"{pdf.stem}-page-{number}")
    subprocess.run(
        [_require("pdftoppm"), "-r", str(RESOLUTION), "-gray", "-png", "-singlefile", "-f", str(number),
         "-l", str(number), str(pdf), str(prefix)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    with Image.open(prefix.with_suffix(".png")) as image:
        return _levels(image.convert("L"))


def _levels(image: Image.Image) -> Image.Image:
    """The image reduced to LEVELS grey levels, the form in which golden images are stored."""
    return image.point(lambda value: (value + STEP // 2) // STEP * STEP)


def _save(image: Image.Image, path: Path) -> None:
    """A greyscale image as a four-bit palette PNG (a few kilobytes a page)."""
    indexed = Image.frombytes("P", image.size, image.point(lambda value: value // STEP).tobytes())
    indexed.putpalette([level * STEP for level in range(LEVELS) for _ in range(3)])
    path.parent.mkdir(parents=True, exist_ok=True)
    indexed.save(path, optimize=True, bits=4)


def difference(actual: Image.Image, expected: Image.Image) -> tuple[float, float]:
    """(mean absolute difference in grey levels, share of pixels differing by more than PIXEL_LIMIT).

    Both images are halved and blurred first, as an eye at reading distance would: a glyph edge
    antialiased one pixel further is lost in the blur; a missing word, line, box or picture is not.
    """
    assert actual.size == expected.size

    def soften(image: Image.Image) -> Image.Image:
        return image.reduce(2).filter(ImageFilter.GaussianBlur(1))

    histogram = ImageChops.difference(soften(actual), soften(expected)).histogram()
    pixels = sum(histogram)
    mean = sum(level * count for level, count in enumerate(histogram)) / pixels
    share = sum(histogram[PIXEL_LIMIT + 1 :]) / pixels
    return mean, share


def _shown(path: Path) -> str:
    """A path as the message shows it: relative to the project when inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def assert_looks_like_golden(actual: Image.Image, name: str) -> None:
    """The image matches tests/golden/images/NAME.png within the limits (written first when updating)."""
    path = GOLDEN / f"{name}.png"
    if updating():
        _save(actual, path)
    assert path.is_file(), f"no golden image {path}: run with {UPDATE_VARIABLE}=1, then look at it"
    with Image.open(path) as stored:
        expected = stored.convert("L")
    if actual.size == expected.size:
        mean, share = difference(actual, expected)
        if mean <= MEAN_LIMIT and share <= SHARE_LIMIT:
            return
        verdict = (
            f"mean difference {mean:.2f} (limit {MEAN_LIMIT}), {share:.2%} of pixels differ (limit {SHARE_LIMIT:.2%})"
        )
    else:
        verdict = f"size {actual.size}, golden {expected.size}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _save(actual, ARTIFACTS / f"{name}-actual.png")
    _save(expected, ARTIFACTS / f"{name}-expected.png")
    if actual.size == expected.size:
        # Differences drawn dark on white, strengthened so that a faint one shows.
        diff = ImageChops.invert(ImageChops.difference(actual, expected).point(lambda value: min(255, value * 4)))
        diff.save(ARTIFACTS / f"{name}-diff.png")
    pytest.fail(
        f"{name}: the rendering differs from {_shown(path)}: {verdict}. "
        f"See {_shown(ARTIFACTS)}/{name}-actual.png, -expected.png and -diff.png; if the change is "
        f"intended, run with {UPDATE_VARIABLE}=1 and look at the new image before committing it."
    )


def _fixture_of(request: pytest.FixtureRequest, direction: str) -> Fixture:
    fixture: Fixture = request.getfixturevalue("english" if direction == "ltr" else "arabic")
    return fixture


# --- handouts: poppler -----------------------------------------------------------------------


@pytest.mark.parametrize("band", BANDS)
@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_handout_page_one_per_band_and_direction(
    request: pytest.FixtureRequest, direction: str, band: str, tmp_path: Path
) -> None:
    fixture = _fixture_of(request, direction)
    pdf = _pdf(fixture, "handout", fixture.lesson(band), tmp_path / "handout.pdf")
    assert_looks_like_golden(_page(pdf, 1), f"handout-{direction}-{band}")


# --- decks: the PDF deck by poppler, the PPTX deck by LibreOffice ------------------------------


def _deck_layouts(deck: Path) -> None:
    """The slides compared are the ones named in SLIDES: a help slide carries the help picture."""
    slides = list(Presentation(str(deck)).slides)
    assert len(slides) >= max(SLIDES.values())
    names = [{shape.name for shape in slide.shapes} for slide in slides]
    assert HELP_PICTURE in names[SLIDES["help"] - 1] and HELP_PICTURE not in names[SLIDES["content"] - 1]


@pytest.fixture(scope="module")
def decks(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both directions' PPTX decks and PDF decks of the 4-7 lesson (the band with pictures on its title slide)."""
    folder = tmp_path_factory.mktemp("golden-decks")
    out = {}
    for direction in ("ltr", "rtl"):
        fixture = _fixture_of(request, direction)
        lesson, item = fixture.lesson("4-7"), fixture.item
        pptx = folder / f"deck-{direction}.pptx"
        pptx.write_bytes(render_deck(lesson, item.locale, item.pack, item.ui, fixture.settings))
        _deck_layouts(pptx)
        out[f"pptx-{direction}"] = pptx
        out[f"pdf-{direction}"] = _pdf(fixture, "slides-pdf", lesson, folder / f"slides-{direction}.pdf")
    return out


FONT_CONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def _carried_fonts(decks: list[Path], folder: Path) -> Path:
    """A fontconfig file that adds the fonts the decks carry (their EOT parts unwrapped) to the system's.

    LibreOffice reads the fonts embedded in a PPTX only from 25.8 on; 7.4 would draw the decks in
    whatever the machine has (DejaVu Sans on Debian). Given the decks' own fonts through
    fontconfig, every LibreOffice draws what a reader that honours the embedded fonts shows, and
    the images do not depend on the fonts installed.
    """
    fonts = folder / "fonts"
    fonts.mkdir()
    for deck in decks:
        with zipfile.ZipFile(deck) as package:
            for name in package.namelist():
                if name.endswith(".fntdata"):
                    font = read_eot(package.read(name))["font"]
                    assert isinstance(font, bytes)
                    (fonts / f"{deck.stem}-{Path(name).stem}.ttf").write_bytes(font)
    config = folder / "fonts.conf"
    config.write_text(FONT_CONFIG.format(fonts=fonts, cache=folder / "font-cache"), encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def libreoffice_pdfs(decks: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both PPTX decks converted to PDF by LibreOffice Impress (one start, a profile and home of its own)."""
    soffice = _require("soffice")
    folder = tmp_path_factory.mktemp("golden-libreoffice")
    pptx = [decks["pptx-ltr"], decks["pptx-rtl"]]
    env = {"HOME": str(folder), "PATH": os.environ["PATH"], "FONTCONFIG_FILE": str(_carried_fonts(pptx, folder))}
    subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *map(str, pptx)],
        check=True, capture_output=True, timeout=300, env=env,
    )  # fmt: skip
    converted = {direction: folder / f"{deck.stem}.pdf" for direction, deck in zip(("ltr", "rtl"), pptx, strict=True)}
    for direction, pdf in converted.items():
        assert pdf.is_file(), f"LibreOffice wrote no PDF for the {direction} deck"
    return converted


@pytest.mark.slow
@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_libreoffice_draws_the_decks_in_the_fonts_they_carry(libreoffice_pdfs: dict[str, Path], direction: str) -> None:
    """The fonts unwrapped from the decks' font parts are the ones LibreOffice drew with (they are real fonts)."""
    fonts = set()
    for page in PdfReader(str(libreoffice_pdfs[direction])).pages:
        resources: Any = page["/Resources"].get_object()
        for font in resources["/Font"].get_object().values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    # Titles are bold, other text regular; in the Arabic deck the Latin text (service names) is regular.
    expected = {"AtkinsonHyperlegible-Regular"} | (
        {"NotoSansArabic-Regular", "NotoSansArabic-Bold"} if direction == "rtl" else {"AtkinsonHyperlegible-Bold"}
    )
    assert expected <= fonts, fonts


@pytest.mark.parametrize("layout", SLIDES)
@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_pdf_deck_slide_per_layout(decks: dict[str, Path], direction: str, layout: str) -> None:
    image = _page(decks[f"pdf-{direction}"], SLIDES[layout])
    assert_looks_like_golden(image, f"slides-pdf-{direction}-{layout}")


@pytest.mark.slow
@pytest.mark.parametrize("layout", SLIDES)
@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_pptx_slide_per_layout_in_libreoffice(libreoffice_pdfs: dict[str, Path], direction: str, layout: str) -> None:
    image = _page(libreoffice_pdfs[direction], SLIDES[layout])
    assert_looks_like_golden(image, f"slides-pptx-{direction}-{layout}")


# --- the comparison itself --------------------------------------------------------------------


def test_the_diff_passes_noise_and_catches_a_lost_line() -> None:
    """The limits separate a one-pixel shift of antialiasing from a line of text gone missing."""
    page = Image.new("L", (330, 470), 255)
    for row in range(60, 400, 24):
        page.paste(40, (30, row, 300, row + 6))  # lines of "text"
    shifted = Image.new("L", page.size, 255)
    shifted.paste(page.crop((0, 0, 329, 470)), (1, 0))
    assert difference(_levels(shifted), _levels(page))[1] <= SHARE_LIMIT
    lost = page.copy()
    lost.paste(255, (30, 180, 300, 186))  # one line fewer
    mean, share = difference(_levels(lost), _levels(page))
    assert mean > MEAN_LIMIT or share > SHARE_LIMIT


def test_another_bands_look_does_not_pass_for_the_golden_image(english: Fixture, tmp_path: Path) -> None:
    """On real pages: the 8-10 handout differs from the 4-7 golden image by more than the limits."""
    pdf = _pdf(english, "handout", english.lesson("8-10"), tmp_path / "handout.pdf")
    with Image.open(GOLDEN / "handout-ltr-4-7.png") as stored:
        mean, share = difference(_page(pdf, 1), stored.convert("L"))
    assert mean > MEAN_LIMIT and share > SHARE_LIMIT


def test_a_mismatch_fails_and_leaves_the_images_to_look_at(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(UPDATE_VARIABLE, raising=False)
    monkeypatch.setattr(sys.modules[__name__], "GOLDEN", tmp_path / "golden")
    monkeypatch.setattr(sys.modules[__name__], "ARTIFACTS", tmp_path / "artifacts")
    page = Image.new("L", (120, 160), 255)
    _save(page, tmp_path / "golden" / "page.png")
    assert_looks_like_golden(page, "page")  # the same page passes
    changed = page.copy()
    changed.paste(0, (10, 10, 110, 40))  # a dark box where there was none
    with pytest.raises(pytest.fail.Exception, match=r"artifacts/page-actual.png, -expected.png and -diff.png"):
        assert_looks_like_golden(changed, "page")
    for suffix in ("actual", "expected", "diff"):
        assert (tmp_path / "artifacts" / f"page-{suffix}.png").is_file()


def test_a_missing_renderer_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="soffice is missing"):
        _require("soffice")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="pdftoppm is missing"):
        _require("pdftoppm")


def test_stored_images_are_small_greyscale(tmp_path: Path) -> None:
    """Golden images stay cheap to keep in the repository: four-bit greyscale, a few kilobytes each."""
    images = sorted(GOLDEN.glob("*.png"))
    names = {f"handout-{d}-{b}" for d in ("ltr", "rtl") for b in BANDS}
    names |= {f"slides-{r}-{d}-{s}" for r in ("pdf", "pptx") for d in ("ltr", "rtl") for s in SLIDES}
    # Exactly the images the tests compare: none missing, none left over from an earlier layout.
    assert {x.stem for x in images} == names
    for path in images:
        with Image.open(path) as image:
            colours = image.convert("RGB").getcolors(256) or []
            assert image.mode == "P" and 0 < len(colours) <= LEVELS, path
            assert all(isinstance(c, tuple) and len(set(c)) == 1 for _, c in colours), f"{path} is not greyscale"
        assert path.stat().st_size < 16_000, f"{path} is {path.stat().st_size} bytes"
    round_trip = _levels(Image.linear_gradient("L"))
    _save(round_trip, tmp_path / "gradient.png")
    with Image.open(tmp_path / "gradient.png") as again:
        assert again.convert("L").tobytes() == round_trip.tobytes()
