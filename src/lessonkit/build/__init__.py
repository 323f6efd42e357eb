"""Building the curriculum's outputs: documents, decks and the site, per locale."""
