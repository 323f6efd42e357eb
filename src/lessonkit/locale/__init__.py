"""Locales: a language catalogue plus a country pack of help services."""
