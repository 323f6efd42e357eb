"""The Spanish linguistic layer: lemmas and their inverse, pro-drop subjects, counterfactual and future modality."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker_support import ROOT, rulebook, run_rule
from lessonkit.check.linguistic.clauses import analyse
from lessonkit.check.linguistic.lemmas import candidates, forms
from lessonkit.check.linguistic.modality import COUNTERFACTUAL, FUTURE, POSSIBLE
from lessonkit.check.linguistic.tokens import tokenise

BOOK = rulebook()


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("hubieras", "haber"),
        ("aceptaste", "aceptar"),
        ("mandarla", "mandar"),
        ("dárselo", "dar"),
        ("ingenuas", "ingenuo"),
        ("envías", "enviar"),
        ("perseguirá", "perseguir"),
        ("metiste", "meter"),
    ],
)
def test_spanish_lemmas(form: str, lemma: str) -> None:
    assert lemma in candidates(form, "es")


def test_spanish_forms_are_the_inverse_of_candidates() -> None:
    """The grammar kind's pre-filter looks up `forms`: it must hold every form read as the lemma."""
    words = {t.norm for path in (ROOT / "corpus" / "tone" / "es").glob("*.yml") for t in
             tokenise(path.read_text(encoding="utf-8"), "es")}  # fmt: skip
    assert len(words) > 500
    missing = {(w, lem) for w in words for lem in candidates(w, "es") if w not in forms(lem, "es")}
    assert not missing, sorted(missing)[:20]


def _first(text: str) -> tuple[str | None, frozenset[str]]:
    clause = analyse(text, "es").clauses[0]
    return clause.who, clause.modalities


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Si te hubieras alejado de ese chat, nada habría pasado.", "you"),  # the verb's person, not "te"
        ("Si mi hijo me hubiera escuchado, no estaría así.", "child"),
        ("Usted tendría que haber mirado el móvil.", "you"),
        ("Aceptaste la solicitud sin pensarlo.", "you"),
        ("Si Mateo hubiera tenido cuidado, nada habría pasado.", "person"),
        ("Debería haber pensado en ello.", None),  # first or third person: not said to be the child
        ("Si te hubiera pedido una foto, díselo a un adulto.", None),  # he asked you: "te" is the object
    ],
)
def test_spanish_subject_reads_pronouns_names_and_the_verbs_person(text: str, who: str | None) -> None:
    assert _first(text)[0] == who


@pytest.mark.parametrize(
    ("text", "modality", "present"),
    [
        ("Si hubieras puesto la cuenta en privado", COUNTERFACTUAL, True),
        ("Tendrías que haberte negado", COUNTERFACTUAL, True),
        ("Deberías haberlo bloqueado", COUNTERFACTUAL, True),
        ("Deberías contárselo a un adulto", COUNTERFACTUAL, False),
        ("Si hubieras tenido un problema", COUNTERFACTUAL, True),
        ("Si tienes un problema", COUNTERFACTUAL, False),
        ("Esa foto te perseguirá", FUTURE, True),
        ("Todos se van a enterar", FUTURE, True),
        ("Te vas a casa", FUTURE, False),
        ("Puedes acabar muerto", POSSIBLE, True),
        ("Miramos atrás", FUTURE, False),
    ],
)
def test_spanish_modality(text: str, modality: str, present: bool) -> None:
    assert (modality in _first(text)[1]) is present


def test_spanish_negation_governs_what_follows_it() -> None:
    clause = analyse("No eres tonta por confiar", "es").clauses[0]
    assert clause.negated(2, "es")
    clause = analyse("Eres tonta", "es").clauses[0]
    assert not clause.negated(1, "es")


def _flags(rule_id: str, text: str, tmp: Path) -> bool:
    [rule] = [r for r in BOOK.rules if r.id == rule_id and r.language == "es"]
    return bool(run_rule(rule, text, {"lang": "es", "band": "14-18"}, tmp))


@pytest.mark.parametrize(
    ("rule_id", "text", "flagged"),
    [
        # The shape, not a phrase: a verb no list names.
        ("tone.grammar-hindsight-child", "Si hubieras desinstalado la aplicación, no te habría escrito.", True),
        ("tone.grammar-hindsight-child", "Tendrías que haberme avisado antes de la excursión.", True),
        # About the offender, or cleared by who is to blame.
        ("tone.grammar-hindsight-child", "Él no tendría que haberte escrito nunca.", False),
        ("tone.grammar-hindsight-child", "Aunque hubieras pagado, la culpa sería del chantajista.", False),
        # A sentence about wording is not the wording.
        ("tone.grammar-hindsight-child", "No le digas «deberías haberlo bloqueado»; di «gracias por contarlo».", False),
        ("tone.grammar-labels", "Noa es demasiado confiada.", True),
        ("tone.grammar-labels", "Noa no es tonta: la engañaron.", False),
        ("tone.grammar-labels", "Hicimos un dibujo tonto de un gato.", False),
    ],
)
def test_spanish_shapes(rule_id: str, text: str, flagged: bool, tmp_path: Path) -> None:
    assert _flags(rule_id, text, tmp_path) is flagged


def test_every_spanish_grammar_rule_has_a_severity_rationale_and_source() -> None:
    rules = [r for r in BOOK.rules if r.spec.kind == "grammar" and r.language == "es"]
    assert len(rules) >= 15
    for rule in rules:
        # Errors since 2026-12-02 (TUNE2): each flags no good item of the corpus (tests/test_tune2_promoted.py).
        assert rule.spec.severity in ("warning", "error") and rule.spec.rationale and rule.spec.source


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("El chantajista dice que tu vida se acabó.", True),  # what the offender claims
        ("Los niños que dicen su dirección en un juego a veces desaparecen y nunca vuelven.", False),
        ("Las chicas que cuentan su rutina en vídeos se exponen.", False),
    ],
)
def test_a_spanish_verb_of_saying_reports_speech_only_when_que_follows_it(text: str, reported: bool) -> None:
    assert analyse(text, "es").meta is reported
