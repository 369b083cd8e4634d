"""The indexes every page is drawn from, computed once per build from the published view."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import Record
from ..select import Published


def newest_first(records: list[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (r.date, r.ref), reverse=True)


@dataclass(frozen=True)
class Indexes:
    records: list[Record]  # every published record, newest first
    by_place: dict[str, list[Record]]
    by_theme: dict[str, list[Record]]
    shaped: dict[str, list[Record]]  # record ref → the records that name it in learned_from
    theme_places: dict[str, list[str]]  # theme id → the places that wrote on it, by name order


def index_published(published: Published) -> Indexes:
    records = newest_first(list(published.records.values()))
    by_place: dict[str, list[Record]] = {pid: [] for pid in published.places}
    by_theme: dict[str, list[Record]] = {tid: [] for tid in published.themes}
    shaped: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_place[record.place].append(record)
        for theme in record.themes:
            by_theme[theme].append(record)
        for ref in record.learned_from:
            shaped[ref].append(record)
    names = {pid: place.name for pid, place in published.places.items()}
    theme_places = {
        tid: sorted({r.place for r in recs}, key=lambda pid: (names[pid], pid))
        for tid, recs in by_theme.items()
    }
    return Indexes(records, by_place, by_theme, dict(shaped), theme_places)
