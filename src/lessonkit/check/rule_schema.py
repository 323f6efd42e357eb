"""The rule file schema (pydantic), used only when rule files are read and validated.

A checker run with a warm cache never imports this module (nor pydantic): the validated rules
are kept as plain data by `rulebook`, whose `RuleSpec` and `Applies` dataclasses mirror these
models field for field (`tests/test_check_speed_equivalence.py` holds them in step).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from lessonkit.check.rulebook import NEEDS, Kind, Role

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AppliesModel(_Strict):
    """Which documents and parts a rule reads; an absent list means 'all'."""

    audiences: list[str] | None = None
    bands: list[str] | None = None
    roles: list[Role] | None = None
    lessons_only: bool = False


class RuleSpecModel(_Strict):
    """One rule as written in a rule file."""

    id: RuleId
    kind: Kind
    severity: Literal["error", "warning"]
    message: Text
    suggestion: str = ""
    rationale: Text
    source: Text
    applies: AppliesModel = AppliesModel()
    patterns: list[str] = []
    words: list[str] = []
    replacements: dict[str, str] = {}
    groups: list[list[str]] = []
    sections: list[str] = []
    scope: Literal["each", "any"] = "each"
    negation: bool = False
    skip_questions: bool = False
    skip_quoted: bool = False
    unless_defined: bool = False
    formula: str = ""
    limits: dict[str, float] = {}
    min_words: int = 0
    min_length: int = 0
    skip_capitalised: bool = True
    max_bullets: int = 0
    field: str = ""
    check: str = ""

    @model_validator(mode="after")
    def _kind_parameters(self) -> RuleSpecModel:
        missing = [
            name for name in NEEDS[self.kind] if not getattr(self, name) and not (name == "patterns" and self.words)
        ]
        if missing:
            raise ValueError(f"a '{self.kind}' rule needs {', '.join(missing)}")
        return self


class RuleFileSchema(_Strict):
    """A whole rule file: its language, shared pattern pieces and its rules."""

    language: Annotated[str, StringConstraints(pattern=r"^(?:[a-z]{2,3}|common)$")]
    define: dict[str, str] = {}
    negation: str = ""
    rules: Annotated[list[RuleSpecModel], Field(min_length=1)]
