"""The `unfamiliar` kind: rare words (by wordfreq's Zipf scale) must be avoided or defined in `vocabulary`."""

from __future__ import annotations

from collections.abc import Iterator

from lessonkit.check.document import Document
from lessonkit.check.kinds import finding, units
from lessonkit.check.resources import FrequencyTable, frequency_table
from lessonkit.check.rulebook import Rule
from lessonkit.check.sentences import WITHOUT_MARKS, WORD
from lessonkit.diagnostics import Diagnostic


def _defined(word: str, vocabulary: frozenset[str]) -> bool:
    """True when the word is, or inflects, a word of a defined vocabulary term."""
    for term in vocabulary:
        for part in term.replace("-", " ").split():
            stem = part[: max(4, len(part) - 2)]
            if word == part or (len(word) >= 4 and (word.startswith(stem) or part.startswith(word[:-1]))):
                return True
    return False


def unfamiliar(rule: Rule, document: Document) -> Iterator[Diagnostic]:
    """Report the first use of each rare word that the lesson does not define.

    Capitalised words are names (characters, apps, services) and are skipped, except where a
    language capitalises every noun (`skip_capitalised: false`, German); `words` lists
    terms that are fine for the band although rare in general text.
    """
    threshold = rule.limit(document.band)
    table = frequency_table(document.language)
    if threshold is None or not table:
        return  # no frequency data for this language: the rule cannot judge
    allowed = {w.casefold() for w in rule.spec.words}
    seen: set[str] = set()
    # A megabyte of prose repeats its words: each distinct token is judged once per document
    # (its word form, and its score when it is rare and not defined; None when it is never reported).
    judged: dict[str, tuple[str, float | None]] = {}
    for unit in units(rule, document):
        for match in WORD.finditer(unit.plain):
            token = match.group(0)
            if rule.spec.skip_capitalised and token[0].isupper():
                continue
            verdict = judged.get(token)
            if verdict is None:
                verdict = judged[token] = _judge(token, rule, allowed, table, threshold, document.vocabulary)
            word, score = verdict
            if score is None or word in seen:
                continue
            seen.add(word)
            yield finding(rule, unit.location(match.start()), match=token, zipf=score, limit=threshold)


def _judge(
    token: str,
    rule: Rule,
    allowed: set[str],
    table: FrequencyTable,
    threshold: float,
    vocabulary: frozenset[str],
) -> tuple[str, float | None]:
    # Frequency tables list words without vowel marks (wordfreq removes them).
    word = WITHOUT_MARKS.sub("", token).casefold()
    if len(word) < rule.spec.min_length or word in allowed:
        return word, None
    parts = word.replace("'", "-").split("-") if word not in table else [word]
    score = min(table.get(part, 0.0) for part in parts if part) if parts else 0.0
    if score >= threshold or _defined(word, vocabulary):
        return word, None
    return word, score
