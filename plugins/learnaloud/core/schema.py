"""JSON Schema for every kind of content file, made from the models, and the field reference made
from the schemas: an editor completes and checks what a contributor types with the same words the
docs use. Editors read draft-07 (yaml-language-server), so that is the draft written."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatch
from typing import Any

from pydantic import BaseModel, TypeAdapter

from .model import (
    ID_PATTERN,
    PERIOD_SHAPE,
    Activity,
    LearningTable,
    Measure,
    Network,
    PageMeta,
    Place,
    Post,
    Record,
    Theme,
)

DRAFT = "http://json-schema.org/draft-07/schema#"
PRIVATE = {
    "description": "Notes for the network's people only: nothing under private: is ever published, "
    "by any build.",
}
DEFINITIONS = "#/definitions/{model}"


@dataclass(frozen=True)
class FileKind:
    """One kind of content file: where such files sit, and what may be written in them."""

    name: str  # the schema's file name without .json
    title: str
    paths: tuple[str, ...]  # where files of this kind sit, as globs under content/
    front_matter: bool  # the fields are a Markdown file's front matter, not a YAML file
    schema: Mapping[str, Any]

    @property
    def file(self) -> str:
        return f"{self.name}.json"


# "format: date" is only a note to most validators (editors' included): the shape is checked too.
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def with_private(node: Any) -> Any:
    """Every mapping of a content file may hold a private: block (the loader drops it anywhere),
    and every date has the pattern of one."""
    if isinstance(node, dict):
        node = {key: with_private(value) for key, value in node.items()}
        if node.get("format") == "date":
            node["pattern"] = DATE_PATTERN
        if node.get("type") == "object" and "properties" in node:
            node["properties"] = {
                name: {k: v for k, v in field.items() if k != "title"}
                for name, field in node["properties"].items()
            } | {"private": PRIVATE}
        return node
    if isinstance(node, list):
        return [with_private(value) for value in node]
    return node


def draft07(schema: Mapping[str, Any], title: str, description: str) -> dict[str, Any]:
    """A pydantic schema as editors read it: draft-07, definitions, a private: block everywhere."""
    body = {key: value for key, value in schema.items() if key not in ("$defs", "title", "description")}
    definitions = schema.get("$defs", {})
    converted: dict[str, Any] = {"$schema": DRAFT, "title": title, "description": description}
    converted |= with_private(body)
    if definitions:
        converted["definitions"] = with_private(definitions)
    return converted


def model_schema(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    return draft07(model.model_json_schema(ref_template=DEFINITIONS), title, description)


def list_schema(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    adapter: TypeAdapter[list[Any]] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return draft07(adapter.json_schema(ref_template=DEFINITIONS), title, description)


def place_measures_schema() -> dict[str, Any]:
    values = {
        "type": "object",
        "description": "One measure's figures: each period (YYYY, YYYY-Qn or YYYY-MM) and its number.",
        "propertyNames": {"pattern": f"^{PERIOD_SHAPE}$"},
        "additionalProperties": {"type": "number"},
    }
    return {
        "$schema": DRAFT,
        "title": "A place's measures",
        "description": "This place's figures for the shared measures, by measure id from measures.yml.",
        "type": "object",
        "propertyNames": {"pattern": ID_PATTERN},
        "properties": {"private": PRIVATE},
        "additionalProperties": values,
    }


@functools.cache  # the same for every build of this code
def file_kinds() -> tuple[FileKind, ...]:
    """Every kind of content file, in the order the docs present them."""
    return (
        FileKind(
            "network",
            "The network (network.yml)",
            ("network.yml",),
            False,
            model_schema(
                Network, "The network", "The network's name, introduction, defaults and key questions."
            ),
        ),
        FileKind(
            "themes",
            "Themes (themes.yml)",
            ("themes.yml",),
            False,
            list_schema(Theme, "The themes", "The theme vocabulary every place shares: a list of themes."),
        ),
        FileKind(
            "place",
            "A place (place.yml)",
            ("places/*/place.yml",),
            False,
            model_schema(Place, "A place", "One place's profile; its id is its folder's name."),
        ),
        FileKind(
            "record",
            "A learning record",
            ("places/*/records/*.md",),
            True,
            model_schema(Record, "A learning record", "A record's front matter; its id is its file's name."),
        ),
        FileKind(
            "post",
            "A post or report",
            ("posts/*.md", "places/*/posts/*.md"),
            True,
            model_schema(Post, "A post or report", "A post's front matter; its id is its file's name."),
        ),
        FileKind(
            "measures",
            "Shared measures (measures.yml)",
            ("measures.yml",),
            False,
            list_schema(Measure, "The shared measures", "What places agree to measure: a list of measures."),
        ),
        FileKind(
            "place-measures",
            "A place's figures (its measures.yml)",
            ("places/*/measures.yml",),
            False,
            place_measures_schema(),
        ),
        FileKind(
            "table",
            "An Emergent Learning table",
            ("tables/*.yml",),
            False,
            model_schema(
                LearningTable,
                "An Emergent Learning table",
                "One sense-making session; its id is its file's name.",
            ),
        ),
        FileKind(
            "activity",
            "An activity guide",
            ("toolkit/*.md",),
            True,
            model_schema(
                Activity, "An activity guide", "A toolkit guide's front matter; its id is its file's name."
            ),
        ),
        FileKind(
            "page",
            "Any other page",
            ("*.md", "**/*.md"),
            True,
            model_schema(PageMeta, "A page", "The front matter an ordinary Markdown page may carry."),
        ),
    )


def kind_of(path: str) -> FileKind | None:
    """The kind of a content file, by where it sits (any Markdown page at all is a page)."""
    return next((kind for kind in file_kinds() if any(fnmatch(path, glob) for glob in kind.paths)), None)


@functools.cache
def schema_files() -> Mapping[str, str]:
    """Each schema as the text of its file (`schema/<kind>.json`), stable for identical code."""
    return {kind.file: json.dumps(kind.schema, indent=2, ensure_ascii=False) + "\n" for kind in file_kinds()}


def vscode_settings() -> dict[str, Any]:
    """VS Code's `yaml.schemas` (the YAML extension) for a repository with schema/ and content/:
    each YAML kind's schema for its files. Front matter inside Markdown is not read by editors;
    `learnaloud check` covers it."""
    return {
        "yaml.schemas": {
            f"./schema/{kind.file}": [f"content/{path}" for path in kind.paths]
            for kind in file_kinds()
            if not kind.front_matter
        }
    }


@dataclass(frozen=True)
class FieldDoc:
    """One row of the field reference."""

    name: str
    required: bool
    takes: str
    description: str


def resolve(node: Mapping[str, Any], schema: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str):
        found: Mapping[str, Any] = schema["definitions"][ref.rsplit("/", 1)[1]]
        return found
    return node


def takes(node: Mapping[str, Any], schema: Mapping[str, Any]) -> str:
    """What a value may be, in a few words."""
    node = resolve(node, schema)
    options = [resolve(option, schema) for option in node.get("anyOf", [])]
    options = [option for option in options if option.get("type") != "null"]
    if len(options) == 2 and {option.get("type") for option in options} == {"string", "array"}:
        return "a list (one value may stand alone): " + takes(options[1]["items"], schema)
    if len(options) == 1:
        return takes(options[0], schema)
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    kind = node.get("type")
    if kind == "array":
        items = resolve(node.get("items", {}), schema)
        if "properties" in items:
            return "a list of entries, each with the fields below"
        count = node.get("minItems") if node.get("minItems") == node.get("maxItems") else None
        return f"a list{f' of {count}' if count else ''}: " + takes(items, schema)
    if kind == "object":
        return "fields, as below" if "properties" in node else "a mapping"
    if node.get("format") == "date":
        return "a date, YYYY-MM-DD"
    if node.get("pattern") == ID_PATTERN:
        return "an id (lowercase letters, digits, hyphens)"
    if kind == "integer":
        return "a whole number" + (" above 0" if node.get("exclusiveMinimum") == 0 else "")
    if kind == "number":
        return "a number"
    if kind == "boolean":
        return "true or false"
    if "pattern" in node:
        return "text starting with http:// or https://" if "https?" in node["pattern"] else "text"
    if kind is None:
        return "anything"
    return "Markdown text" if "Markdown" in node.get("description", "") else "text"


def field_reference(kind: FileKind) -> list[FieldDoc]:
    """The fields of a kind of file, nested entries as `list[].field`, from its schema alone."""
    schema = kind.schema
    rows: list[FieldDoc] = []

    def walk(node: Mapping[str, Any], prefix: str) -> None:
        required = set(node.get("required", []))
        for name, field in node.get("properties", {}).items():
            if prefix and name == "private":
                continue  # said once, at the top of the file
            description = field.get("description", "")
            rows.append(FieldDoc(prefix + name, name in required, takes(field, schema), description))
            target = resolve(field, schema)
            for option in (resolve(option, schema) for option in target.get("anyOf", [target])):
                items = option.get("items")
                if option.get("type") == "array" and isinstance(items, Mapping):
                    entry = resolve(items, schema)
                    if "properties" in entry:
                        walk(entry, f"{prefix}{name}[].")
                elif option.get("type") == "object" and "properties" in option:
                    walk(option, f"{prefix}{name}.")

    root = resolve(schema.get("items", schema), schema) if schema.get("type") == "array" else schema
    walk(root, "")
    if schema.get("additionalProperties"):
        extra = schema["additionalProperties"]
        rows.insert(0, FieldDoc("<measure id>", False, "periods and their numbers", extra["description"]))
    return rows


def reference_markdown() -> str:
    """The field reference of every kind of file, as Markdown (the repository's schema/README.md)."""
    lines = [
        "# Every field of every content file",
        "",
        "Generated from Learn Aloud's models by `learnaloud schema`, like the JSON Schema files beside",
        "this page: the descriptions here are the ones an editor shows. Do not edit by hand.",
        "",
    ]
    for kind in file_kinds():
        lines += [f"## {kind.title}", "", kind.schema["description"], ""]
        where = ", ".join(f"`content/{path}`" for path in kind.paths)
        lines += [f"Files: {where}. Schema: [`{kind.file}`]({kind.file}).", ""]
        lines += ["| field | required | takes | what it is |", "| --- | --- | --- | --- |"]
        for row in field_reference(kind):
            lines.append(
                f"| `{row.name}` | {'yes' if row.required else 'no'} | {row.takes} | {row.description} |"
            )
        lines.append("")
    return "\n".join(lines)
