"""JSON Schema for editors: made from the models, committed in schema/, published in the site.

Each schema accepts every file of the example network and rejects the mistakes a schema can see —
each of which the build (the same check) rejects too, so an editor never flags what builds."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from learnaloud.core.check import check_site
from learnaloud.core.schema import (
    field_reference,
    file_kinds,
    kind_of,
    reference_markdown,
    schema_files,
    vscode_settings,
)
from tests.helpers import BASE_TREE, EXAMPLE, ROOT, write_tree

KINDS = {kind.name: kind for kind in file_kinds()}


def as_json(value: Any) -> Any:
    """YAML as an editor's language server hands it to the schema: keys and dates as text."""
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def fields_of(path: Path, front_matter: bool) -> Any:
    text = path.read_text(encoding="utf-8")
    if front_matter:
        if not text.startswith("---"):
            return {}
        text = text.split("---", 2)[1]
    return as_json(yaml.safe_load(text) or {})


def problems(kind: str, value: Any) -> list[str]:
    validator = Draft7Validator(KINDS[kind].schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    errors = list(validator.iter_errors(value))
    return [e.message for error in errors for e in [error, *error.context]]  # anyOf: each branch's say


def test_the_committed_schemas_and_reference_are_current() -> None:
    """`learnaloud schema` writes them; a model changed without running it fails here."""
    for name, text in schema_files().items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == text, (
            f"run `learnaloud schema` ({name})"
        )
    assert (ROOT / "schema" / "README.md").read_text(encoding="utf-8") == reference_markdown()
    assert json.loads((ROOT / ".vscode" / "settings.json").read_text()) == vscode_settings()


@pytest.mark.parametrize("kind", file_kinds(), ids=lambda kind: kind.name)
def test_each_schema_is_draft_07_with_a_description_for_every_field(kind: Any) -> None:
    Draft7Validator.check_schema(kind.schema)
    assert kind.schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(kind.schema), "editors read draft-07: definitions, not $defs"
    text = json.dumps(kind.schema)
    for derived in ('"id"', '"place"', '"body"', '"headings"', '"source"'):
        if kind.name not in ("themes", "measures", "network"):
            assert f"{derived}:" not in text, f"{derived} comes from the file's name, never written"
    rows = field_reference(kind)
    assert rows and all(row.description for row in rows), [row.name for row in rows if not row.description]


def test_every_file_of_the_example_network_passes_its_schema() -> None:
    checked = 0
    for path in sorted(EXAMPLE.rglob("*")):
        rel = path.relative_to(EXAMPLE).as_posix()
        if path.suffix not in (".yml", ".md"):
            continue
        kind = kind_of(rel)  # the schema's own: where the file sits says what it is
        assert kind is not None, rel
        value = fields_of(path, kind.front_matter)
        assert problems(kind.name, value) == [], rel
        checked += 1
    assert checked > 40


# Mistakes a schema can see, each as (the kind, a file the build also rejects, what the editor says).
MISTAKES = [
    ("record", "evidence: [stroy]", "'stroy' is not one of"),
    ("record", "evidence: []", "should be non-empty"),
    ("record", "loop: Double", "is not valid"),
    ("record", "date: 12/03/2025", "is not a 'date'"),
    ("record", "draft: true", "Additional properties are not allowed ('draft' was unexpected)"),
    ("record", "themes: [Equalising Space]", "does not match"),
    ("record", "visibility: private", "'private' is not one of ['public', 'network']"),
    ("post", "type: article", "'article' is not one of ['blog', 'report']"),
    ("activity", "duration: ninety", "'ninety' is not of type 'integer'"),
    ("activity", "group_size: [4]", "is too short"),
    ("activity", "stage: both", "'both' is not one of ['embodied', 'integrated']"),
    ("table", "scope: everywhere", "'everywhere' is not one of ['place', 'across-places', 'national']"),
    ("table", "hypotheses: [{text: If we ask, status: maybe}]", "'maybe' is not one of"),
    ("table", "insights: [{txt: Why}]", "'text' is a required property"),
    ("place", "website: example.org", "does not match"),
    ("place", "name: ''", "should be non-empty"),
    ("network", "default_visibility: everyone", "'everyone' is not one of ['public', 'network']"),
    ("themes", "- {id: Relational, title: R}", "does not match"),
    ("measures", "- {id: visits, title: Visits, unit: visits, aggregate: total}", "'total' is not one of"),
    ("place-measures", "participants: {2025-13: 4}", "does not match"),
    ("place-measures", "participants: {2025-03: lots}", "'lots' is not of type 'number'"),
]
FILES = {
    "record": ("places/north-quay/records/2025-05-01-mistake.md", True),
    "post": ("posts/2025-05-01-mistake.md", True),
    "activity": ("toolkit/mistake.md", True),
    "table": ("tables/2025-05-mistake.yml", False),
    "place": ("places/north-quay/place.yml", False),
    "network": ("network.yml", False),
    "themes": ("themes.yml", False),
    "measures": ("measures.yml", False),
    "place-measures": ("places/north-quay/measures.yml", False),
}
VALID = {
    "record": "title: A record\ndate: 2025-05-01\nevidence: [story]",
    "post": "title: A post\ndate: 2025-05-01",
    "activity": "title: An activity\nsummary: What it is for.\nstage: embodied\nduration: 30",
    "table": "title: A table\ndate: 2025-05-01\nscope: national",
    "place": "name: North Quay",
    "network": "name: Test Network",
    "themes": "- {id: relational-approaches, title: Relational approaches}\n"
    "- {id: equalising-space, title: Equalising space}",
    "measures": "- {id: participants, title: People taking part, unit: people}",
    "place-measures": "participants: {2025-01: 4}",
}


def with_mistake(kind: str, mistake: str) -> str:
    """The kind's smallest valid file, with one line replaced or added."""
    if kind in ("themes", "measures"):
        return VALID[kind] + "\n" + mistake
    lines = dict(line.split(":", 1) for line in VALID[kind].splitlines())
    name, value = mistake.split(":", 1)
    lines[name] = value
    return "\n".join(f"{key}:{value}" for key, value in lines.items())


@pytest.mark.parametrize("kind", FILES)
def test_the_smallest_valid_file_passes_schema_and_build(kind: str, tmp_path: Path) -> None:
    rel, front = FILES[kind]
    text = VALID[kind]
    assert problems(kind, as_json(yaml.safe_load(text))) == []
    tree = {**BASE_TREE, rel: f"---\n{text}\n---\n" if front else text}
    report = check_site(write_tree(tmp_path, dedented(tree)), "public").report
    assert report.errors == []


@pytest.mark.parametrize(("kind", "mistake", "said"), MISTAKES, ids=[m[1] for m in MISTAKES])
def test_schema_and_build_both_reject_a_mistake(kind: str, mistake: str, said: str, tmp_path: Path) -> None:
    rel, front = FILES[kind]
    text = with_mistake(kind, mistake)
    found = problems(kind, as_json(yaml.safe_load(text)))
    assert any(said in message for message in found), found
    tree = {**BASE_TREE, rel: f"---\n{text}\n---\n" if front else text}
    report = check_site(write_tree(tmp_path, dedented(tree)), "public").report
    assert {error.path for error in report.errors} == {rel}, report.errors


def dedented(tree: dict[str, str]) -> dict[str, str]:
    return {path: textwrap.dedent(text) for path, text in tree.items()}


def test_a_single_value_where_a_list_goes_is_accepted_by_both() -> None:
    """The build reads `themes: equalising-space` as a list of one; the editor must not flag it."""
    value = as_json(yaml.safe_load(VALID["record"] + "\nthemes: equalising-space\nevidence: story"))
    assert problems("record", value) == []


def test_private_blocks_are_allowed_at_any_depth() -> None:
    table = yaml.safe_load(VALID["table"]) | {
        "private": {"notes": "x"},
        "insights": [{"text": "Why", "private": {"who": "x"}}],
    }
    assert problems("table", as_json(table)) == []
