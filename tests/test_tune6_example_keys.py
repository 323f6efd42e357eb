"""Each example file names a rule id once (TUNE6, 2026-12-03).

YAML keeps the last of two equal keys without a word, so a second `tone.x:` section in one file of
tests/checker_examples/ silently drops the first section's examples from the run (it happened in
tone-ar.yml and tone-es.yml at a515ef3). The loader merges sections across files, not within one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

EXAMPLES = Path(__file__).resolve().parent / "checker_examples"


class _PairsLoader(yaml.SafeLoader):
    """Reads every mapping as its list of pairs, so repeated keys stay visible."""


def _pairs(loader: yaml.SafeLoader, node: yaml.MappingNode) -> list[tuple[object, object]]:
    return loader.construct_pairs(node)


_PairsLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _pairs)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yml")), ids=lambda p: p.name)
def test_each_rule_id_is_one_section_of_its_file(path: Path) -> None:
    pairs = yaml.load(path.read_text(encoding="utf-8"), Loader=_PairsLoader)  # a SafeLoader subclass
    assert isinstance(pairs, list) and pairs
    keys = [key for key, _ in pairs]
    repeated = sorted({str(key) for key in keys if keys.count(key) > 1})
    assert not repeated, f"{path.name}: {repeated}"
