"""Open data: what a build publishes, as CSV and JSON files with a Frictionless Data Package.

Everything here is drawn from `Published` (the one privacy gate) and its `Indexes`: an item a build
does not publish is not in any file, and `private:` fields never reach a model. The files are
deterministic: rows are sorted by their key, columns keep a fixed order, no timestamps.

Decisions, documented for readers in docs/open-data.md:

- Text that the contract calls Markdown (theme, measure and network descriptions, table entries)
  is exported as the plain text a reader sees (`views.plain_text`): no markup, and no link targets,
  which could name a page this build does not publish. Titles, summaries and questions are plain
  text already and are exported as written.
- CSV cells: every text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
  leading `'`, so that a spreadsheet shows it as text instead of running it as a formula. Numbers
  (counts, measure values, positions) are written as numbers, never prefixed: a negative value stays
  `-3`, which a spreadsheet reads as a number, not a formula. Text cells are quoted, numbers are
  not (`csv.QUOTE_NONNUMERIC`), so a carriage return inside a text never splits a row.
- JSON files hold the same rows with the original text (no prefix), lists as arrays, missing
  values as null (empty text stays ""). They are not resources of the data package: the package
  describes the CSV files; each JSON file has the same name, columns and types.
- A measure value that is not a finite number (YAML's `.nan`, `.inf`) is exported as missing.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, get_args

from .analysis import Indexes
from .errors import Report
from .model import (
    EVIDENCE_TYPES,
    LOOPS,
    PERIOD_SHAPE,
    Aggregate,
    Content,
    LearningTable,
    Rollup,
    Scope,
    Source,
    Visibility,
    slug,
)
from .page import FileText, PlannedPage
from .select import Published, Selection
from .tables import QUADRANTS, STATUSES
from .views import place_url, plain_text, record_url, table_url, theme_url

DATA_DIR = "data"
DATA_PAGE = "data/index.md"
DATA_TEMPLATE = "learnaloud/data.html"
DATA_TITLE = "Open data"
PACKAGE = "datapackage.json"

# What a spreadsheet may take for the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_DELIMITER = ";"
VISIBILITIES: tuple[str, ...] = get_args(Visibility)
SCOPES: tuple[str, ...] = get_args(Scope)
AGGREGATES: tuple[str, ...] = get_args(Aggregate)
ROLLUPS: tuple[str, ...] = get_args(Rollup)
# Frictionless: a package name and a licence name.
NAME_PATTERN = re.compile(r"^[-a-z0-9._/]+$")
LICENSE_NAME = re.compile(r"^[-a-zA-Z0-9._]+$")
CREATIVE_COMMONS = re.compile(r"^CC-(BY(?:-NC)?(?:-SA|-ND)?)-(\d\.\d)$", re.IGNORECASE)
CC_TERMS = {"NC": "NonCommercial", "SA": "ShareAlike", "ND": "NoDerivatives"}
CC_EDITIONS = {"4.0": "International", "3.0": "Unported"}
OTHER_LICENSES: Mapping[str, tuple[str, str | None]] = {
    "cc0-1.0": ("Creative Commons Zero v1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "odbl-1.0": (
        "Open Data Commons Open Database License v1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    "odc-by-1.0": (
        "Open Data Commons Attribution License v1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    "pddl-1.0": (
        "Open Data Commons Public Domain Dedication & License 1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
    "ogl-uk-3.0": (
        "Open Government Licence v3.0",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ),
}

# A cell of a row: text, a number, a list of ids, or missing.
Value = str | int | float | list[str] | None
Row = dict[str, Value]


# -- cells ---------------------------------------------------------------------------------------


def inert(text: str) -> str:
    """Text a spreadsheet shows as text: a leading `'` before anything that could start a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def number(value: float) -> int | float | None:
    """A measure value as researchers expect it: 34, not 34.0; missing if it is not finite."""
    if not math.isfinite(value):
        return None
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def csv_cell(value: Value) -> str | int | float | None:
    """A value as a CSV cell: lists joined with ';', text made inert, numbers left numbers."""
    if value is None or isinstance(value, int | float):
        return value
    if isinstance(value, list):
        return inert(LIST_DELIMITER.join(value)) if value else None
    return inert(value)


# -- what the files hold -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One field of a resource, as Table Schema describes it."""

    name: str
    type: str  # a Table Schema type: string, integer, number, date, list
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None

    def descriptor(self) -> dict[str, Any]:
        found: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "list":
            found |= {"delimiter": LIST_DELIMITER, "itemType": "string"}
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if constraints:
            found["constraints"] = constraints
        return found


@dataclass(frozen=True)
class ForeignKey:
    field: str
    resource: str
    reference: str

    def descriptor(self) -> dict[str, Any]:
        return {"fields": [self.field], "reference": {"resource": self.resource, "fields": [self.reference]}}


@dataclass(frozen=True)
class Resource:
    """One table of the export: written as `data/<name>.csv` and `data/<name>.json`."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: list[Row]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def csv_path(self) -> str:
        return f"{DATA_DIR}/{self.name}.csv"

    @property
    def json_path(self) -> str:
        return f"{DATA_DIR}/{self.name}.json"

    def csv_text(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow([c.name for c in self.columns])
        for row in self.rows:
            writer.writerow([csv_cell(row[c.name]) for c in self.columns])
        return out.getvalue()

    def json_text(self) -> str:
        """An array with a row on each line: readable, and written by Python's fast C encoder (an
        indented dump takes the pure-Python one, many times slower at a thousand rows)."""
        rows = [{c.name: row[c.name] for c in self.columns} for row in self.rows]
        lines = ",\n".join(json.dumps(row, ensure_ascii=False, allow_nan=False) for row in rows)
        return f"[\n{lines}\n]\n" if rows else "[]\n"

    def descriptor(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"fields": [c.descriptor() for c in self.columns]}
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            schema["foreignKeys"] = [fk.descriptor() for fk in self.foreign_keys]
        return {
            "name": self.name,
            "type": "table",
            "path": f"{self.name}.csv",
            "title": self.title,
            "description": self.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "header": True},
            "schema": schema,
        }


def dumps(value: Any) -> str:
    """JSON as every file of the export writes it: fixed order, readable, one trailing newline."""
    return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


# -- the data page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DataField:
    name: str
    type: str  # in words: "text", "whole number", "number", "date", "list (;-separated)"
    description: str


@dataclass(frozen=True)
class DataFile:
    name: str
    title: str
    description: str
    csv: str  # site-root-relative paths
    json: str
    rows: int
    fields: list[DataField]
    key: list[str]  # the fields that together name a row


@dataclass(frozen=True)
class DataLicense:
    name: str  # the network's own word, e.g. CC-BY-4.0
    title: str
    url: str | None


@dataclass(frozen=True)
class DataView:
    """The Open data page: what each file holds, its fields, the licence, what the build leaves out."""

    network: str
    visibility: str  # "public" or "network": which items this build publishes
    package: str  # the data package's site-root-relative path
    license: DataLicense | None
    files: list[DataFile]


TYPE_WORDS = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "date": "date",
    "list": "list (;-separated)",
}


# -- licences ------------------------------------------------------------------------------------


def license_of(name: str) -> DataLicense:
    """A licence named by an SPDX-like id, with its title and URL where the id is well known."""
    cc = CREATIVE_COMMONS.match(name)
    if cc is not None:
        kind, version = cc[1].upper(), cc[2]
        terms = ["Attribution"] + [CC_TERMS[t] for t in kind.split("-")[1:]]
        edition = CC_EDITIONS.get(version, "")
        title = f"Creative Commons {'-'.join(terms)} {version} {edition}".strip()
        return DataLicense(name, title, f"https://creativecommons.org/licenses/{kind.lower()}/{version}/")
    known = OTHER_LICENSES.get(name.lower())
    if known is not None:
        return DataLicense(name, known[0], known[1])
    return DataLicense(name, name, None)


def license_descriptor(license: DataLicense) -> dict[str, str]:
    """A Data Package licence. Its name must be an id: other words become an SPDX `LicenseRef-`."""
    name = license.name if LICENSE_NAME.match(license.name) else f"LicenseRef-{slug(license.name)}"
    found = {"name": name}
    if license.url:
        found["path"] = license.url
    found["title"] = license.title
    return found


# -- the export ----------------------------------------------------------------------------------


class DataPlanner:
    """The open data of one build: its resources, the files they become and the page about them."""

    def __init__(self, published: Published, indexes: Indexes) -> None:
        self.published = published
        self.indexes = indexes
        # Which items are public and which network-only, decided as `select` decides it.
        self.selection = Selection(
            Content(network=published.network, places=dict(published.places)), published.visibility, Report()
        )

    def visibility(self, own: Visibility | None, place: str | None, source: Source) -> Visibility:
        return self.selection.visibility_of(own, place, source)

    @cached_property
    def resources(self) -> list[Resource]:
        return [
            self.records(),
            self.places(),
            self.themes(),
            self.tables(),
            self.table_entries(),
            self.measures(),
            self.measure_values(),
        ]

    @cached_property
    def license(self) -> DataLicense | None:
        """The network's licence; a network build grants none, being for the network's own use."""
        name = self.published.network.license
        return license_of(name) if name and self.published.visibility == "public" else None

    def files(self) -> dict[str, FileText]:
        """Every file of the export, by its path in the site, in a fixed order."""
        files: dict[str, FileText] = {}
        for resource in self.resources:
            files[resource.csv_path] = resource.csv_text
            files[resource.json_path] = resource.json_text
        files[f"{DATA_DIR}/{PACKAGE}"] = lambda: dumps(self.package())
        return files

    def package(self) -> dict[str, Any]:
        network = self.published.network
        name = slug(network.name)
        description = plain_text(network.description)
        scope = (
            "Only what the network publishes openly is included."
            if self.published.visibility == "public"
            else "This network build includes items shared within the network only: do not republish it."
        )
        package: dict[str, Any] = {
            "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": name if NAME_PATTERN.match(name) else "learning-network",
            "title": network.name,
            "description": f"{description} {scope}".strip(),
        }
        if self.license is not None:
            package["licenses"] = [license_descriptor(self.license)]
        package["resources"] = [r.descriptor() for r in self.resources]
        return package

    def view(self) -> DataView:
        files = [
            DataFile(
                r.name,
                r.title,
                r.description,
                r.csv_path,
                r.json_path,
                len(r.rows),
                [DataField(c.name, TYPE_WORDS.get(c.type, c.type), c.description) for c in r.columns],
                list(r.primary_key),
            )
            for r in self.resources
        ]
        return DataView(
            self.published.network.name,
            self.published.visibility,
            f"{DATA_DIR}/{PACKAGE}",
            self.license,
            files,
        )

    def pages(self) -> list[PlannedPage]:
        search = (
            "Open data: download every record, place, theme, table and measure value as CSV or JSON files."
        )
        return [PlannedPage(DATA_PAGE, DATA_TEMPLATE, DATA_TITLE, search, self.view, in_nav=True)]

    # -- resources -------------------------------------------------------------------------------

    def records(self) -> Resource:
        questions = [q.id for q in self.published.network.questions]
        rows: list[Row] = []
        for record in sorted(self.published.records.values(), key=lambda r: r.ref):
            answered = {a.question.id for a in self.indexes.answers_of.get(record.ref, [])}
            rows.append(
                {
                    "id": record.ref,
                    "place": record.place,
                    "title": record.title,
                    "date": record.date.isoformat(),
                    "summary": record.summary,
                    "themes": list(record.themes),
                    "evidence": list(record.evidence),
                    "loop": record.loop,
                    "questions": [q for q in questions if q in answered],
                    "learned_from": list(record.learned_from),
                    "activities": list(record.activities),
                    "url": record_url(record),
                    "visibility": self.visibility(record.visibility, record.place, record.source),
                }
            )
        return Resource(
            "records",
            "Learning records",
            "One row per learning record: what a place learned, when, on which themes, from what evidence.",
            (
                Column("id", "string", "The record's id: <place>/<record>.", required=True),
                Column("place", "string", "The id of the place that wrote it (see places).", required=True),
                Column("title", "string", "The record's title.", required=True),
                Column("date", "date", "When the learning happened (YYYY-MM-DD).", required=True),
                Column("summary", "string", "One or two sentences, as written."),
                Column("themes", "list", "Theme ids (see themes), separated by ';'."),
                Column(
                    "evidence", "list", f"Kinds of evidence, separated by ';': {', '.join(EVIDENCE_TYPES)}."
                ),
                Column("loop", "string", "Learning loop: single, double or triple.", enum=LOOPS),
                Column(
                    "questions",
                    "list",
                    "The key questions the record answers under their own heading, by id.",
                ),
                Column("learned_from", "list", "Published records elsewhere that shaped this one, by id."),
                Column("activities", "list", "Toolkit activities used, by id."),
                Column("url", "string", "The record's page, relative to the site's address.", required=True),
                Column(
                    "visibility", "string", "public, or network for network-only items.", enum=VISIBILITIES
                ),
            ),
            rows,
            ("id",),
            (ForeignKey("place", "places", "id"),),
        )

    def places(self) -> Resource:
        rows: list[Row] = []
        for pid, place in sorted(self.published.places.items()):
            rows.append(
                {
                    "id": pid,
                    "name": place.name,
                    "region": place.region,
                    "summary": place.summary,
                    "started": place.started.isoformat() if place.started else None,
                    "website": place.website,
                    "records": len(self.indexes.by_place.get(pid, [])),
                    "url": place_url(pid),
                    "visibility": self.selection.place_visibility[pid],
                }
            )
        return Resource(
            "places",
            "Places",
            "One row per place of the network.",
            (
                Column("id", "string", "The place's id.", required=True),
                Column("name", "string", "The place's name.", required=True),
                Column("region", "string", "Where it is."),
                Column("summary", "string", "One or two sentences, as written."),
                Column("started", "date", "When the place joined or started the work (YYYY-MM-DD)."),
                Column("website", "string", "The place's own website."),
                Column("records", "integer", "How many learning records of the place this export holds."),
                Column("url", "string", "The place's page, relative to the site's address.", required=True),
                Column(
                    "visibility", "string", "public, or network for network-only places.", enum=VISIBILITIES
                ),
            ),
            rows,
            ("id",),
        )

    def themes(self) -> Resource:
        rows: list[Row] = [
            {
                "id": tid,
                "title": theme.title,
                "description": plain_text(theme.description),
                "records": len(self.indexes.by_theme.get(tid, [])),
                "url": theme_url(tid),
            }
            for tid, theme in sorted(self.published.themes.items())
        ]
        return Resource(
            "themes",
            "Themes",
            "The theme vocabulary all places share.",
            (
                Column("id", "string", "The theme's id.", required=True),
                Column("title", "string", "The theme's title.", required=True),
                Column("description", "string", "What the theme covers, as plain text."),
                Column("records", "integer", "How many learning records of this export take it up."),
                Column("url", "string", "The theme's page, relative to the site's address.", required=True),
            ),
            rows,
            ("id",),
        )

    def table_visibility(self, table: LearningTable) -> Visibility:
        # A table in one place is that place's, as `select` has it.
        place = table.places[0] if table.scope == "place" and table.places else None
        return self.visibility(table.visibility, place, table.source)

    def tables(self) -> Resource:
        rows: list[Row] = [
            {
                "id": tid,
                "title": table.title,
                "date": table.date.isoformat(),
                "scope": table.scope,
                "places": list(table.places),
                "question": table.question,
                "themes": list(table.themes),
                "follows": table.follows,
                "url": table_url(tid),
                "visibility": self.table_visibility(table),
            }
            for tid, table in sorted(self.published.tables.items())
        ]
        return Resource(
            "tables",
            "Emergent Learning tables",
            "One row per Emergent Learning table: a framing question held together by a place, "
            "several places or the whole network. Its entries are in table-entries.",
            (
                Column("id", "string", "The table's id.", required=True),
                Column("title", "string", "The table's title.", required=True),
                Column("date", "date", "When the table was held (YYYY-MM-DD).", required=True),
                Column("scope", "string", "place, across-places or national.", required=True, enum=SCOPES),
                Column("places", "list", "The ids of the places that took part, separated by ';'."),
                Column("question", "string", "The framing question the group held."),
                Column("themes", "list", "Theme ids, separated by ';'."),
                Column("follows", "string", "The earlier table this one picks up from, by id."),
                Column("url", "string", "The table's page, relative to the site's address.", required=True),
                Column(
                    "visibility", "string", "public, or network for network-only tables.", enum=VISIBILITIES
                ),
            ),
            rows,
            ("id",),
            (ForeignKey("follows", "tables", "id"),),
        )

    def table_entries(self) -> Resource:
        rows: list[Row] = []
        for tid, table in sorted(self.published.tables.items()):
            for section in QUADRANTS:
                for position, entry in enumerate(getattr(table, section), start=1):
                    rows.append(
                        {
                            "table": tid,
                            "section": section,
                            "position": position,
                            "text": plain_text(entry.text),
                            "status": getattr(entry, "status", None),
                            "evidence": list(entry.evidence),
                        }
                    )
        return Resource(
            "table-entries",
            "Emergent Learning table entries",
            "Every entry of every table, one per row: ground truth and insights look back, "
            "hypotheses and opportunities look forward.",
            (
                Column("table", "string", "The table's id (see tables).", required=True),
                Column(
                    "section",
                    "string",
                    "ground_truth (what happened), insights (why), hypotheses (if we …, then …) or "
                    "opportunities (where to test next).",
                    required=True,
                    enum=QUADRANTS,
                ),
                Column("position", "integer", "The entry's place in its section, from 1.", required=True),
                Column("text", "string", "The entry, as plain text.", required=True),
                Column("status", "string", "A hypothesis's status.", enum=STATUSES),
                Column("evidence", "list", "The ids of the published records it cites, separated by ';'."),
            ),
            rows,
            ("table", "section", "position"),
            (ForeignKey("table", "tables", "id"),),
        )

    def measures(self) -> Resource:
        rows: list[Row] = [
            {
                "id": mid,
                "title": measure.title,
                "unit": measure.unit,
                "description": plain_text(measure.description),
                "aggregate": measure.aggregate,
                "rollup": measure.rollup,
                "highest": measure.highest,
            }
            for mid, measure in sorted(self.published.measures.items())
        ]
        return Resource(
            "measures",
            "Shared measures",
            "What places agree to measure; their values are in measure-values.",
            (
                Column("id", "string", "The measure's id.", required=True),
                Column("title", "string", "The measure's title.", required=True),
                Column("unit", "string", "What a value counts.", required=True),
                Column("description", "string", "How it is measured, as plain text."),
                Column(
                    "aggregate",
                    "string",
                    "How places combine into a network figure: sum or mean.",
                    required=True,
                    enum=AGGREGATES,
                ),
                Column(
                    "rollup",
                    "string",
                    "How shorter periods make a quarter or a year: sum, mean, or none (values are not combined over time).",
                    required=True,
                    enum=ROLLUPS,
                ),
                Column(
                    "highest", "number", "The highest figure the measure can have (a score's top), if set."
                ),
            ),
            rows,
            ("id",),
        )

    def measure_values(self) -> Resource:
        rows: list[Row] = []
        for pid, measured in sorted(self.published.place_measures.items()):
            if pid not in self.published.places:
                continue
            for mid, series in sorted(measured.values.items()):
                for period, value in sorted(series.items()):
                    rows.append(
                        {
                            "place": pid,
                            "measure": mid,
                            "period": period,
                            "value": number(value),
                            "visibility": self.selection.place_visibility[pid],
                        }
                    )
        return Resource(
            "measure-values",
            "Measure values",
            "One row per value a place reported for a shared measure and period (long format).",
            (
                Column("place", "string", "The place's id (see places).", required=True),
                Column("measure", "string", "The measure's id (see measures).", required=True),
                Column(
                    "period",
                    "string",
                    "A year (YYYY), quarter (YYYY-Qn) or month (YYYY-MM).",
                    required=True,
                    pattern=PERIOD_SHAPE,  # a Table Schema pattern matches the whole value
                ),
                Column("value", "number", "The value, in the measure's unit."),
                Column(
                    "visibility",
                    "string",
                    "public, or network for a network-only place's values.",
                    enum=VISIBILITIES,
                ),
            ),
            rows,
            ("place", "measure", "period"),
            (ForeignKey("place", "places", "id"), ForeignKey("measure", "measures", "id")),
        )
