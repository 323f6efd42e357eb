"""Lessons as print HTML: sanitised Markdown, Jinja2 templates from `handouts/templates/`."""
