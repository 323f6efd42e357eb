"""Editable slide decks (python-pptx, 16:9) with speaker notes."""
