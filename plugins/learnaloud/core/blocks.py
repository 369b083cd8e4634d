"""Live blocks: fenced `learning-*` blocks in any Markdown page, found with their lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import did_you_mean
from .messages import period_hint
from .model import EVIDENCE_TYPES, LOOPS, PERIOD, LiveBlock, Record
from .periods import FIRST_YEAR, LAST_YEAR, in_order
from .sanitize import COMMONMARK
from .source import SourceProblem, parse_yaml

# Each block's options, and what a valid value of each looks like (checked before any lookup).
BLOCK_OPTIONS: Mapping[str, Mapping[str, str]] = {
    "learning-chart": {
        "measure": "id",
        "places": "ids",
        "from": "period",
        "until": "period",
        "kind": "chart-kind",
    },
    "learning-records": {
        "place": "id",
        "theme": "id",
        "evidence": "evidence",
        "loop": "loop",
        "since": "date",
        "until": "date",
        "limit": "count",
    },
    "learning-table": {"table": "id"},
}
# Options whose value is one of a fixed list.
CHOICES: Mapping[str, Sequence[str]] = {
    "evidence": EVIDENCE_TYPES,
    "loop": LOOPS,
    "chart-kind": ("line", "bar"),
}
REQUIRED_OPTIONS: Mapping[str, tuple[str, ...]] = {
    "learning-chart": ("measure",),
    "learning-table": ("table",),
}

MAX_CHARTS_PER_PAGE = 20  # each may draw a chart: a page of hundreds would take minutes


@dataclass(frozen=True)
class FoundBlocks:
    blocks: tuple[LiveBlock, ...]
    problems: tuple[SourceProblem, ...]


def find_blocks(text: str, first_line: int) -> FoundBlocks:
    """The live blocks of a Markdown text whose first line is `first_line` of its file."""
    if "learning-" not in text:
        return FoundBlocks((), ())
    found: list[LiveBlock] = []
    problems: list[SourceProblem] = []
    for token in COMMONMARK.parse(text):
        if token.type != "fence" or token.map is None:
            continue
        kind = token.info.split(maxsplit=1)[0] if token.info.strip() else ""
        if not kind.startswith("learning-"):
            continue
        line = first_line + token.map[0]
        if kind not in BLOCK_OPTIONS:
            problems.append(
                SourceProblem(
                    line,
                    f"'{kind}' is not a live block",
                    did_you_mean(kind, BLOCK_OPTIONS, "block"),
                )
            )
            continue
        if kind == "learning-chart" and sum(b.kind == kind for b in found) == MAX_CHARTS_PER_PAGE:
            problems.append(
                SourceProblem(
                    line,
                    f"this page has more than {MAX_CHARTS_PER_PAGE} learning-chart blocks",
                    f"split the charts over several pages; each page draws at most {MAX_CHARTS_PER_PAGE}",
                )
            )
            continue
        block = read_block(kind, token.content, line, first_line + token.map[1] - 1, problems)
        if block is not None:
            found.append(block)
    return FoundBlocks(tuple(found), tuple(problems))


def read_block(
    kind: str, body: str, line: int, end_line: int, problems: list[SourceProblem]
) -> LiveBlock | None:
    try:
        parsed = parse_yaml(body, first_line=line + 1)
    except SourceProblem as problem:
        problems.append(problem)
        return None
    problems.extend(parsed.problems)
    options = parsed.value if parsed.value is not None else {}
    if not isinstance(options, dict):
        problems.append(
            SourceProblem(
                line + 1,
                f"the options of a {kind} block should be 'option: value' lines",
                f"write e.g. '{next(iter(BLOCK_OPTIONS[kind]))}: …'",
            )
        )
        return None
    allowed = BLOCK_OPTIONS[kind]
    ok = True
    for name, value in options.items():
        where = parsed.lines.line(name)
        if name not in allowed:
            problems.append(
                SourceProblem(
                    where,
                    f"'{name}' is not an option of {kind}",
                    did_you_mean(str(name), allowed, "option"),
                )
            )
            ok = False
            continue
        wrong = check_value(allowed[name], name, value)
        if wrong is not None:
            problems.append(SourceProblem(where, *wrong))
            ok = False
    if ok and "from" in options and "until" in options and not in_order(options["from"], options["until"]):
        problems.append(
            SourceProblem(
                parsed.lines.line("until"),
                f"'until: {options['until']}' comes before 'from: {options['from']}'",
                "swap them, or widen the range",
            )
        )
        ok = False
    for name in REQUIRED_OPTIONS.get(kind, ()):
        if name not in options:
            problems.append(
                SourceProblem(line, f"the {kind} block has no '{name}'", f"add a line '{name}: …' inside it")
            )
            ok = False
    return (
        LiveBlock(kind, options, line, end_line, {k: parsed.lines.line(k) for k in options}) if ok else None
    )


def check_value(shape: str, name: str, value: Any) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) if a value does not have its option's shape."""
    if shape == "ids":
        values = value if isinstance(value, list) else [value]
        bad = next((v for v in values if not isinstance(v, str)), None)
        return None if bad is None else (f"'{bad}' is not an id", f"write '{name}: [north-quay, hillfoot]'")
    if shape == "id":
        return None if isinstance(value, str) else (f"'{name}' should be one id", f"write '{name}: some-id'")
    if shape == "period":
        if not PERIOD.match(str(value)):
            return f"'{value}' is not a period", period_hint(value)
        if not FIRST_YEAR <= int(str(value)[:4]) <= LAST_YEAR:
            return (
                f"{value} is outside the years Learn Aloud charts",
                f"give a period from {FIRST_YEAR} to {LAST_YEAR}",
            )
        return None
    if shape == "date":  # a date, not a date and time
        return (
            None
            if type(value) is dt.date
            else (f"'{value}' is not a date", "write dates as YYYY-MM-DD, e.g. 2025-03-12")
        )
    if shape == "count":
        ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
        return None if ok else (f"'{value}' is not a count", f"write a whole number, e.g. '{name}: 5'")
    choices = CHOICES[shape]
    return (
        None
        if value in choices
        else (f"'{value}' is not a valid {name}", did_you_mean(str(value), choices, name))
    )


def select_records(options: Mapping[str, Any], records: Sequence[Record]) -> list[Record]:
    """The records a `learning-records` block lists, from records newest first."""
    chosen = [
        r
        for r in records
        if options.get("place", r.place) == r.place
        and ("theme" not in options or options["theme"] in r.themes)
        and ("evidence" not in options or options["evidence"] in r.evidence)
        and options.get("loop", r.loop) == r.loop
        and ("since" not in options or r.date >= options["since"])
        and ("until" not in options or r.date <= options["until"])
    ]
    return chosen[: options["limit"]] if "limit" in options else chosen


def expand_blocks(markdown: str, render: Callable[[LiveBlock], str | None]) -> str:
    """The Markdown with each live block that `render` draws replaced by its HTML."""
    found = find_blocks(markdown, 1)
    if not found.blocks:
        return markdown
    lines = markdown.split("\n")
    for block in reversed(found.blocks):
        html = render(block)
        if html is not None:
            # Raw HTML must stand alone between blank lines, with none inside it.
            compact = [line for line in html.splitlines() if line.strip()]
            lines[block.line - 1 : block.end_line] = ["", *compact, ""]
    return "\n".join(lines)
