"""One contact sheet of golden images, to look at them all at once after regenerating them.

    .venv/bin/python scripts/golden_sheet.py                       # tests/golden/images -> golden-sheet.png
    .venv/bin/python scripts/golden_sheet.py test-artifacts/golden-images --out /tmp/mismatches.png

Images are laid out in name order, several to a row, each with its name above it, so that a
handout in each band's look, or a slide beside its LibreOffice rendering, can be compared by eye.
The sheet is a review aid: it is written to the output file and never committed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
GAP, LABEL = 12, 14  # pixels between images; height of a name line


def contact_sheet(images: list[Path], columns: int) -> Image.Image:
    """The images on a grey sheet, `columns` to a row, each under its file name."""
    opened = [Image.open(path).convert("L") for path in images]
    width = max(image.width for image in opened)
    height = max(image.height for image in opened) + LABEL
    rows = (len(opened) + columns - 1) // columns
    sheet = Image.new("L", (columns * (width + GAP) + GAP, rows * (height + GAP) + GAP), 160)
    draw = ImageDraw.Draw(sheet)
    for index, (path, image) in enumerate(zip(images, opened, strict=True)):
        left = GAP + (index % columns) * (width + GAP)
        top = GAP + (index // columns) * (height + GAP)
        draw.text((left, top), path.stem, fill=0)
        sheet.paste(image, (left, top + LABEL))
    return sheet


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "tests" / "golden" / "images")
    parser.add_argument("--out", type=Path, default=Path("golden-sheet.png"), help="the sheet to write")
    parser.add_argument("--columns", type=int, default=4, help="images per row (default 4)")
    options = parser.parse_args(argv)
    images = sorted(options.folder.glob("*.png"))
    if not images:
        print(f"{options.folder}: no PNG images", file=sys.stderr)
        return 2
    if options.columns < 1:
        print("--columns must be at least 1", file=sys.stderr)
        return 2
    contact_sheet(images, options.columns).save(options.out, optimize=True)
    print(f"{options.out}: {len(images)} images")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
