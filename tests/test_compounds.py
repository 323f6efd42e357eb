"""German closed compounds count as familiar when their parts are, with a cost per join (check/compounds.py)."""

from __future__ import annotations

import pytest

from lessonkit.check.compounds import JOIN_PENALTY, familiar_compound

# A made-up table, so that the tests say what the rule does whatever wordfreq's figures are.
TABLE = {"geburtstag": 4.8, "karte": 4.9, "zahlung": 4.1, "angaben": 4.9, "bad": 4.5, "sachen": 5.1, "halb": 4.7}
TABLE |= {"nackt": 4.4, "bild": 5.4, "verschleierung": 3.1, "taktiken": 3.1, "ei": 4.0, "tag": 5.5, "post": 4.6}


def _score(word: str) -> float:
    return TABLE.get(word, 0.0)


@pytest.mark.parametrize(
    "word",
    [
        "geburtstagskarte",  # link "s"
        "zahlungsangaben",
        "badesachen",  # link "e"
        "geburtstagspost",
    ],
)
def test_compounds_of_everyday_words_are_familiar(word: str) -> None:
    assert familiar_compound(word, _score, 2.5)


def test_each_join_costs_a_point() -> None:
    # min(3.1, 3.1) - 1 = 2.1: familiar for a limit of 2.0, not for 2.5.
    assert familiar_compound("verschleierungstaktiken", _score, 2.0)
    assert not familiar_compound("verschleierungstaktiken", _score, 2.5)
    # Three parts cost two joins: min(4.7, 4.4, 5.4) - 2 = 2.4.
    assert familiar_compound("halbnacktbild", _score, 2.4)
    assert not familiar_compound("halbnacktbild", _score, 2.4 + 0.01)
    assert JOIN_PENALTY == 1.0


@pytest.mark.parametrize(
    "word",
    [
        "kartei",  # a tail of two letters ("ei") is never a part
        "geburtstagsxyzkarte",  # an unknown part
        "bildbildbildbild",  # four parts: beyond the three a compound is read as
        "karte",  # one word is not a compound
        "g" * 50,  # a run of letters longer than any compound
    ],
)
def test_what_is_not_a_compound_of_familiar_words(word: str) -> None:
    assert not familiar_compound(word, _score, 1.0)
