"""Right-to-left paragraphs: python-pptx has no API for it, so set `rtl="1"` on `a:pPr` directly."""

from __future__ import annotations

from pptx.enum.text import PP_ALIGN
from pptx.text.text import _Paragraph


def make_rtl(paragraph: _Paragraph) -> None:
    """Lay out one paragraph right to left, aligned to the right."""
    paragraph.alignment = PP_ALIGN.RIGHT
    paragraph._p.get_or_add_pPr().set("rtl", "1")
