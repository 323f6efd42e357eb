"""The kit as a printable page (HTML, and PDF through the print pipeline) and as an offline form.

The offline form is one HTML file with its script inline. It loads nothing, sends nothing and
stores nothing in the browser: answers stay in the page's memory until the teacher downloads
them as a CSV file (it works from `file://`). Its Content-Security-Policy forbids every
connection, so even a changed copy cannot send answers anywhere.
"""

from __future__ import annotations

import json

from lessonkit.evaluate.kit import CONFIDENCE, HELP, KNOWLEDGE, SCALE, Kit, KitItem
from lessonkit.evaluate.texts import KitWords
from lessonkit.render.sanitise import escape_html as e

CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; form-action 'none'"

_PRINT_CSS = """
.tick { display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.8pt solid #1a1a1a;
  vertical-align: -0.5mm; margin-inline-end: 1.5mm; }
.options { list-style: none; padding: 0; margin: 1mm 0 3mm; }
.options li { display: inline-block; margin-inline-end: 6mm; }
.scale td, .scale th { text-align: center; }
.scale td:first-child { text-align: start; width: 55%; }
ol.items > li { margin-bottom: 2mm; break-inside: avoid; }
"""

_FORM_CSS = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 1rem auto; padding: 0 1rem; line-height: 1.5; }
fieldset { border: 1px solid #767676; border-radius: .4rem; margin: 0 0 1rem; padding: .5rem 1rem; }
legend { font-weight: 700; padding: 0 .3rem; }
label { display: block; padding: .25rem 0; }
button { font: inherit; padding: .5rem 1rem; margin: .25rem 0; border: 2px solid #0b3d6b; border-radius: .4rem;
  background: #0b3d6b; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #0b3d6b; }
button:focus-visible, input:focus-visible { outline: 3px solid #c25400; outline-offset: 2px; }
.status { font-weight: 700; }
.help { border: 2px solid #8a4b00; background: #fff4dc; padding: .5rem 1rem; border-radius: .4rem; }
"""

# The form's script: collects the checked answers as one CSV row per learner, offers the rows as a
# download, and clears the form for the next learner. It never touches the network or storage.
_SCRIPT = """
(function () {
  var kit = JSON.parse(document.getElementById('kit').textContent);
  var rows = [];
  var downloaded = true;
  var form = document.getElementById('questionnaire');
  var status = document.getElementById('status');
  function cell(value) { return /[",\\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value; }
  function checked(name) {
    var input = form.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : '';
  }
  function say(text) { status.textContent = text; }
  document.getElementById('save').addEventListener('click', function () {
    var phase = checked('phase');
    if (!phase) { say(kit.words.choose_phase); return; }
    var row = [kit.id, kit.band, kit.locale, phase];
    kit.items.forEach(function (id) { row.push(checked(id)); });
    rows.push(row);
    downloaded = false;
    kit.items.forEach(function (id) {
      form.querySelectorAll('input[name="' + id + '"]').forEach(function (input) { input.checked = false; });
    });
    say(kit.words.saved.replace('{count}', String(rows.length)));
    form.querySelector('fieldset.item input').focus();
  });
  document.getElementById('download').addEventListener('click', function () {
    var lines = [kit.columns.join(',')].concat(rows.map(function (row) { return row.map(cell).join(','); }));
    var blob = new Blob([lines.join('\\r\\n') + '\\r\\n'], { type: 'text/csv;charset=utf-8' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = kit.file;
    document.body.appendChild(link);
    link.click();
    link.remove();
    downloaded = true;
  });
  window.addEventListener('beforeunload', function (event) {
    if (!downloaded && rows.length) { event.preventDefault(); event.returnValue = kit.words.unsaved; }
  });
})();
"""


def _head(kit: Kit, title: str, css: str, extra: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{e(kit.language)}" dir="{e(kit.direction)}">\n<head>\n<meta charset="utf-8">\n'
        f"{extra}<title>{e(title)}</title>\n<style>{css}</style>\n</head>\n"
    )


def printable_html(kit: Kit, words: KitWords, band_label: str, help_line: str, licence: str) -> str:
    """The questionnaire on paper: tick boxes, no name field, the help line at the end."""
    tick = '<span class="tick" aria-hidden="true"></span>'
    title = f"{words.title} ({band_label})"
    parts = [
        f"<h1>{e(words.title)}</h1>",
        f'<p class="subtitle">{e(band_label)}</p>',
        f"<p>{e(words.intro)}</p>",
        f"<p><strong>{e(words.when)}</strong> {tick}{e(words.before)} &#160; {tick}{e(words.after)}</p>",
        f"<h2>{e(words.knowledge)}</h2>",
        '<ol class="items">',
    ]
    for item in kit.of(KNOWLEDGE):
        options = "".join(f"<li>{tick}{e(o.text)}</li>" for o in item.options)
        parts.append(f'<li><p>{e(item.text)}</p><ul class="options">{options}</ul></li>')
    parts.append("</ol>")
    for measure, heading in ((CONFIDENCE, words.confidence), (HELP, words.help)):
        items = kit.of(measure)
        if not items:
            continue
        header = "".join(f'<th scope="col">{e(label)}</th>' for label in words.scale)
        rows = "".join(
            f"<tr><td>{e(item.text)}</td>" + "".join(f"<td>{tick}</td>" for _ in SCALE) + "</tr>" for item in items
        )
        parts.append(
            f'<h2>{e(heading)}</h2><table class="scale"><thead><tr><td></td>{header}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    parts.append(f'<div class="box help-box"><p>{e(help_line)}</p></div>')
    body = "\n".join(parts)
    return (
        _head(kit, title, _PRINT_CSS)
        + f'<body data-title="{e(title)}" data-licence="{e(licence)}" data-page="">\n{body}\n</body>\n</html>\n'
    )


def _choice(item: KitItem, number: int) -> str:
    options = "".join(
        f'<label><input type="radio" name="{item.id}" value="{1 if o.correct else 0}"> {e(o.text)}</label>'
        for o in item.options
    )
    return f'<fieldset class="item"><legend>{number}. {e(item.text)}</legend>{options}</fieldset>'


def _scale(item: KitItem, words: KitWords) -> str:
    options = "".join(
        f'<label><input type="radio" name="{item.id}" value="{value}"> {e(label)}</label>'
        for value, label in zip(SCALE, words.scale, strict=True)
    )
    return f'<fieldset class="item"><legend>{e(item.text)}</legend>{options}</fieldset>'


def form_html(kit: Kit, words: KitWords, band_label: str, help_line: str) -> str:
    """The offline form: one learner at a time, answers kept in memory, downloaded as CSV by the teacher."""
    title = f"{words.title} ({band_label})"
    data = {
        "id": kit.id,
        "band": kit.band,
        "locale": kit.locale,
        "items": [item.id for item in kit.items],
        "columns": list(kit.columns),
        "file": f"answers-{kit.band}-{kit.locale}.csv",
        "words": {"saved": words.saved, "choose_phase": words.choose_phase, "unsaved": words.unsaved},
    }
    # No "<" inside the script element's JSON, so no lesson text can close it or open a comment.
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    parts = [
        f"<h1>{e(words.title)}</h1>",
        f"<p>{e(band_label)}</p>",
        f"<p>{e(words.intro)}</p>",
        '<form id="questionnaire" onsubmit="return false">',
        f"<fieldset><legend>{e(words.when)}</legend>"
        f'<label><input type="radio" name="phase" value="pre"> {e(words.before)}</label>'
        f'<label><input type="radio" name="phase" value="post"> {e(words.after)}</label></fieldset>',
        f"<h2>{e(words.knowledge)}</h2>",
    ]
    parts += [_choice(item, number) for number, item in enumerate(kit.of(KNOWLEDGE), start=1)]
    for measure, heading in ((CONFIDENCE, words.confidence), (HELP, words.help)):
        if kit.of(measure):
            parts.append(f"<h2>{e(heading)}</h2>")
            parts += [_scale(item, words) for item in kit.of(measure)]
    parts += [
        f'<button type="button" id="save">{e(words.save)}</button>',
        '<p id="status" class="status" role="status" aria-live="polite"></p>',
        f'<button type="button" id="download" class="secondary">{e(words.download)}</button>',
        "</form>",
        f'<p class="help">{e(help_line)}</p>',
        f'<script type="application/json" id="kit">{payload}</script>',
        f"<script>{_SCRIPT}</script>",
    ]
    csp = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
    viewport = '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    return _head(kit, title, _FORM_CSS, csp + viewport) + "<body>\n" + "\n".join(parts) + "\n</body>\n</html>\n"
