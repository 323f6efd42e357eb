"""Renderers: turn the curriculum model into the documents and the site people use."""
