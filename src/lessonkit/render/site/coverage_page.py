"""The coverage matrix: which lessons answer each finding and recommendation, per band, grouped by publication."""

from __future__ import annotations

from lessonkit.coverage import Coverage, coverage_matrix
from lessonkit.model import Source
from lessonkit.render.sanitise import link_target
from lessonkit.render.site import layout
from lessonkit.render.site.context import LocaleContext
from lessonkit.render.site.text import escape, raw_block


def coverage_markdown(ctx: LocaleContext) -> str:
    """The Markdown of the coverage page, generated from every lesson's `sources`."""
    t = ctx.t
    config = ctx.curriculum.config
    matrix = coverage_matrix(ctx.curriculum)
    labels = {b.id: ctx.band_label(b.id) for b in config.bands} | {a.id: t(a.label) for a in config.audiences}
    head = "".join(f'<th scope="col">{escape(labels[column])}</th>' for column in matrix.columns)
    rows = []
    uncovered = 0
    # One heading row per publication keeps every finding traceable to where it was published.
    for publication in config.publications:
        sources = config.sources_of(publication.id)
        if not sources:
            continue
        rows.append(
            f'<tr id="publication-{escape(publication.id)}" class="lk-publication"><th scope="colgroup" '
            f'colspan="{len(matrix.columns) + 1}"><a href="{escape(link_target(publication.url))}">'
            f"{escape(publication.title)}</a> "
            f"({escape(publication.publisher)}, {publication.year})</th></tr>\n"
        )
        for source in sources:
            row, covered = _row(ctx, source, matrix, labels)
            rows.append(row)
            uncovered += not covered
    intro = t(
        "Each row is a finding or recommendation of one of the publications the curriculum draws on, listed under "
        "that publication with the year it describes; each column an age band or audience. A cell lists the "
        "lessons and guides that address it."
    )
    summary = t("{covered} of {total} findings and recommendations are addressed by at least one lesson or guide.")
    total = len(config.sources)
    counted = summary.format(covered=ctx.number(total - uncovered), total=ctx.number(total))
    table = (
        f'<div class="lk-table-scroll" tabindex="0" role="region" aria-label="{escape(t("Coverage"))}">\n'
        f'<table class="lk-coverage">\n<thead><tr><th scope="col">{escape(t("Sources"))}</th>{head}</tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</div>"
    )
    return "\n".join(
        [
            ctx.heading(1, "Coverage of the report"),
            raw_block(f"<p>{escape(intro)}</p>", "lk-summary"),
            raw_block(f"<p>{escape(counted)}</p>", "lk-meta"),
            raw_block(table, "lk-wide"),
        ]
    )


def _row(ctx: LocaleContext, source: Source, matrix: Coverage, labels: dict[str, str]) -> tuple[str, bool]:
    """One source's table row, and whether any lesson or guide cites it."""
    t = ctx.t
    page = layout.COVERAGE
    cells = []
    for column in matrix.columns:
        citing = [x for x in map(ctx.curriculum.lesson, matrix.lessons(source.id, column)) if x is not None]
        links = "".join(
            f'<li><a href="{layout.html_link(layout.lesson_page(x), page)}">{escape(x.title)}</a></li>' for x in citing
        )
        # On a phone the row is a card and each cell shows its column's name (data-label, CSS).
        label = escape(labels[column])
        cells.append(
            f'<td data-label="{label}"><ul class="lk-cell">{links}</ul></td>'
            if citing
            else f'<td class="lk-empty" data-label="{label}">–</td>'
        )
    kind = t("Recommendation") if source.kind == "recommendation" else t("Finding")
    year = f" ({source.year})" if source.year else ""
    row = (
        f'<tr id="source-{escape(source.id)}"><th scope="row"><span class="lk-kind">{escape(kind)}{year}</span> '
        f"{escape(source.summary)}</th>{''.join(cells)}</tr>\n"
    )
    return row, any(matrix.lessons(source.id, column) for column in matrix.columns)
