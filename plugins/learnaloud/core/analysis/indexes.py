"""The indexes every page is drawn from, computed once per build from the published view."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import EVIDENCE_TYPES, LOOPS, Post, Record
from ..select import Published
from .questions import Answer, QuestionMatcher


def newest_first(records: list[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (r.date, r.ref), reverse=True)


@dataclass(frozen=True)
class Indexes:
    records: list[Record]  # every published record, newest first
    by_place: dict[str, list[Record]]
    by_theme: dict[str, list[Record]]
    by_evidence: dict[str, list[Record]]
    by_loop: dict[str, list[Record]]
    answers: dict[str, list[Answer]]  # question id → each record's (first) answer, newest first
    answers_of: dict[str, list[Answer]]  # record ref → its answers, in body order
    shaped: dict[str, list[Record]]  # record ref → the records that name it in learned_from
    place_order: list[str]  # place ids by name
    posts: list[Post]  # every published post and report, newest first
    posts_by_place: dict[str, list[Post]]  # place id → its posts, newest first
    posts_by_theme: dict[str, list[Post]]  # theme id → the posts naming it, newest first

    def places_of(self, records: list[Record]) -> list[str]:
        """The places these records come from, by name order."""
        present = {r.place for r in records}
        return [pid for pid in self.place_order if pid in present]


def index_published(published: Published) -> Indexes:
    records = newest_first(list(published.records.values()))
    matcher = QuestionMatcher(published.network.questions)
    by_place: dict[str, list[Record]] = {pid: [] for pid in published.places}
    by_theme: dict[str, list[Record]] = {tid: [] for tid in published.themes}
    by_evidence: dict[str, list[Record]] = {e: [] for e in EVIDENCE_TYPES}
    by_loop: dict[str, list[Record]] = {loop: [] for loop in LOOPS}
    answers: dict[str, list[Answer]] = {q.id: [] for q in published.network.questions}
    answers_of: dict[str, list[Answer]] = {}
    shaped: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_place[record.place].append(record)
        for theme in record.themes:
            by_theme[theme].append(record)
        for evidence in dict.fromkeys(record.evidence):
            by_evidence[evidence].append(record)
        if record.loop:
            by_loop[record.loop].append(record)
        answers_of[record.ref] = matcher.answers(record)
        # A record that answers a question in two places is one answer, shown whole.
        for answer in {a.question.id: a for a in reversed(answers_of[record.ref])}.values():
            answers[answer.question.id].append(answer)
        for ref in record.learned_from:
            shaped[ref].append(record)
    place_order = sorted(published.places, key=lambda pid: (published.places[pid].name, pid))
    posts = sorted(published.posts.values(), key=lambda p: (p.date, p.place or "", p.id), reverse=True)
    posts_by_place: dict[str, list[Post]] = {pid: [] for pid in published.places}
    posts_by_theme: dict[str, list[Post]] = {tid: [] for tid in published.themes}
    for post in posts:
        if post.place:
            posts_by_place[post.place].append(post)
        for theme in post.themes:
            posts_by_theme[theme].append(post)
    return Indexes(
        records,
        by_place,
        by_theme,
        by_evidence,
        by_loop,
        answers,
        answers_of,
        dict(shaped),
        place_order,
        posts,
        posts_by_place,
        posts_by_theme,
    )
