"""The coverage matrix: which lessons answer each finding and recommendation of the report, per band."""

from __future__ import annotations

from lessonkit.coverage import coverage_matrix
from lessonkit.render.site import layout
from lessonkit.render.site.context import LocaleContext
from lessonkit.render.site.text import escape, raw_block


def coverage_markdown(ctx: LocaleContext) -> str:
    """The Markdown of the coverage page, generated from every lesson's `sources`."""
    t = ctx.t
    config = ctx.curriculum.config
    page = layout.COVERAGE
    matrix = coverage_matrix(ctx.curriculum)
    labels = {b.id: ctx.band_label(b.id) for b in config.bands} | {a.id: t(a.label) for a in config.audiences}
    head = "".join(f'<th scope="col">{escape(labels[column])}</th>' for column in matrix.columns)
    rows = []
    uncovered = 0
    for source in config.sources:
        cells = []
        for column in matrix.columns:
            citing = [x for x in map(ctx.curriculum.lesson, matrix.lessons(source.id, column)) if x is not None]
            links = "".join(
                f'<li><a href="{layout.html_link(layout.lesson_page(x), page)}">{escape(x.title)}</a></li>'
                for x in citing
            )
            cells.append(f'<td><ul class="lk-cell">{links}</ul></td>' if citing else '<td class="lk-empty">–</td>')
        uncovered += not any(matrix.lessons(source.id, column) for column in matrix.columns)
        kind = t("Recommendation") if source.kind == "recommendation" else t("Finding")
        rows.append(
            f'<tr id="source-{escape(source.id)}"><th scope="row"><span class="lk-kind">{escape(kind)}</span> '
            f"{escape(source.summary)}</th>{''.join(cells)}</tr>\n"
        )
    report = config.report
    intro = t(
        "Each row is a finding or recommendation of {report} ({publisher}, {year}); each column an age band "
        "or audience. A cell lists the lessons and guides that address it."
    ).format(report=report.title, publisher=report.publisher, year=report.year)
    summary = t("{covered} of {total} findings and recommendations are addressed by at least one lesson or guide.")
    total = len(config.sources)
    table = (
        f'<div class="lk-table-scroll" tabindex="0" role="region" aria-label="{escape(t("Coverage"))}">\n'
        f'<table class="lk-coverage">\n<thead><tr><th scope="col">{escape(t("Report"))}</th>{head}</tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</div>"
    )
    return "\n".join(
        [
            f"# {escape(t('Coverage of the report'))}\n",
            raw_block(f"<p>{escape(intro)}</p>", "lk-summary"),
            raw_block(f"<p>{escape(summary.format(covered=total - uncovered, total=total))}</p>", "lk-meta"),
            raw_block(table, "lk-wide"),
        ]
    )
