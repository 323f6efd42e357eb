"""Outputs and caches under careless and hostile conditions (issue 12): nothing lost, nothing injected.

Every test works in a throw-away copy of a small project (the authoring guide's example lesson
and a guide). `--out` mistakes are refused before anything is touched; builds into one output
are serialised; a killed build leaves no worker and no temporary file behind outside its
staging folder; damaged or planted cache files are discarded, never published or executed;
published files are world-readable whatever the umask.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import psutil
import pytest

from conftest import ROOT, Run
from lessonkit.build.cache import CACHE_DIR, DocumentCache
from lessonkit.build.staging import LOCK_PREFIX, MARKER, STAGE_PREFIX
from lessonkit.build.up_to_date import STAMP, BuildRecord
from lessonkit.cache_file import seal, unseal
from lessonkit.check.rulebook import load_rulebook, rules_cache_key, rules_cache_path
from print_project import GUIDE, example_lessons, make_project, pdf_info

# The documents of the example project in en-IE: seven files of the lesson (easy read too), the guide, the handbook.
DOCUMENTS = 9
BUILD = ("build", "--no-site", "--locale", "en-IE", "--jobs", "2")

SLOW_GUIDE = (
    """---
id: slow-guide
title: "A very long table"
topic: talking-together
audience: parents
key_messages:
  - "Long tables take a long time to lay out."
sources: [rec-parents]
---

| a | b | c |
| --- | --- | --- |
"""
    + "".join(f"| row {i} | cell | cell |\n" for i in range(15000))
    + """
::: help
Parents can call {{ help.parent_helpline }}.
:::
"""
)


def lessonkit(*args: str, cwd: Path = ROOT, umask: int | None = None, env: dict[str, str] | None = None) -> Run:
    """Run the command line, optionally under a umask (the shell sets it, then runs Python)."""
    command = [sys.executable, "-m", "lessonkit", *args]
    if umask is not None:
        command = ["sh", "-c", f'umask {umask:03o} && exec "$@"', "sh", *command]
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600, check=False, env=env)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def tree(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry under `folder` (relative path -> mode, size, modification time), to see any change."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        found[path.relative_to(folder).as_posix()] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return found


def published(output: Path) -> set[str]:
    return {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project built once (documents for en-IE) under a umask that keeps files private."""
    root = make_project(tmp_path_factory.mktemp("safety") / "project", example_lessons())
    result = lessonkit(*BUILD, "--quiet", "--project", str(root), umask=0o077)
    assert result.code == 0, result.err
    return root


def copy_of(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built project, output and caches included.

    Cached documents are keyed by their lessons, paths included, so a build in the copy renders
    them again; tests that need a warm cache build once in the copy first.
    """
    return Path(shutil.copytree(built, tmp_path / "project", symlinks=True))


def light_project(tmp_path: Path) -> Path:
    """A project with one guide: one document, built in a few seconds."""
    return make_project(tmp_path / "light", {"guide.md": GUIDE})


# --- 1. Output folders that cannot eat input -------------------------------------------------------


def _refusal_project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "outer" / "project", example_lessons())
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / "site").mkdir()
    (root / "site" / MARKER).write_text("lessonkit output 0\n", encoding="utf-8")
    (root / "site" / "downloads").mkdir()
    (root / "notes.txt").write_text("my notes\n", encoding="utf-8")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "letter.txt").write_text("keep me\n", encoding="utf-8")
    # A marker does not make a repository replaceable.
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / MARKER).write_text("lessonkit output 0\n", encoding="utf-8")
    return root


REFUSED = {
    ".": "this is the project folder",
    "..": "this folder holds the project",
    "../..": "this folder holds the project",
    "lessons": "inside the project's 'lessons'",
    "locales/de": "inside the project's 'locales'",
    "handouts": "inside the project's 'handouts'",
    ".git": "inside the project's '.git'",
    ".lessonkit-cache": "inside the project's '.lessonkit-cache'",
    "site/downloads": "an earlier lessonkit output that the next build replaces",
    "notes.txt": "this is not a folder",
    "{tmp}/documents": "is not empty and is not an earlier lessonkit output",
    "{tmp}/repo": "so it is a project or a repository",
}


@pytest.mark.parametrize("command", ["build", "site"])
@pytest.mark.parametrize("out", sorted(REFUSED))
def test_unsafe_output_is_refused_and_nothing_changes(tmp_path: Path, command: str, out: str) -> None:
    root = _refusal_project(tmp_path)
    before = tree(tmp_path)
    given = out.format(tmp=tmp_path)
    if command == "build":
        result = lessonkit(*BUILD, "--quiet", "--out", given, "--project", str(root))
    else:
        result = lessonkit("site", "--out", given, "--locale", "en-IE", cwd=root)
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    target = (root / given).resolve()
    assert f"--out {given}" in result.err or f"--out {root / given}" in result.err, result.err
    assert str(target) in result.err, result.err
    assert REFUSED[out] in result.err, result.err
    assert "nothing was changed" in result.err
    assert tree(tmp_path) == before


def test_earlier_output_and_new_folders_are_accepted(tmp_path: Path) -> None:
    root = light_project(tmp_path)
    (tmp_path / "empty").mkdir()
    for out in (str(tmp_path / "empty"), str(tmp_path / "new" / "print"), "site"):
        result = lessonkit(*BUILD, "--quiet", "--out", out, "--project", str(root))
        assert result.code == 0, (out, result.err)
        output = Path(out) if Path(out).is_absolute() else root / out
        assert (output / MARKER).is_file()
        assert published(output) == {MARKER, "downloads/en-IE/parents/guide-example/guide-example-guide.pdf"}


def test_two_builds_into_one_output_are_serialised(built: Path, tmp_path: Path) -> None:
    root = copy_of(built, tmp_path)
    shutil.rmtree(root / CACHE_DIR)  # nothing cached: the first build renders for several seconds
    complete = published(root / "site")
    command = [sys.executable, "-m", "lessonkit", *BUILD, "--quiet", "--project", str(root)]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(root.glob(f"{STAGE_PREFIX}site-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert first.poll() is None, "the first build ended before the second started"
    second = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen: list[set[str]] = []
    while first.poll() is None or second.poll() is None:
        with contextlib.suppress(FileNotFoundError):  # a name may vanish while a listing runs
            seen.append(published(root / "site"))
        time.sleep(0.05)
    first_err, second_err = first.communicate()[1], second.communicate()[1]
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second_err
    assert "another build into" in second_err and "waiting for it to finish" in second_err, second_err
    # The output was complete at every moment: the old one until the swap, the new one after.
    assert seen and all(state == complete for state in seen), [complete - s for s in seen if s != complete][:3]
    assert published(root / "site") == complete
    assert not list(root.glob(f"{STAGE_PREFIX}*"))


def test_sigkill_leaves_no_orphan_workers_and_no_temporary_files_outside_the_stage(tmp_path: Path) -> None:
    root = light_project(tmp_path)
    (root / "lessons" / "slow.md").write_text(SLOW_GUIDE, encoding="utf-8")
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    before = {p.name for p in root.iterdir()}
    process = subprocess.Popen(
        [sys.executable, "-m", "lessonkit", *BUILD, "--quiet", "--project", str(root)],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(system_tmp)},
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(workers) < 2:
            workers = psutil.Process(process.pid).children(recursive=True)
            time.sleep(0.05)
        assert len(workers) >= 2, "the build did not start its workers"
        # Once WeasyPrint has unpacked its fonts (into the stage), the slow guide is being laid out.
        while time.monotonic() < deadline and not any(root.glob(f"{STAGE_PREFIX}site-*/tmp/weasyprint-*")):
            time.sleep(0.05)
        time.sleep(1)
        assert process.poll() is None, "the build ended before it could be killed"
        workers = psutil.Process(process.pid).children(recursive=True)
        os.kill(process.pid, signal.SIGKILL)  # the build only: its workers must follow by themselves
        process.wait(timeout=30)
        _, alive = psutil.wait_procs(workers, timeout=20)
        survivors = []
        for worker in alive:
            with contextlib.suppress(psutil.NoSuchProcess):
                if worker.status() != psutil.STATUS_ZOMBIE:
                    survivors.append(worker.pid)
        assert survivors == [], f"workers outlived the killed build: {survivors}"
        # The document cache is no temporary folder: on a loaded machine the build may reach it first.
        new = {p.name for p in root.iterdir()} - before - {f"{LOCK_PREFIX}site", ".lessonkit-cache"}
        stages = [name for name in new if name.startswith(STAGE_PREFIX)]
        assert new == set(stages) and len(stages) == 1, new
        # WeasyPrint's font folders went into the stage's own tmp/.
        assert any((root / stages[0] / "tmp").glob("weasyprint-*"))
        assert list(system_tmp.iterdir()) == [], "temporary files were left outside the staging folder"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        for worker in workers:
            with contextlib.suppress(psutil.NoSuchProcess):
                worker.kill()
    (root / "lessons" / "slow.md").unlink()
    again = lessonkit(*BUILD, "--quiet", "--project", str(root))
    assert again.code == 0, again.err
    assert not list(root.glob(f"{STAGE_PREFIX}*"))


# --- 2. A cache that verifies itself ---------------------------------------------------------------


def test_damaged_cache_entries_are_rendered_again_and_never_published(built: Path, tmp_path: Path) -> None:
    root = copy_of(built, tmp_path)
    shutil.rmtree(root / CACHE_DIR)  # the fixture's entries are keyed by its own paths
    warm = lessonkit(*BUILD, "--quiet", "--project", str(root))
    assert warm.code == 0, warm.err
    entries = sorted(p for p in (root / CACHE_DIR / "documents").rglob("*") if p.is_file())
    assert len(entries) == DOCUMENTS
    truncated, garbage, folder = entries[:3]
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    garbage.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    folder.unlink()
    folder.mkdir()
    (folder / "planted").write_text("x", encoding="utf-8")
    (root / CACHE_DIR / STAMP).unlink()  # no whole-build shortcut: the documents are looked up
    result = lessonkit(*BUILD, "--project", str(root))
    assert result.code == 0, result.err
    assert f"(3 rendered, {DOCUMENTS - 3} unchanged)" in result.err, result.err
    for path in sorted(p for p in (root / "site" / "downloads").rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".pdf":
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), path
            assert int(pdf_info(path)["Pages"]) >= 1, path
        else:
            assert zipfile.ZipFile(path).testzip() is None, path
    cache = DocumentCache(root)
    assert all(cache.load(entry.name) is not None for entry in (truncated, garbage, folder))
    # Outputs are copies: no published file shares its bytes with a cache entry.
    cached = {(p.stat().st_dev, p.stat().st_ino) for p in (root / CACHE_DIR / "documents").rglob("*") if p.is_file()}
    for path in (root / "site").rglob("*"):
        if path.is_file():
            assert path.stat().st_nlink == 1 and (path.stat().st_dev, path.stat().st_ino) not in cached, path


class _Payload:
    """Unpickling this creates a file: proof that a cache file ran code."""

    def __init__(self, proof: Path) -> None:
        self.proof = proof

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.proof), "w"))


def payload(proof: Path) -> bytes:
    return pickle.dumps(_Payload(proof))


def test_a_planted_rules_cache_cannot_run_code(tmp_path: Path) -> None:
    proof = tmp_path / "payload-ran"
    cache = tmp_path / "cache"
    cache.mkdir()
    rules = ROOT / "rules"
    files = sorted(rules.glob("*/*.yml"))
    # Where the cache is now (JSON) and where earlier versions kept a pickle.
    current = rules_cache_path(cache, rules_cache_key(rules, files), "en")
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(rules).as_posix().encode() + b"\0" + path.read_bytes())
    legacy = cache / f"rules-{digest.hexdigest()[:32]}.pickle"
    for planted in (current, legacy):
        planted.write_bytes(payload(proof))
    book = load_rulebook(rules, cache)
    assert not proof.exists()
    assert len(book.rules) > 20
    written = unseal(current.name, current.read_bytes())  # replaced by a real cache, signed with our key
    assert written is not None and json.loads(written)["format"] == 3
    # Well-formed JSON that is not a rule cache, or one pointing outside the rules folder, is ignored too,
    # even when signed with the user's key (so the checks on reading hold without the signature).
    record = json.loads(written)
    record["rules"][0]["path"] = "../../etc/passwd"
    current.write_bytes(seal(current.name, json.dumps(record).encode()) or b"")
    again = load_rulebook(rules, cache)
    assert all(rule.location.path.is_relative_to(rules) for rule in again.rules)
    current.write_bytes(seal(current.name, b'{"format": 1, "rules": [{"spec": {"id": "x"}}]}') or b"")
    assert len(load_rulebook(rules, cache).rules) == len(book.rules)
    # A valid cache holding one rule, but not signed with the user's key (shipped with a project): ignored.
    record["rules"] = record["rules"][:1]
    record["rules"][0]["path"] = json.loads(written)["rules"][0]["path"]
    current.write_bytes(json.dumps(record).encode())
    assert len(load_rulebook(rules, cache).rules) == len(book.rules)
    current.write_bytes(seal(current.name, json.dumps(record).encode()) or b"")
    english = [rule for rule in load_rulebook(rules, cache).rules if rule.language == "en"]
    assert len(english) == 1  # the control: signed, the same cache would be used


def test_the_check_command_ignores_a_planted_rules_pickle(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", example_lessons())
    proof = tmp_path / "payload-ran"
    cache = root / CACHE_DIR
    cache.mkdir()
    rules = ROOT / "rules"
    with pickle.loads(payload(proof)):  # the payload works when unpickled ...
        assert proof.exists()
    proof.unlink()
    for language in ("common", "en"):
        key = rules_cache_key(rules, sorted(rules.glob("*/*.yml")))
        rules_cache_path(cache, key, language).write_bytes(payload(proof))
    result = lessonkit("check", cwd=root)
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err
    assert not proof.exists()


@pytest.mark.parametrize("damage", ["not-json", "wrong-shape", "unsigned", "folder"])
def test_a_damaged_build_record_is_discarded_with_a_warning(tmp_path: Path, damage: str) -> None:
    root = light_project(tmp_path)
    first = lessonkit(*BUILD, "--quiet", "--project", str(root))
    assert first.code == 0, first.err
    stamp = root / CACHE_DIR / STAMP
    sealed = unseal(stamp.name, stamp.read_bytes())
    assert sealed is not None, "the build record is not signed with the user's cache key"
    record = json.loads(sealed)
    if damage == "not-json":
        stamp.write_bytes(b'{"inputs": "\x00\xff')
    elif damage == "wrong-shape":
        # The inputs still match, so a careless reader would trust the rest.
        record["documents"] = "many"
        del record["warnings"]
        stamp.write_text(json.dumps(record), encoding="utf-8")
    elif damage == "unsigned":
        # A record as a stranger could plant it with the project: well-formed, matching, not signed.
        stamp.write_bytes(sealed)
    else:
        stamp.unlink()
        stamp.mkdir()
        (stamp / "inside").write_text("x", encoding="utf-8")
    result = lessonkit(*BUILD, "--project", str(root))
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert ".lessonkit-cache/last-build.json:1:1: warning W902 damaged build record discarded" in result.err
    assert "built 1 of 1 document(s)" in result.err and "(0 rendered, 1 unchanged)" in result.err, result.err
    assert BuildRecord.model_validate_json(unseal(stamp.name, stamp.read_bytes()) or b"").documents == 1
    quick = lessonkit(*BUILD, "--project", str(root))
    assert quick.code == 0 and "W902" not in quick.err, quick.err


def test_an_output_replaced_since_the_last_build_is_built_again(tmp_path: Path) -> None:
    root = light_project(tmp_path)
    assert lessonkit(*BUILD, "--quiet", "--project", str(root)).code == 0
    # Another tool (or `lessonkit site`) replaced the output: the record no longer describes it.
    handout = root / "site/downloads/en-IE/parents/guide-example/guide-example-guide.pdf"
    (root / "site" / MARKER).write_text("lessonkit output someone-else\n", encoding="utf-8")
    handout.unlink()
    result = lessonkit(*BUILD, "--quiet", "--project", str(root))
    assert result.code == 0, result.err
    assert handout.is_file()


# --- 3. Published files are world-readable ---------------------------------------------------------


def _modes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): stat.S_IMODE(p.lstat().st_mode) for p in [folder, *folder.rglob("*")]}


def test_documents_are_published_world_readable_under_a_private_umask(built: Path) -> None:
    modes = _modes(built / "site")
    assert any(name.endswith(".pptx") for name in modes) and any(name.endswith(".pdf") for name in modes)
    for name, mode in modes.items():
        expected = 0o755 if (built / "site" / name).is_dir() else 0o644
        assert mode == expected, (name, oct(mode))


def test_site_command_publishes_through_the_stage_world_readable_and_keeps_downloads(
    built: Path, tmp_path: Path
) -> None:
    root = copy_of(built, tmp_path)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "site-theme", root / "site-theme")
    marker = (root / "site" / MARKER).read_text(encoding="utf-8")
    downloads = {p: p.read_bytes() for p in (root / "site" / "downloads").rglob("*") if p.is_file()}
    result = lessonkit("site", "--locale", "en-IE", cwd=root, umask=0o077)
    assert result.code == 0, result.err
    assert (root / "site" / "index.html").is_file()
    after = {p: p.read_bytes() for p in (root / "site" / "downloads").rglob("*") if p.is_file()}
    assert {p: after.get(p) for p in downloads} == downloads  # every document kept, byte for byte
    # The site adds one ZIP of each lesson's files next to them, and nothing else.
    assert {p.suffix for p in set(after) - set(downloads)} == {".zip"}
    assert (root / "site" / MARKER).read_text(encoding="utf-8") != marker  # a new output, so a new token
    assert not list(root.glob(f"{STAGE_PREFIX}*"))
    for name, mode in _modes(root / "site").items():
        expected = 0o755 if (root / "site" / name).is_dir() else 0o644
        assert mode == expected, (name, oct(mode))


# --- 4. Missing fonts and refused stylesheet fetches fail the build ---------------------------------


def test_a_missing_font_fails_the_build_with_a_located_error(built: Path, tmp_path: Path) -> None:
    root = copy_of(built, tmp_path)
    font = "atkinson-hyperlegible-latin-400-normal.woff2"
    (root / "handouts" / "fonts" / "atkinson-hyperlegible" / font).unlink()
    css = (root / "handouts" / "css" / "fonts.css").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(css, 1) if font in text)
    before = tree(root / "site")
    result = lessonkit(*BUILD, "--quiet", "--project", str(root))
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert f"handouts/css/fonts.css:{line}:" in result.err and f"{font}': no such file" in result.err, result.err
    assert tree(root / "site") == before


def test_a_refused_stylesheet_fetch_fails_the_build_with_a_located_error(built: Path, tmp_path: Path) -> None:
    root = copy_of(built, tmp_path)
    css = root / "handouts" / "css" / "print.css"
    text = css.read_text(encoding="utf-8")
    css.write_text(text + '\nbody { background: url("https://tracker.example/pixel.png"); }\n', encoding="utf-8")
    line = text.count("\n") + 2
    result = lessonkit(*BUILD, "--quiet", "--project", str(root))
    assert result.code == 2, result.err
    assert f"handouts/css/print.css:{line}:20: error E910" in result.err, result.err
    assert "'https' URLs are not allowed" in result.err and "Traceback" not in result.err


def test_the_worker_refuses_stylesheets_whose_fonts_are_missing(tmp_path: Path) -> None:
    from lessonkit.render.pdf.write import StylesheetError, stylesheets

    handouts = Path(shutil.copytree(ROOT / "handouts", tmp_path / "handouts"))
    (handouts / "fonts" / "noto-sans-arabic" / "NotoSansArabic-Regular.ttf").unlink()
    with pytest.raises(StylesheetError, match=r"NotoSansArabic-Regular\.ttf: no such file"):
        stylesheets(handouts / "css", "print", "A4")
