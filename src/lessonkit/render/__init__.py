"""Rendering lessons into documents: HTML for print, PDFs through WeasyPrint, and slide decks."""
