"""Visibility: the one privacy gate. Everything downstream sees only what `select` returns."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar

from .errors import Report
from .model import (
    Activity,
    Content,
    LearningTable,
    Measure,
    Network,
    Place,
    PlaceMeasures,
    Post,
    Record,
    Source,
    Theme,
    Visibility,
)

BuildVisibility = Literal["public", "network"]
ItemT = TypeVar("ItemT", Record, Post, LearningTable, Activity)


@dataclass(frozen=True)
class Published:
    """The items a build publishes, with links to anything else already removed."""

    visibility: BuildVisibility
    network: Network
    themes: Mapping[str, Theme]
    measures: Mapping[str, Measure]
    places: Mapping[str, Place]
    records: Mapping[str, Record]
    posts: Mapping[str, Post]
    place_measures: Mapping[str, PlaceMeasures]
    tables: Mapping[str, LearningTable]
    activities: Mapping[str, Activity]
    # The paths, without endings, of everything in the tree this build does not publish: a
    # hand-written link into one of them is removed (see links.LinkGate).
    withheld: frozenset[str] = frozenset()
    # Hand-written pages and other files of the tree that this build publishes as they are.
    files: tuple[str, ...] = ()


class Selection:
    def __init__(self, content: Content, visibility: BuildVisibility, report: Report) -> None:
        self.content = content
        self.visibility = visibility
        self.report = report
        default = content.network.default_visibility
        self.place_visibility = {pid: p.visibility or default for pid, p in content.places.items()}

    def visibility_of(self, own: Visibility | None, place: str | None, source: Source) -> Visibility:
        """The item's own word, else its place's, else the network's default."""
        place_visibility = self.place_visibility.get(place or "", self.content.network.default_visibility)
        if place is not None and place_visibility == "network":
            if own == "public":
                self.report.warning(
                    source.path,
                    source.line("visibility"),
                    f"this item says public, but its place '{place}' is network-only",
                    "it stays network-only; make the place public to publish it",
                )
            return "network"
        return own or place_visibility

    def published(self, visibility: Visibility) -> bool:
        return self.visibility == "network" or visibility == "public"

    def keep(self, items: Mapping[str, ItemT], place_of: Callable[[ItemT], str | None]) -> dict[str, ItemT]:
        return {
            key: item
            for key, item in items.items()
            if self.published(self.visibility_of(item.visibility, place_of(item), item.source))
        }

    def links(
        self,
        source: Source,
        field: tuple[str | int, ...],
        refs: Iterable[str],
        published: Mapping[str, object],
        noun: str,
    ) -> list[str]:
        """The links whose targets are published; each one dropped is a warning naming both ends."""
        kept = []
        for index, ref in enumerate(refs):
            if ref in published:
                kept.append(ref)
            else:
                self.report.warning(
                    source.path,
                    source.line(*field, index),
                    f"links the {noun} '{ref}', which this build does not publish",
                    "the site shows this entry without the link; nothing to do (change that "
                    f"{noun}'s visibility only if its place agrees)",
                )
        return kept


def select(content: Content, visibility: BuildVisibility, report: Report) -> Published:
    """The published view of a content tree for a public or a network build."""
    sel = Selection(content, visibility, report)
    places = {pid: place for pid, place in content.places.items() if sel.published(sel.place_visibility[pid])}
    records = sel.keep(content.records, lambda r: r.place)
    posts = sel.keep(content.posts, lambda p: p.place)
    # A table in one place is that place's: a network-only place's table is never public.
    tables = sel.keep(content.tables, lambda t: t.places[0] if t.scope == "place" and t.places else None)
    activities = sel.keep(content.activities, lambda a: None)
    records = {
        key: record.model_copy(
            update={
                "learned_from": sel.links(
                    record.source, ("learned_from",), record.learned_from, records, "record"
                ),
                "activities": sel.links(
                    record.source, ("activities",), record.activities, activities, "activity"
                ),
            }
        )
        for key, record in records.items()
    }
    tables = {key: select_table(sel, table, places, records, tables) for key, table in tables.items()}
    activities = {
        key: activity.model_copy(
            update={
                "related": sel.links(activity.source, ("related",), activity.related, activities, "activity"),
            }
        )
        for key, activity in activities.items()
    }
    withheld = withheld_paths(content, places, records, posts, tables, activities)
    return Published(
        visibility=visibility,
        network=content.network,
        themes=dict(content.themes),
        measures=dict(content.measures),
        places=places,
        records=records,
        posts=posts,
        place_measures={pid: m for pid, m in content.place_measures.items() if pid in places},
        tables=tables,
        activities=activities,
        withheld=withheld,
        # A file named as a withheld item (`secret.md` beside a hidden table, `secret.pdf` beside
        # a hidden record) is withheld with it.
        files=tuple(p for p in content.published_files if not within(posixpath.splitext(p)[0], withheld)),
    )


def within(path: str, paths: frozenset[str]) -> bool:
    """Whether a site path is one of `paths` or inside one of them."""
    parts = path.split("/")
    return any("/".join(parts[:n]) in paths for n in range(1, len(parts) + 1))


def withheld_paths(
    content: Content,
    places: Mapping[str, Place],
    records: Mapping[str, Record],
    posts: Mapping[str, Post],
    tables: Mapping[str, LearningTable],
    activities: Mapping[str, Activity],
) -> frozenset[str]:
    """Where each unpublished place and item sits in the tree, without its ending."""
    paths = {f"places/{pid}" for pid in content.places if pid not in places}
    paths |= {f"places/{r.place}/records/{r.id}" for ref, r in content.records.items() if ref not in records}
    paths |= {
        f"places/{p.place}/posts/{p.id}" if p.place else f"posts/{p.id}"
        for key, p in content.posts.items()
        if key not in posts
    }
    paths |= {f"tables/{tid}" for tid in content.tables if tid not in tables}
    paths |= {f"toolkit/{aid}" for aid in content.activities if aid not in activities}
    return frozenset(paths)


def select_table(
    sel: Selection,
    table: LearningTable,
    places: Mapping[str, Place],
    records: Mapping[str, Record],
    tables: Mapping[str, LearningTable],
) -> LearningTable:
    source = table.source
    quadrants = {}
    for quadrant in ("ground_truth", "insights", "hypotheses", "opportunities"):
        entries = getattr(table, quadrant)
        quadrants[quadrant] = [
            entry.model_copy(
                update={
                    "evidence": sel.links(
                        source, (quadrant, index, "evidence"), entry.evidence, records, "record"
                    ),
                }
            )
            for index, entry in enumerate(entries)
        ]
    follows = table.follows if table.follows in tables else None
    if table.follows is not None and follows is None:
        sel.links(source, ("follows",), [table.follows], tables, "table")
    return table.model_copy(
        update={
            **quadrants,
            "places": sel.links(source, ("places",), table.places, places, "place"),
            "follows": follows,
        }
    )
