"""The age-appropriateness checker: rule kinds in code, rule content as data under `rules/`."""
