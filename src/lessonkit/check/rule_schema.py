"""The rule file schema (pydantic), used only when rule files are read and validated.

Each rule kind is a pydantic model of its own, built from the one definition of a rule's fields
(`rulebook.RuleSpec`) and the kind's entry in `rulebook.KINDS`: the common fields plus the
kind's own. `kind` is the discriminator of their union, so a rule of an unknown kind, or with a
field of another kind, is an error located at its line. A checker run with a warm cache never
imports this module (nor pydantic): validated rules are kept as plain `RuleSpec` dataclasses.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, create_model, model_validator

from lessonkit.check import rulebook
from lessonkit.check.rulebook import COMMON_FIELDS, KINDS, Applies, RuleSpec
from lessonkit.closest_name import closest_name
from lessonkit.load.yaml_tree import YamlDocument
from lessonkit.problems import Location, Problem

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*$")]
# Constraints beyond a field's type, by field name (the types themselves come from RuleSpec).
_CONSTRAINED: dict[str, Any] = {"id": RuleId, "message": Text, "rationale": Text, "source": Text}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _fields_of(plain: type[Any], names: set[str] | None = None) -> dict[str, Any]:
    """(type, default) of a dataclass's fields (or of those named), for pydantic's create_model."""
    hints = get_type_hints(plain, vars(rulebook))
    fields: dict[str, Any] = {}
    for spec in dataclasses.fields(plain):
        if names is not None and spec.name not in names:
            continue
        if spec.default is not dataclasses.MISSING:
            default: Any = spec.default
        elif spec.default_factory is not dataclasses.MISSING:
            default = Field(default_factory=spec.default_factory)
        else:
            default = ...
        fields[spec.name] = (_CONSTRAINED.get(spec.name, hints[spec.name]), default)
    return fields


# Which documents and parts a rule reads (the fields of `rulebook.Applies`).
AppliesModel = create_model("AppliesModel", __base__=_Strict, **_fields_of(Applies))


class RuleModel(_Strict):
    """What every kind's model checks beyond field types: the fields the kind needs are given."""

    @model_validator(mode="after")
    def _kind_parameters(self) -> RuleModel:
        given = self.model_dump()
        kind = str(given["kind"])
        missing = [
            name for name in KINDS[kind].needs if not given[name] and not (name == "patterns" and given.get("words"))
        ]
        if missing:
            raise ValueError(f"a '{kind}' rule needs {', '.join(missing)}")
        # A grammar rule's shape is checked by rulebook._load_file, which locates a problem at the shape's key.
        return self


def _kind_model(name: str) -> type[RuleModel]:
    """The model of one kind: the common fields and the kind's own, with RuleSpec's types and defaults."""
    fields = _fields_of(RuleSpec, {*COMMON_FIELDS, *KINDS[name].takes})
    fields["kind"] = (Literal[name], ...)  # the discriminator
    fields["applies"] = (AppliesModel, AppliesModel())
    title = "".join(part.title() for part in name.split("-")) + "Rule"
    model: type[RuleModel] = create_model(title, __base__=RuleModel, __doc__=KINDS[name].does, **fields)
    return model


# One model per kind, in the registry's order; their union, told apart by `kind`.
KIND_MODELS: dict[str, type[RuleModel]] = {name: _kind_model(name) for name in KINDS}
# Built at run time from the registry, so a variable (of type Any to mypy), not a static alias.
AnyRule: Any = Annotated[Union[tuple(KIND_MODELS.values())], Field(discriminator="kind")]  # noqa: UP007


class RuleFileSchema(_Strict):
    """A whole rule file: its language, shared pattern pieces and its rules."""

    language: Annotated[str, StringConstraints(pattern=r"^(?:[a-z]{2,3}|common)$")]
    define: dict[str, str] = {}
    negation: str = ""
    confirmation: str = ""
    rules: Annotated[list[AnyRule], Field(min_length=1)]


def to_spec(model: BaseModel) -> RuleSpec:
    """The plain RuleSpec of a validated rule (fields of other kinds keep RuleSpec's defaults)."""
    values = model.model_dump()
    return RuleSpec(**{**values, "applies": Applies(**values["applies"])})


def validate_rule_file(document: YamlDocument, path: Path) -> tuple[RuleFileSchema | None, list[Problem]]:
    """The validated rule file, or every error located at its line (the rule's kind named)."""
    if not isinstance(document.data, dict):
        return None, [Problem(Location(path, document.line_of(()), 1), "E012", "expected a mapping of fields")]
    try:
        return RuleFileSchema.model_validate(document.data), []
    except ValidationError as err:
        return None, sorted({_problem(dict(error), document, path) for error in err.errors()})


def _problem(error: dict[str, Any], document: YamlDocument, path: Path) -> Problem:
    loc = list(error["loc"])
    kind = str(loc.pop(2)) if len(loc) >= 3 and loc[0] == "rules" and loc[2] in KINDS else None
    where = Location(path, document.line_of(tuple(loc)), 1)
    name = str(loc[-1]) if loc else ""
    shown = ".".join(str(part) for part in loc) or "(file)"
    if error["type"] == "union_tag_invalid":
        tag = str(error.get("ctx", {}).get("tag", ""))
        guess = closest_name(tag, KINDS)
        hint = f"; did you mean '{guess}'?" if guess else f"; known kinds: {', '.join(KINDS)}"
        return Problem(Location(path, document.line_of((*loc, "kind")), 1), "E012", f"unknown rule kind '{tag}'{hint}")
    if error["type"] == "union_tag_not_found":
        return Problem(where, "E011", f"required field '{shown}.kind' is missing")
    if error["type"] == "extra_forbidden" and kind is not None:
        owners = [k for k, spec in KINDS.items() if name in spec.takes]
        if owners:
            message = f"'{name}' is not a field of a '{kind}' rule (it belongs to: {', '.join(owners)})"
        else:
            known = [*COMMON_FIELDS, *KINDS[kind].takes]
            guess = closest_name(name, known)
            hint = f"; did you mean '{guess}'?" if guess else f"; known fields: {', '.join(sorted(known))}"
            message = f"unknown field '{name}' in a '{kind}' rule (likely a typo){hint}"
        return Problem(where, "E010", message)
    if error["type"] == "extra_forbidden":
        guess = closest_name(name, RuleFileSchema.model_fields)
        hint = f"; did you mean '{guess}'?" if guess else f"; known fields: {', '.join(RuleFileSchema.model_fields)}"
        return Problem(where, "E010", f"unknown field '{name}' (likely a typo){hint}")
    if error["type"] == "missing":
        return Problem(where, "E011", f"required field '{shown}' is missing")
    message = str(error["msg"]).removeprefix("Value error, ")
    return Problem(where, "E012", f"'{shown}': {message}" if kind is None else f"'{shown}' ({kind}): {message}")


def kinds_table() -> str:
    """The Markdown table of rule kinds in docs/checker.md, from the union's models (between its markers)."""
    lines = ["| kind | what it does | parameters (needed in bold) |", "| --- | --- | --- |"]
    for model in get_args(get_args(AnyRule)[0]):
        [name] = get_args(model.model_fields["kind"].annotation)
        own = [field for field in model.model_fields if field not in COMMON_FIELDS]
        shown = ", ".join(f"**`{f}`**" if f in KINDS[name].needs else f"`{f}`" for f in own)
        lines.append(f"| `{name}` | {model.__doc__} | {shown} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(kinds_table(), end="")
