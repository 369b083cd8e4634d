"""Cross-file checks: every id a file names must exist. The one place ids are resolved."""

from __future__ import annotations

from collections.abc import Iterable

from .errors import Report, did_you_mean
from .model import Content, Source

REF_HINT = "name a record as '<place>/<record>', e.g. 'north-quay/2025-03-12-market-stall'"


# Where a contributor looks to see the ids a hint suggests.
WHERE_DEFINED = {"measure": " (shared measures are listed in measures.yml)"}


class References:
    def __init__(self, content: Content, report: Report) -> None:
        self.content = content
        self.report = report

    def ids(self, source: Source, field: str, values: Iterable[str], known: Iterable[str], noun: str) -> None:
        choices = self.known(known, noun)
        for index, value in enumerate(values):
            if value not in choices:
                self.report.error(
                    source.path,
                    source.line(field, index),
                    f"there is no {noun} '{value}'",
                    did_you_mean(value, choices, noun) + WHERE_DEFINED.get(noun, ""),
                )

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
            elif ref not in (known := self.known(self.content.records, "record")):
                self.report.error(
                    source.path, line, f"there is no record '{ref}'", did_you_mean(ref, known, "record")
                )


def check_references(content: Content, report: Report) -> None:
    refs = References(content, report)
    themes = content.themes
    question_ids = [q.id for q in content.network.questions]
    for record in content.records.values():
        refs.ids(record.source, "themes", record.themes, themes, "theme")
        refs.ids(record.source, "activities", record.activities, content.activities, "activity")
        refs.records(record.source, ("learned_from",), record.learned_from, own=record.ref)
    for post in content.posts.values():
        refs.ids(post.source, "themes", post.themes, themes, "theme")
    for table in content.tables.values():
        source = table.source
        refs.ids(source, "places", table.places, content.places, "place")
        refs.ids(source, "themes", table.themes, themes, "theme")
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
        refs.ids(activity.source, "questions", activity.questions, question_ids, "question")
        refs.ids(activity.source, "themes", activity.themes, themes, "theme")
        refs.ids(activity.source, "related", activity.related, content.activities, "activity")
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
    check_block_references(content, report)


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


def check_block_references(content: Content, report: Report) -> None:
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
                known = set(known)
                for item in value if isinstance(value, list) else [value]:
                    if item not in known:
                        report.error(
                            path,
                            block.option_lines.get(option, block.line),
                            f"the {block.kind} block names no known {noun} '{item}'",
                            did_you_mean(str(item), known, noun),
                        )
