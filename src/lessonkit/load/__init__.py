"""Stage 1 of the pipeline: read the curriculum's files into the typed model, reporting every problem."""
