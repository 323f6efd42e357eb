"""The `unfamiliar` kind: rare words (by wordfreq's Zipf scale) must be avoided or defined in `vocabulary`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice

from lessonkit.check.compounds import familiar_compound
from lessonkit.check.document import Document
from lessonkit.check.kinds import finding, units
from lessonkit.check.resources import WordTable, frequency_table
from lessonkit.check.rulebook import Rule
from lessonkit.check.sentences import WITHOUT_MARKS, part_words, word_pattern
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

    A megabyte of prose has 140,000 tokens but 12,000 distinct ones, and after its first pages
    most parts hold no token not met before. So each distinct token is judged once per document,
    and a token that can no longer give a finding (skipped, common, allowed or defined, or its
    word already reported) is kept in `quiet`: a part's tokens minus `quiet` (set operations,
    in C) leaves the few to judge, and only the first use of a word to report is located. The
    findings are those of a walk over every match, judging each.
    """
    threshold = rule.limit(document.band)
    table = frequency_table(document.language)
    if threshold is None or not table:
        return  # no frequency data for this language: the rule cannot judge
    allowed = {w.casefold() for w in rule.spec.words}
    skip_capitalised = rule.spec.skip_capitalised
    names = document.names
    seen: set[str] = set()  # words reported
    quiet: set[str] = set()
    for unit in units(rule, document):
        tokens = part_words(unit)  # the words of `word_pattern(unit.plain)`, found by the sentence split
        fresh = set(tokens)
        fresh -= quiet
        # token -> (word, score) for the tokens of this part that are rare and not yet reported
        report: dict[str, tuple[str, float]] = {}
        for token in fresh:
            if not (skip_capitalised and token[0].isupper()) and not _named(token, names):
                word, score = _judge(token, rule, allowed, table, threshold, document.vocabulary, document.language)
                if score is not None and word not in seen:
                    report[token] = (word, score)
                    continue
            quiet.add(token)
        if not report:
            continue
        quiet.update(report)
        # The n-th match of `finditer` is the n-th token of `findall`: only the first use of each
        # token to report is taken out of the iterator as a match (for its place), in text order.
        # (`first` is built in C: zipped from the end, a token's smallest index is written last.)
        first = dict(zip(reversed(tokens), range(len(tokens) - 1, -1, -1), strict=True))
        matches = word_pattern(unit.plain).finditer(unit.plain)  # `WORD`, or its faster equal on ASCII text
        taken = 0
        for index in sorted(first[token] for token in report):
            match = next(islice(matches, index - taken, None))
            taken = index + 1
            token = match.group(0)
            word, score = report[token]
            if word not in seen:  # two tokens of one word (case, vowel marks): the first is reported
                seen.add(word)
                yield finding(rule, unit.location(match.start()), match=token, zipf=score, limit=threshold)


# Languages that write compounds as one word (lessonkit.check.compounds).
COMPOUNDING = frozenset({"de"})
# Languages whose inflected forms are judged by their lemma too (lessonkit.check.linguistic.lemmas).
INFLECTED = frozenset({"de"})


def _zipf(table: WordTable) -> Callable[[str], float]:
    def score_of(word: str) -> float:
        return table.get(word, 0.0)

    return score_of


def _named(token: str, names: frozenset[str]) -> bool:
    """Whether a token is a name of the source lesson, or its genitive with -s ("Rosies", "Kikos")."""
    return bool(names) and (token in names or (token[-1] == "s" and token[:-1] in names))


def _judge(
    token: str,
    rule: Rule,
    allowed: set[str],
    table: WordTable,
    threshold: float,
    vocabulary: frozenset[str],
    language: str,
) -> tuple[str, float | None]:
    """The token's word form, and its score when it is rare and not defined (None: never reported)."""
    # Frequency tables list words without vowel marks (wordfreq removes them).
    word = (token if token.isascii() else WITHOUT_MARKS.sub("", token)).casefold()  # marks are not ASCII
    if len(word) < rule.spec.min_length or word in allowed:
        return word, None
    score = table.get(word, None)
    if score is None:  # not in the table: a compound or elided form is as rare as its rarest part
        parts = word.replace("'", "-").split("-")
        # A word of one part is that part, just found missing: not looked up again.
        score = min(table.get(part, 0.0) for part in parts if part) if len(parts) > 1 else 0.0
    if score < threshold and language == "ar":
        # Arabic writes "and", "for", "the" and object pronouns onto the word (واحظره: "and block
        # him"), and wordfreq counts each written combination apart: the word is as familiar as its
        # commonest clitic-free form. Imported here: only Arabic text needs it.
        from lessonkit.check.linguistic.arabic import clitic_free

        score = max(score, *(table.get(stem, 0.0) for stem in clitic_free(word)))
    if score < threshold and language in INFLECTED:
        # "behältst", "gehorchst", "besorgtes": wordfreq counts each inflected form apart, and the
        # second person is rare in the written text it counts, not in what a child hears. The word
        # is as familiar as its lemma (infinitive, adjective without its ending). Imported here: only
        # German text needs it.
        from lessonkit.check.linguistic.lemmas import candidates

        score = max(score, *(table.get(lemma, 0.0) for lemma in candidates(word, language)))
    if score < threshold and language in COMPOUNDING and familiar_compound(word, _zipf(table), threshold):
        return word, None
    if score >= threshold or _defined(word, vocabulary):
        return word, None
    return word, score
