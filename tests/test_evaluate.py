"""The evaluation kit and report: questionnaires per band, the offline form's CSV, and known effects recovered."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT, run_cli
from lessonkit.evaluate.kit import CONFIDENCE, HELP, KNOWLEDGE, MAX_KNOWLEDGE, Kit
from lessonkit.evaluate.pages import CSP
from lessonkit.evaluate.report import read_results
from lessonkit.evaluate.run import KitReport, _pdf, write_kits
from lessonkit.evaluate.stats import t_975, welch

KIT = "lessonkit-8-10-0123abcd"
ITEMS = [f"k{n}" for n in range(1, 9)] + ["c1", "c2", "h1", "h2"]
HEADER = ["kit", "band", "locale", "phase", *ITEMS]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def simulated(
    rng: random.Random, phase: str, count: int, right: float, sure: float, band: str = "8-10"
) -> list[list[str]]:
    """`count` learners: each knowledge item right with chance `right`, scales around `sure` (1-4)."""
    rows = []
    for _ in range(count):
        knowledge = ["1" if rng.random() < right else "0" for _ in range(8)]
        scales = [str(min(4, max(1, round(rng.gauss(sure, 0.8))))) for _ in range(4)]
        if rng.random() < 0.1:
            knowledge[rng.randrange(8)] = ""  # a question left out
        rows.append(
            [KIT if band == "8-10" else f"lessonkit-{band}-feedc0de", band, "en-IE", phase, *knowledge, *scales]
        )
    return rows


@pytest.fixture(scope="module")
def kits(tmp_path_factory: pytest.TempPathFactory) -> KitReport:
    out = tmp_path_factory.mktemp("kits")
    return write_kits(ROOT, out, ["en-IE", "ar-DE"], pdf=False)


# ---------------------------------------------------------------- statistics


def test_t_quantiles_match_published_tables() -> None:
    for df, value in ((9, 2.262), (10, 2.228), (20, 2.086), (30, 2.042), (120, 1.980), (10_000, 1.960)):
        assert abs(t_975(df) - value) < 0.002, df


def test_welch_interval_of_a_known_difference() -> None:
    change = welch([1.0, 2.0, 3.0, 4.0, 5.0], [3.0, 4.0, 5.0, 6.0, 7.0])
    assert change.difference == 2.0
    # Both groups have variance 2.5: se = 1, df = 8, t = 2.306.
    assert abs(change.low - (2 - 2.306)) < 0.003 and abs(change.high - (2 + 2.306)) < 0.003


# ---------------------------------------------------------------- the kit


def test_every_band_gets_a_kit_in_each_locale(kits: KitReport) -> None:
    by_locale: dict[str, dict[str, Kit]] = {}
    for kit in kits.kits:
        by_locale.setdefault(kit.locale, {})[kit.band] = kit
    assert sorted(by_locale["en-IE"]) == ["11-13", "14-18", "4-7", "8-10"]
    for band, kit in by_locale["en-IE"].items():
        knowledge = kit.of(KNOWLEDGE)
        assert 3 <= len(knowledge) <= MAX_KNOWLEDGE, band
        assert all(sum(o.correct for o in item.options) == 1 for item in knowledge), band
        assert len(kit.of(CONFIDENCE)) == 2 and len(kit.of(HELP)) == 2, band
        assert kit.columns[:4] == ("kit", "band", "locale", "phase")
        arabic = by_locale["ar-DE"][band]
        # The same questions under the same ids and version: results of both languages pool.
        assert arabic.version == kit.version and [i.id for i in arabic.items] == [i.id for i in kit.items]
        assert [i.text for i in arabic.items] != [i.text for i in kit.items]
    # The confidence statements are phrased for the band.
    assert by_locale["en-IE"]["4-7"].of(CONFIDENCE)[0].text != by_locale["en-IE"]["14-18"].of(CONFIDENCE)[0].text


def test_kit_files_are_written_beside_the_band_downloads(kits: KitReport) -> None:
    names = {p.relative_to(p.parents[3]).as_posix() for p in kits.written}
    assert "downloads/en-IE/8-10/evaluation-questionnaire-8-10-en-IE.html" in names
    assert "downloads/ar-DE/14-18/evaluation-form-14-18-ar-DE.html" in names


def test_printable_questionnaire_asks_no_personal_data(kits: KitReport) -> None:
    path = next(p for p in kits.written if p.name == "evaluation-questionnaire-11-13-ar-DE.html")
    page = path.read_text(encoding="utf-8")
    tree = etree.HTML(page)
    assert tree.get("lang") == "ar" and tree.get("dir") == "rtl"
    assert not tree.findall(".//input") and "{{" not in page
    assert "Nummer gegen Kummer" in page  # the help line, filled for Germany


def test_questionnaire_pdf_renders(kits: KitReport) -> None:
    path = next(p for p in kits.written if p.name == "evaluation-questionnaire-8-10-en-IE.html")
    data = _pdf(path.read_text(encoding="utf-8"), ROOT)
    assert data.startswith(b"%PDF-")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "What do you think?" in text and "Before the lessons" in text


def test_offline_form_is_private_by_construction(kits: KitReport) -> None:
    path = next(p for p in kits.written if p.name == "evaluation-form-8-10-en-IE.html")
    page = path.read_text(encoding="utf-8")
    assert f'content="{CSP}"' in page and "connect-src" not in page
    for word in ("fetch(", "XMLHttpRequest", "localStorage", "sessionStorage", "indexedDB", "sendBeacon", "WebSocket"):
        assert word not in page, word
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", page)
    assert "name=" in page and 'type="text"' not in page  # only choices: no field could hold a name
    data = json.loads(re.search(r'<script type="application/json" id="kit">(.*?)</script>', page, re.S).group(1))
    assert data["columns"][:4] == ["kit", "band", "locale", "phase"] and data["band"] == "8-10"


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    from website.conftest import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium missing: run make system-deps")
def test_offline_form_saves_answers_to_a_csv_from_disk(kits: KitReport, browser: object, tmp_path: Path) -> None:
    path = next(p for p in kits.written if p.name == "evaluation-form-8-10-en-IE.html")
    context = browser.new_context(accept_downloads=True)  # type: ignore[attr-defined]
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.get_by_role("button", name="Save this answer").click()
    assert "Choose 'before' or 'after' first." in page.locator("#status").inner_text()
    page.get_by_label("Before the lessons").check()
    page.locator('input[name="k1"]').first.check()  # the first option of k1
    page.locator('input[name="c1"][value="3"]').check()
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Save this answer").click()
    assert page.locator("#status").inner_text() == "Answers saved: 1"
    assert not page.locator('input[name="k1"]:checked').count()  # cleared for the next learner
    page.get_by_label("After the lessons").check()
    page.locator('input[name="h2"][value="4"]').check()
    page.get_by_role("button", name="Save this answer").press("Enter")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the answers (CSV)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "answers-8-10-en-IE.csv"
    responses, problems = read_results([saved])
    assert problems == []
    assert [(r.phase, r.values.get("c1"), r.values.get("h2")) for r in responses] == [
        ("pre", 3.0, None),
        ("post", None, 4.0),
    ]
    assert responses[0].values["k1"] in (0.0, 1.0) and responses[1].values["k1"] is None
    assert all(url.startswith("file://") for url in requests), requests
    context.close()


# ---------------------------------------------------------------- the report


def test_report_recovers_a_known_effect_from_pooled_files(tmp_path: Path) -> None:
    rng = random.Random(20261201)
    files = [
        write_csv(tmp_path / "ngo-a.csv", simulated(rng, "pre", 90, 0.5, 2.2) + simulated(rng, "post", 80, 0.7, 2.7)),
        write_csv(tmp_path / "ngo-b.csv", simulated(rng, "pre", 70, 0.5, 2.2)),
        write_csv(tmp_path / "ngo-c.csv", simulated(rng, "post", 90, 0.7, 2.7)),
    ]
    result = run_cli("evaluate", "report", *map(str, files), "--format", "json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    (band,) = report["bands"]
    assert band["band"] == "8-10" and band["respondents"] == {"pre": 160, "post": 170}
    measures = {m["name"]: m for m in band["measures"]}
    low, high = measures["knowledge"]["ci95"]
    assert low < 20 < high and low > 10, measures["knowledge"]  # simulated +20 points, clearly above zero
    assert abs(measures["knowledge"]["change"] - 20) < 6
    low, high = measures["confidence"]["ci95"]
    assert low < 0.5 < high and low > 0
    items = {i["name"]: i for i in band["items"]}
    assert sorted(items) == sorted(ITEMS)
    inside = sum(items[k]["ci95"][0] < 20 < items[k]["ci95"][1] for k in ITEMS[:8])
    assert inside >= 7  # 95% intervals: nearly all eight items cover the true change
    null = run_cli("evaluate", "report", str(files[0]), "--format", "text")
    assert null.code == 0 and "band 8-10" in null.out and "knowledge (% right)" in null.out


def test_report_shows_no_change_when_there_is_none(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = write_csv(
        tmp_path / "same.csv", simulated(rng, "pre", 200, 0.6, 2.5) + simulated(rng, "post", 200, 0.6, 2.5)
    )
    report = json.loads(run_cli("evaluate", "report", str(path), "--format", "json").out)
    knowledge = report["bands"][0]["measures"][0]
    assert knowledge["name"] == "knowledge" and knowledge["ci95"][0] < 0 < knowledge["ci95"][1]


@pytest.mark.parametrize(
    ("header", "row", "where", "code"),
    [
        (["kit", "band", "locale", "phase", "Name", "k1"], ["K", "8-10", "en-IE", "pre", "Sam", "1"], "1:23", "R001"),
        (["kit", "band", "E-Mail", "phase", "k1"], ["K", "8-10", "a@b.example", "pre", "1"], "1:10", "R001"),
        (["kit", "band", "locale", "phase", "k1"], ["K", "8-10", "sam@school.example", "pre", "1"], "2:8", "R002"),
        (["kit", "band", "locale", "phase", "comment", "k1"], ["K", "8-10", "en-IE", "pre", "hi", "1"], "1:23", "R003"),
        (["kit", "band", "locale", "phase", "k1"], ["K", "8-10", "en-IE", "during", "1"], "2:14", "R005"),
        (["kit", "band", "locale", "phase", "k1"], ["K", "8-10", "en-IE", "pre", "7"], "2:18", "R005"),
    ],
)
def test_identifying_or_bad_columns_are_refused_and_located(
    tmp_path: Path, header: list[str], row: list[str], where: str, code: str
) -> None:
    good = write_csv(tmp_path / "good.csv", simulated(random.Random(1), "pre", 3, 0.5, 2))
    bad = write_csv(tmp_path / "class-3b.csv", [row], header)
    result = run_cli("evaluate", "report", str(good), str(bad))
    assert result.code == 2, result.out
    assert f"{bad}:{where}: error {code}" in result.err
    assert result.out == "" and "Traceback" not in result.err
    if where.startswith("1:"):  # the message names the column
        line = ",".join(header)
        starts = [1] + [index + 2 for index, char in enumerate(line) if char == ","]
        column = starts.index(int(where.split(":")[1])) + 1
        assert f"column {column} '{header[column - 1]}'" in result.err


def test_small_groups_are_suppressed(tmp_path: Path) -> None:
    rng = random.Random(3)
    rows = simulated(rng, "pre", 6, 0.5, 2.0) + simulated(rng, "post", 40, 0.8, 3.0)
    rows += simulated(rng, "pre", 30, 0.5, 2.0, band="14-18") + simulated(rng, "post", 30, 0.6, 2.5, band="14-18")
    path = write_csv(tmp_path / "small.csv", rows)
    report = json.loads(run_cli("evaluate", "report", str(path), "--format", "json").out)
    small, large = report["bands"]
    assert small["band"] == "8-10" and small["respondents"] == {"pre": None, "post": 40}
    assert all(not m["shown"] and "pre" not in m for m in small["measures"] + small["items"])
    assert all(m["shown"] for m in large["measures"])
    text = run_cli("evaluate", "report", str(path)).out
    assert "fewer than 10 answer(s) before" in text and "not shown: fewer than 10" in text
    assert " 6 " not in text and "n=6" not in text
    stricter = json.loads(run_cli("evaluate", "report", str(path), "--format", "json", "--min-group", "31").out)
    assert not any(m["shown"] for m in stricter["bands"][1]["measures"])


def test_html_report_is_self_contained_with_charts(tmp_path: Path) -> None:
    rng = random.Random(11)
    path = write_csv(tmp_path / "r.csv", simulated(rng, "pre", 40, 0.5, 2.0) + simulated(rng, "post", 40, 0.7, 2.6))
    out = tmp_path / "report.html"
    result = run_cli("evaluate", "report", str(path), "--format", "html", "--out", str(out))
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    tree = etree.HTML(page)
    svgs = tree.findall(".//{http://www.w3.org/2000/svg}svg") or tree.findall(".//svg")
    assert len(svgs) == 3
    assert "<script" not in page
    addresses = re.findall(r"https?://[^\s\"'<>]+", page)
    assert set(addresses) <= {"http://www.w3.org/2000/svg"}
    assert page.count("<circle") == 3 + 12  # three measures, twelve items
