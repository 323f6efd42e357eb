"""Renderers: turn the (localised) curriculum model into the documents, decks and site people use."""
