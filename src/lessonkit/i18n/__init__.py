"""Localisation: extract lesson text to gettext catalogues, merge, report readiness, apply translations."""
