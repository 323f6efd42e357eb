"""Validating YAML data against a pydantic schema, with every error located to its line."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from lessonkit.closest_name import closest_name
from lessonkit.load.yaml_tree import YamlDocument
from lessonkit.problems import Location, Problem

Model = TypeVar("Model", bound=BaseModel)


def validate_schema(model: type[Model], document: YamlDocument, path: Path) -> tuple[Model | None, list[Problem]]:
    """Build `model` from the document, or report every schema error at its line."""
    if not isinstance(document.data, dict):
        line = document.line_of(())
        return None, [Problem(Location(path, line, 1), "E012", "expected a mapping of 'field: value' lines")]
    try:
        return model.model_validate(document.data), []
    except ValidationError as err:
        problems = []
        for error in err.errors():
            loc = tuple(error["loc"])
            line = document.line_of(loc)
            field = ".".join(str(part) for part in loc) or "(document)"
            if error["type"] == "extra_forbidden":
                name = str(loc[-1])
                problems.append(Problem(Location(path, line, 1), "E010", _unknown_field(name, model, loc)))
            elif error["type"] == "missing":
                problems.append(Problem(Location(path, line, 1), "E011", f"required field '{field}' is missing"))
            else:
                problems.append(Problem(Location(path, line, 1), "E012", f"'{field}': {error['msg']}"))
        return None, sorted(problems)


def _unknown_field(name: str, model: type[BaseModel], loc: tuple[object, ...]) -> str:
    known = _fields_at(model, loc[:-1])
    guess = closest_name(name, known)
    hint = f"; did you mean '{guess}'?" if guess else f"; known fields: {', '.join(sorted(known))}"
    return f"unknown field '{name}' (likely a typo){hint}"


def _fields_at(model: type[BaseModel], loc: tuple[object, ...]) -> list[str]:
    """Field names of the (possibly nested) model that the location points into."""
    current: type[BaseModel] = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(str(part))
        annotation = getattr(info, "annotation", None)
        inner = _model_in(annotation)
        if inner is None:
            return []
        current = inner
    return list(current.model_fields)


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
