"""The linguistic layer of the tone checker (issue 18): who does what, negated or not, in which mood.

Pattern rules see word forms; this layer sees a little grammar, enough to tell "you should have
blocked him" (hindsight blame of the child) from "he should have known it was wrong" (about the
offender), or "you are so naive" from "you are not naive for trusting a friend". It is small and
shipped with the project: no model is downloaded, nothing but Python's standard library runs.

One module per idea, each usable and tested on its own:
  - `tokens`: words with their offsets, contractions split into their parts ("shouldn't" -> should + not);
  - `lexicon`: the per-language word lists (irregular forms, pronouns, who a noun is, negators, modals);
  - `lemmas`: a word's lemma, from the shipped irregular forms and suffix rules;
  - `clauses`: a sentence cut into clauses at punctuation and clause-opening conjunctions;
  - `subject`: the subject of a clause and its class (the child, a person, children in general, an offender...);
  - `modality`: negation (and its scope) and modality (counterfactual, future, possibility, question);
  - `shape`: the declarative shapes of rule files, validated and matched against analysed clauses.
"""
