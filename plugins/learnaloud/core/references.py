"""Cross-file checks: every id a file names must exist. The one place ids are resolved."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .errors import Report, closest, did_you_mean, invisible_hint
from .messages import list_hint
from .model import ID_PATTERN, Content, Source, one_or_many, slug

REF_HINT = "name a record as '<place>/<record>', e.g. 'north-quay/2025-03-12-market-stall'"


# Where a contributor looks to see the ids a hint suggests.
WHERE_DEFINED = {"measure": " (shared measures are listed in measures.yml)"}
ID = re.compile(ID_PATTERN)

# The fields of each kind of item that name other items by id, and what they name.
REFERENCE_FIELDS: Mapping[str, Mapping[str, str]] = {
    "record": {"themes": "theme", "activities": "activity"},
    "post": {"themes": "theme"},
    "table": {"places": "place", "themes": "theme"},
    "activity guide": {"questions": "question", "themes": "theme", "related": "activity"},
}


@dataclass(frozen=True)
class Partial:
    """An item that failed its own checks: its fields as written, and those that were wrong. The ids
    in the others are still checked, so a contributor sees every mistake in one build."""

    kind: str
    data: Mapping[str, Any]
    source: Source
    failed: set[str]

    def written_ids(self, field: str) -> list[str] | None:
        """A field's ids as written, if the field was itself well formed."""
        values = one_or_many(self.data.get(field))
        if field in self.failed or not isinstance(values, list):
            return None
        return values if all(isinstance(v, str) for v in values) else None


class References:
    def __init__(self, content: Content, report: Report) -> None:
        self.content = content
        self.report = report
        self.vocabularies: Mapping[str, Iterable[str]] = {
            "theme": content.themes,
            "place": content.places,
            "activity": content.activities,
            "question": [q.id for q in content.network.questions],
        }
        # A title written where its id belongs is the commonest slip: 'Equalising space'.
        self.titles: Mapping[str, Mapping[str, str]] = {
            "theme": {t.title.casefold(): t.id for t in content.themes.values()},
            "place": {p.name.casefold(): p.id for p in content.places.values()},
            "activity": {a.title.casefold(): a.id for a in content.activities.values()},
        }

    def ids(self, source: Source, field: str, values: Iterable[str], known: Iterable[str], noun: str) -> None:
        if noun in self.content.unreadable:
            return
        choices = self.known(known, noun)
        for index, value in enumerate(values):
            if value not in choices:
                self.report.error(
                    source.path,
                    source.line(field, index),
                    f"there is no {noun} '{value}'",
                    self.suggest(value, choices, noun, field) + WHERE_DEFINED.get(noun, ""),
                )

    def suggest(self, value: str, choices: set[str], noun: str, field: str) -> str:
        titled = self.titles.get(noun, {}).get(value.strip().casefold())
        if titled is not None:
            return f"did you mean '{titled}'? (write the {noun}'s id, not its title)"
        listed = list_hint(field, value)
        return (
            invisible_hint(value)
            or listed
            or did_you_mean(value if ID.match(value) else slug(value), choices, noun)
        )

    def fields(self, kind: str, source: Source, values: Mapping[str, Any]) -> None:
        """The id fields of one item (see REFERENCE_FIELDS)."""
        for field, noun in REFERENCE_FIELDS[kind].items():
            if field in values:
                self.ids(source, field, values[field], self.vocabularies[noun], noun)

    def partial(self, item: Partial) -> None:
        """The ids an invalid item names, in the fields that were themselves well written."""
        if item.kind not in REFERENCE_FIELDS:
            return
        named = [*REFERENCE_FIELDS[item.kind], "learned_from"]
        written = {field: ids for field in named if (ids := item.written_ids(field)) is not None}
        self.fields(item.kind, item.source, written)
        if item.kind == "record" and "learned_from" in written:
            self.records(item.source, ("learned_from",), written["learned_from"])

    @cached_property
    def known_records(self) -> set[str]:
        """Made once: a network has thousands of records, and as many references to them."""
        return self.known(self.content.records, "record")

    def known(self, valid: Iterable[str], noun: str) -> set[str]:
        """Valid ids plus those of items that failed their own checks: no second error for them."""
        return set(valid) | {item for kind, item in self.content.invalid if kind == noun}

    def records(
        self, source: Source, path: tuple[str | int, ...], refs: Iterable[str], own: str = ""
    ) -> None:
        for index, ref in enumerate(refs):
            line = source.line(*path, index)
            if "/" not in ref:
                near = [r for r in self.content.records if r.endswith("/" + ref)]
                hint = f"did you mean '{near[0]}'?" if near else REF_HINT
                self.report.error(source.path, line, f"'{ref}' does not say which place's record it is", hint)
            elif ref == own:
                self.report.error(source.path, line, "a record cannot name itself", "remove this entry")
            elif ref not in (known := self.known_records):
                self.report.error(source.path, line, f"there is no record '{ref}'", record_hint(ref, known))


# A record's file name starts with its date: renamed, it most often keeps it (and its place).
DATED = re.compile(r"[^/]+/\d{4}-\d{2}-\d{2}-")


def record_hint(ref: str, known: set[str]) -> str:
    """The record a missing one most likely is: of the same place and day, else any like it."""
    if (day := DATED.match(ref)) is not None:
        same_day = sorted(r for r in known if r.startswith(day[0]))
        if near := closest(ref, same_day) or (same_day[0] if len(same_day) == 1 else None):
            return f"did you mean '{near}'?"
    return did_you_mean(ref, known, "record")


def check_references(content: Content, report: Report, partial: Iterable[Partial] = ()) -> None:
    refs = References(content, report)
    for item in partial:
        refs.partial(item)
    for record in content.records.values():
        refs.fields("record", record.source, dict(record))
        refs.records(record.source, ("learned_from",), record.learned_from, own=record.ref)
    for post in content.posts.values():
        refs.fields("post", post.source, dict(post))
    for table in content.tables.values():
        source = table.source
        refs.fields("table", source, dict(table))
        if table.scope == "place" and len(table.places) != 1:
            report.error(
                source.path,
                source.line("places" if table.places else "scope"),
                "a table in one place names exactly one place",
                "write 'places: [<place>]'",
            )
        if table.scope == "across-places" and len(table.places) < 2:
            report.error(
                source.path,
                source.line("places" if table.places else "scope"),
                "a table across places names two or more places",
                "write 'places: [<place>, <place>]'",
            )
        for quadrant in ("ground_truth", "insights", "hypotheses", "opportunities"):
            for index, entry in enumerate(getattr(table, quadrant)):
                refs.records(source, (quadrant, index, "evidence"), entry.evidence)
        if table.follows is not None:
            if table.follows == table.id:
                report.error(
                    source.path,
                    source.line("follows"),
                    "a table cannot follow itself",
                    "name an earlier table",
                )
            elif table.follows not in (known := refs.known(content.tables, "table")):
                report.error(
                    source.path,
                    source.line("follows"),
                    f"there is no table '{table.follows}'",
                    did_you_mean(table.follows, known - {table.id}, "table"),
                )
    check_follows_cycles(content, report)
    for activity in content.activities.values():
        refs.fields("activity guide", activity.source, dict(activity))
        if activity.group_size and activity.group_size[0] > activity.group_size[1]:
            report.error(
                activity.source.path,
                activity.source.line("group_size"),
                "the smallest group size is larger than the largest",
                "write it as [min, max], e.g. [4, 12]",
            )
    for measures in content.place_measures.values():
        for measure_id in measures.values:
            refs.ids(measures.source, measure_id, [measure_id], content.measures, "measure")
    check_block_references(content, refs, report)


def check_follows_cycles(content: Content, report: Report) -> None:
    for table in content.tables.values():
        seen = [table.id]
        current = table.follows
        while current is not None and current in content.tables:
            if current == table.id:
                chain = " → ".join([*seen, current])
                report.error(
                    table.source.path,
                    table.source.line("follows"),
                    f"these tables follow each other in a circle: {chain}",
                    "a table can only follow an earlier one; remove one 'follows'",
                )
                break
            if current in seen:
                break
            seen.append(current)
            current = content.tables[current].follows


def check_block_references(content: Content, refs: References, report: Report) -> None:
    lookups: dict[str, tuple[Iterable[str], str]] = {
        "place": (content.places, "place"),
        "places": (content.places, "place"),
        "theme": (content.themes, "theme"),
        "measure": (content.measures, "measure"),
        "table": (content.tables, "table"),
    }
    for path, blocks in content.blocks.items():
        for block in blocks:
            for option, value in block.options.items():
                if option not in lookups:
                    continue
                known, noun = lookups[option]
                if noun in content.unreadable:
                    continue
                known = refs.known(known, noun)
                for item in value if isinstance(value, list) else [value]:
                    if item not in known:
                        report.error(
                            path,
                            block.option_lines.get(option, block.line),
                            f"the {block.kind} block names no known {noun} '{item}'",
                            did_you_mean(str(item), known, noun),
                        )
