"""Benchmark: a Learn Aloud site against plain MkDocs + Material building the same records.

For each size, generate a synthetic learning network (deterministically), build it twice — once
through the `learnaloud` plugin, once as plain Markdown pages with a sections-only nav — and print
the best wall time, the peak memory of the build process and the size of each site. Then build a
small site in which one record's body is 1 MB of adversarial Markdown (a run of '[', deeply nested
emphasis), both ways, and print how each build ended and how long it took.

    .venv/bin/python bench/run.py            # 100, 1000 and 5000 records
    .venv/bin/python bench/run.py 100 1000   # chosen sizes
    .venv/bin/python bench/run.py 20 --repeats 1 --no-warm-up --no-plain-adversarial   # tiny
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

from learnaloud.core.model import DEFAULT_QUESTIONS, EVIDENCE_TYPES, LOOPS

DEFAULT_SIZES = (100, 1000, 5000)
SEED = 20261122
PLACE_COUNT = 20
REPEATS_UP_TO_1000 = 3
ADVERSARIAL_BYTES = 1024 * 1024  # the adversarial body: 1 MB (MiB), its final newline included
ADVERSARIAL_TIMEOUT = 60.0  # seconds a build of the adversarial site may take before it is stopped
DETAIL_CHARS = 160  # an error line quoted in the adversarial table is cut to this length
STDERR_TAIL_LINES = 40
EXAMPLE_CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"  # the example network's site
MIB = 1024 * 1024
PREVIEW_SAVES = 3  # saves of one record timed under `mkdocs serve`; their median is reported
PREVIEW_TIMEOUT = 1800.0  # seconds `mkdocs serve` may take to serve its first build, or an edit

# The contract's vocabularies, from the model itself, so the generated content stays valid.
QUESTIONS = tuple((q.id, q.text) for q in DEFAULT_QUESTIONS)
EVIDENCE = EVIDENCE_TYPES
THEMES = (
    (
        "bigger-invitation",
        "A bigger invitation",
        "People stay when they see a larger story about their place.",
    ),
    ("equalising-space", "Equalising space", "Rooms, rules and roles arranged so everyone can contribute."),
    ("widening-practical", "Widening what counts as practical", "A choir or a meal does practical work too."),
    ("enabling-constraints", "Enabling constraints", "A few clear rules can give people enough structure."),
    ("reflective-practice", "Reflective practice and peer coaching", "The habit of stopping to look back."),
    ("relational-approaches", "Relational approaches", "Connection is why people come and come back."),
    ("designing-for-distribution", "Designing for distribution", "How learning will leave the room."),
    ("psychological-safety", "Psychological safety", "Whether people can say what is not working."),
    ("shared-measurement", "Shared measurement", "Agreeing what to count and what the numbers can say."),
    ("youth-voice", "Youth voice", "Young people shaping decisions, not only being consulted on them."),
)
PLACE_FIRST = ("North", "South", "East", "West", "Upper", "Lower", "Old", "New", "Long", "High")
PLACE_SECOND = ("Quay", "Hillfoot", "Moor", "Bridge", "Green", "Marsh", "Field", "Brook", "Wharf", "Heath")
REGIONS = ("Tyneside", "Teesside", "Calder Valley", "Holderness coast", "West Cumbria", "Wearside")

ACTIVITIES = (
    "a Saturday market stall",
    "kitchen-table conversations",
    "a monthly community meal",
    "the Friday bike workshop",
    "a residents' grants panel",
    "a walkabout with the council",
    "the allotment open day",
    "a story harvest",
    "a coaching trio",
    "the flood group",
    "a tool library",
    "a youth forum",
)
VENUES = (
    "the chapel hall",
    "the community hub",
    "the library",
    "the school gate",
    "the market",
    "the pub back room",
    "the allotments",
    "the leisure centre",
    "the bus station",
    "the church hall",
)
PEOPLE = (
    "residents",
    "volunteers",
    "young people",
    "parents",
    "hosts",
    "older neighbours",
    "the coordinators",
    "newcomers",
    "the council officers",
    "shop owners",
)
FINDINGS = (
    "specific beats general, every time",
    "people came for the food and stayed for the conversation",
    "the people we had not reached were reached by their neighbours",
    "a short form worked better than an open invitation",
    "setbacks only became learning once we could say them out loud",
    "the numbers meant different things in different places",
    "a fixed time limit made it easier for quieter people to speak",
    "trust grew faster where the same faces turned up each week",
    "the write-up mattered less than the conversation about it",
    "handing over the money changed who felt in charge",
)
ACTIONS = (
    "move the stall next to the busiest corner",
    "put the clipboard away and take notes afterwards",
    "ask residents to host instead of hosting ourselves",
    "hold a ten-minute after-action review at the end of each session",
    "share a one-page summary with the other places",
    "agree with the council what we will count and how",
    "pay peer researchers for their time",
    "invite the people who stopped coming to tell us why",
    "try the same format in a second venue",
    "record a short audio story for the network meeting",
)
TITLE_OPENERS = (
    "What we learned from",
    "Rethinking",
    "The first month of",
    "Six months of",
    "When we changed",
    "Listening again at",
    "Counting",
    "Handing over",
    "Starting again with",
    "A year of",
)
SUMMARY_TEMPLATES = (
    "{People} told us that {finding}. We will {action}.",
    "After {activity} at {venue}, {people} found that {finding}.",
    "{Activity} did not go as planned, and we learned that {finding}.",
)
SENTENCE_TEMPLATES = (
    "Over {n} weeks we ran {activity} at {venue} and logged {m} conversations.",
    "Most of the {people} who came already knew us, which told us something about where we stood.",
    "When we sat down with the {people} afterwards, it was clear that {finding}.",
    "We had planned it around our own timetable, not around how {people} actually live.",
    "{People} said, kindly, that they had been asked the same questions before and nothing happened.",
    "The turning point was {activity}: {m} people took part and {n} of them were new to us.",
    "It was hard to admit in the coordination group, especially for those who had done most of the work.",
    "Next time we will {action}, and check in {n} weeks whether it made a difference.",
    "We need a little more time and money to {action}.",
    "The story went round the neighbourhood faster than any leaflet could.",
    "Looking back, {finding}, and that is what we want the other places to hear.",
    "At the network meeting two other places recognised the same pattern: {finding}.",
    "We kept a simple tally at {venue} so that we could compare one month with the next.",
    "Nobody told us they were dropping out; they just stopped coming, and we noticed late.",
    "The {people} proposed that we {action}, and we agreed to try it for a season.",
    "We will write this up as a short story and share it with {people} before anyone else.",
)


@dataclass
class Record:
    place: str
    id: str
    title: str
    date: dt.date
    summary: str
    evidence: list[str]
    themes: list[str]
    loop: str
    visibility: str
    body: str
    learned_from: list[str] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.place}/{self.id}"


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    region: str
    summary: str


@dataclass(frozen=True)
class Post:
    place: str | None  # None: the network's own
    id: str
    title: str
    date: dt.date
    summary: str
    authors: list[str]
    themes: list[str]
    type: str
    body: str

    @property
    def path(self) -> str:
        return f"places/{self.place}/posts/{self.id}.md" if self.place else f"posts/{self.id}.md"


@dataclass
class Network:
    places: list[Place]
    records: list[Record]
    posts: list[Post] = field(default_factory=list)


@dataclass
class Measure:
    best_seconds: float = float("inf")
    best_cpu_seconds: float = float("inf")
    peak_rss_kib: int = 0
    site_bytes: int = 0
    html_pages: int = 0
    explorer_index_bytes: int = 0  # explore/records.json, which the explorer's script loads
    explorer_page_bytes: int = 0  # explore/index.html, the complete list without JavaScript
    cold_seconds: float = 0.0  # Learn Aloud's first build of the network, with an empty cache
    runs: list[float] = field(default_factory=list)  # every measured build's wall seconds, in order
    check_cold_seconds: float = 0.0  # `learnaloud check` of the network, with an empty cache
    check_seconds: float = 0.0  # `learnaloud check` again, the cache filled
    search_bytes: int = 0  # the files a reader's browser fetches before a first search result (at most)
    search_sent_bytes: int = 0  # the same files as a host sends them, compressed
    largest_page_bytes: int = 0
    largest_page: str = ""
    edit_seconds: float = 0.0  # the build after one record's body changed
    preview_seconds: float = 0.0  # under `mkdocs serve`: a record's text saved, until its page shows it


# -- generating content -------------------------------------------------------------------------


class Writer:
    """Sentences about community learning, drawn from a seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def fill(self, template: str) -> str:
        rng = self.rng
        values = {
            "activity": rng.choice(ACTIVITIES),
            "venue": rng.choice(VENUES),
            "people": rng.choice(PEOPLE),
            "finding": rng.choice(FINDINGS),
            "action": rng.choice(ACTIONS),
            "n": str(rng.randint(2, 12)),
            "m": str(rng.randint(14, 140)),
        }
        values |= {key.capitalize(): value[:1].upper() + value[1:] for key, value in values.items()}
        return template.format(**values)

    def sentences(self, words: int) -> list[str]:
        """Sentences adding up to about `words` words (never more than a few over)."""
        chosen: list[str] = []
        count = 0
        while count < words - 6:
            sentence = self.fill(self.rng.choice(SENTENCE_TEMPLATES))
            chosen.append(sentence)
            count += len(sentence.split())
        return chosen

    def body(self) -> str:
        """About 250 to 400 words: an opening paragraph, then two or three key-question sections."""
        rng = self.rng
        questions = sorted(rng.sample(range(len(QUESTIONS)), rng.randint(2, 3)))
        headings = [f"## {QUESTIONS[index][1]}" for index in questions]
        heading_words = sum(len(h.split()) - 1 for h in headings)
        pool = self.sentences(rng.randint(250, 385) - heading_words)
        # An opening paragraph, then one or two paragraphs under each heading.
        paragraphs = 1 + 2 * len(questions) if len(pool) >= 1 + 2 * len(questions) else 1 + len(questions)
        cuts = [round(i * len(pool) / paragraphs) for i in range(paragraphs + 1)]
        texts = [wrap(" ".join(pool[a:b])) for a, b in itertools.pairwise(cuts)]
        parts = [texts[0]]
        per_heading = (paragraphs - 1) // len(questions)
        for number, heading in enumerate(headings):
            parts.append(heading)
            parts.extend(texts[1 + number * per_heading : 1 + (number + 1) * per_heading])
        return "\n\n".join(parts) + "\n"

    def title(self) -> str:
        opener = self.rng.choice(TITLE_OPENERS)
        return f"{opener} {self.rng.choice(ACTIVITIES)}"

    def summary(self) -> str:
        return self.fill(self.rng.choice(SUMMARY_TEMPLATES))


def wrap(text: str, width: int = 96) -> str:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


def slugify(text: str, max_words: int = 6) -> str:
    words = "".join(ch if ch.isalnum() else " " for ch in text.lower()).split()
    return "-".join(words[:max_words])


def make_network(size: int, seed: int = SEED) -> Network:
    rng = random.Random(seed)
    writer = Writer(rng)
    names = [f"{first} {second}" for second in PLACE_SECOND for first in PLACE_FIRST]
    places = [
        Place(slugify(name), name, rng.choice(REGIONS), writer.summary())
        for name in sorted(rng.sample(names, PLACE_COUNT))
    ]
    first_day = dt.date(2024, 1, 1)
    days = (dt.date(2025, 12, 31) - first_day).days
    records: list[Record] = []
    used: set[str] = set()
    for index in range(size):
        place = places[index % PLACE_COUNT]
        title = writer.title()
        date = first_day + dt.timedelta(days=rng.randint(0, days))
        record_id = f"{date.isoformat()}-{slugify(title)}"
        suffix = 2
        while f"{place.id}/{record_id}" in used:
            record_id = f"{date.isoformat()}-{slugify(title)}-{suffix}"
            suffix += 1
        used.add(f"{place.id}/{record_id}")
        records.append(
            Record(
                place=place.id,
                id=record_id,
                title=title,
                date=date,
                summary=writer.summary(),
                evidence=rng.sample(EVIDENCE, rng.randint(1, 3)),
                themes=rng.sample([t[0] for t in THEMES], rng.randint(1, 3)),
                loop=rng.choices(LOOPS, weights=(5, 4, 1))[0],
                visibility="network" if rng.random() < 0.05 else "public",
                body=writer.body(),
            )
        )
    # About a quarter of the records learned from one or two earlier public records elsewhere.
    by_date = sorted(records, key=lambda r: (r.date, r.ref))
    for position, record in enumerate(by_date):
        if rng.random() >= 0.25:
            continue
        earlier = [
            r
            for r in by_date[:position]
            if r.date < record.date and r.place != record.place and r.visibility == "public"
        ]
        if earlier:
            sources = rng.sample(earlier[-200:], min(len(earlier), rng.randint(1, 2)))
            record.learned_from = sorted(r.ref for r in sources)
    return Network(places, records, make_posts(size // POSTS_PER_RECORDS, places, writer, rng))


POSTS_PER_RECORDS = 10  # a post (blog post or report) for every ten records, as in the example


def make_posts(count: int, places: list[Place], writer: Writer, rng: random.Random) -> list[Post]:
    """Posts of the places and, every fifth, of the network; every eighth is a report."""
    first_day = dt.date(2024, 1, 1)
    posts = []
    for index in range(count):
        place = None if index % 5 == 4 else places[index % PLACE_COUNT].id
        title = writer.title()
        date = first_day + dt.timedelta(days=rng.randint(0, 730))
        posts.append(
            Post(
                place=place,
                id=f"{date.isoformat()}-{index}-{slugify(title)}",
                title=title,
                date=date,
                summary=writer.summary(),
                authors=[f"Author {rng.randint(1, 40)}"],
                themes=rng.sample([t[0] for t in THEMES], rng.randint(1, 2)),
                type="report" if index % 8 == 7 else "blog",
                body=writer.body(),
            )
        )
    return posts


class NoAliasDumper(yaml.SafeDumper):
    """PyYAML writes an anchor and an alias when one Python object appears twice in the data (the
    same entry in two lists, one theme list shared by two records); Learn Aloud refuses anchors and
    aliases everywhere in content, so every value is written out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    return yaml.dump(
        data, Dumper=NoAliasDumper, sort_keys=False, allow_unicode=True, default_flow_style=None, width=96
    )


def write_learnaloud_content(network: Network, root: Path) -> None:
    root.mkdir(parents=True)
    (root / "network.yml").write_text(
        dump_yaml(
            {
                "name": "Bench Network",
                "description": "A synthetic learning network for the Learn Aloud benchmark.",
                "default_visibility": "public",
                "license": "CC-BY-4.0",
                "questions": [{"id": qid, "text": text} for qid, text in QUESTIONS],
            }
        ),
        encoding="utf-8",
    )
    (root / "themes.yml").write_text(
        dump_yaml([{"id": tid, "title": title, "description": text} for tid, title, text in THEMES]),
        encoding="utf-8",
    )
    for place in network.places:
        folder = root / "places" / place.id
        (folder / "records").mkdir(parents=True)
        profile = {
            "name": place.name,
            "region": place.region,
            "summary": place.summary,
            "started": dt.date(2023, 9, 1),
            "website": f"https://example.org/{place.id}",
            "visibility": "public",
            "private": {"contact": f"{place.id}@example.org"},
        }
        (folder / "place.yml").write_text(dump_yaml(profile), encoding="utf-8")
    write_measures(network, root)
    for record in network.records:
        meta: dict[str, Any] = {
            "title": record.title,
            "date": record.date,
            "summary": record.summary,
            "evidence": record.evidence,
            "themes": record.themes,
            "loop": record.loop,
        }
        if record.learned_from:
            meta["learned_from"] = record.learned_from
        meta["activities"] = [guide_id(sum(map(ord, record.id)) % GUIDES)]
        meta["visibility"] = record.visibility
        text = f"---\n{dump_yaml(meta)}---\n\n{record.body}"
        (root / "places" / record.place / "records" / f"{record.id}.md").write_text(text, encoding="utf-8")
    for post in network.posts:
        meta = {
            "title": post.title,
            "date": post.date,
            "authors": post.authors,
            "summary": post.summary,
            "type": post.type,
            "themes": post.themes,
        }
        path = root / post.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{dump_yaml(meta)}---\n\n{post.body}", encoding="utf-8")
    write_guides_and_tables(network, root, plain=False)


MEASURES = (
    ("participants", "People taking part", "people", "sum"),
    ("confidence", "Confidence", "points", "mean"),
)
MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13)]


def write_measures(network: Network, root: Path) -> None:
    """Shared measures as the example network reports them: two years of monthly values per place."""
    rng = random.Random(SEED)
    definitions = [{"id": m, "title": t, "unit": u, "aggregate": a} for m, t, u, a in MEASURES]
    (root / "measures.yml").write_text(dump_yaml(definitions), encoding="utf-8")
    for place in network.places:
        values = {m: {month: rng.randint(10, 140) for month in MONTHS} for m, *_ in MEASURES}
        (root / "places" / place.id / "measures.yml").write_text(dump_yaml(values), encoding="utf-8")


def chart_costs(folder: Path, count: int = 10) -> tuple[float, float, float]:
    """Seconds for the first chart (the module's import with it), then per chart drawn and per chart
    taken from the cache: a measure page's chart of five places over 24 months."""
    from learnaloud.core.charts import Charts, ChartSpec, Series

    rng = random.Random(SEED)

    def spec(n: int) -> ChartSpec:
        places = tuple(
            Series(f"Place {i}", i, tuple(float(rng.randint(10, 140)) for _ in MONTHS)) for i in range(5)
        )
        return ChartSpec(f"Chart {n}", "people", tuple(MONTHS), places)

    specs = [spec(n) for n in range(count + 1)]
    charts = Charts(folder)
    start = time.perf_counter()
    charts.svg(specs[0])
    first = time.perf_counter() - start
    start = time.perf_counter()
    for one in specs[1:]:
        charts.svg(one)
    drawn = (time.perf_counter() - start) / count
    cached = Charts(folder)  # a later build: the charts are on disk
    start = time.perf_counter()
    for one in specs:
        cached.svg(one)
    return first, drawn, (time.perf_counter() - start) / len(specs)


GUIDES = 10  # activity guides in every network
STAGES = ("embodied", "integrated")


def guide_id(number: int) -> str:
    return f"activity-{number:02d}"


def guide_body(number: int) -> str:
    steps = "".join(
        f"{step}. Step {step} of activity {number}: talk, then write one line.\n" for step in range(1, 7)
    )
    return (
        f"## Purpose\n\nWhat activity {number} is for.\n\n## Preparation\n\n- A room.\n- Cards.\n\n"
        f"## Steps\n\n{steps}\n## Facilitation notes\n\n- Keep time.\n\n## Variations\n\n- Outdoors.\n"
    )


def write_guides_and_tables(network: Network, root: Path, plain: bool) -> None:
    """Activity guides and Emergent Learning tables (one a fifty records, each following the last),
    as Learn Aloud content or as the plain pages that say the same."""
    (root / "toolkit").mkdir()
    (root / "tables").mkdir()
    for number in range(GUIDES):
        meta = {
            "title": f"Activity {number}",
            "summary": f"What activity {number} does, in a sentence.",
            "stage": STAGES[number % 2],
            "scopes": ["place", "across-places"][: 1 + number % 2],
            "questions": [QUESTIONS[number % 4][0]],
            "duration": 15 + 20 * number,
            "group_size": [2 + number, 8 + 3 * number],
            "materials": ["Cards", "Pens"],
            "related": [guide_id((number + 1) % GUIDES)],
        }
        path = root / "toolkit" / f"{guide_id(number)}.md"
        body = guide_body(number)
        path.write_text(f"# Activity {number}\n\n{body}" if plain else f"---\n{dump_yaml(meta)}---\n\n{body}")
    published = [r for r in network.records if r.visibility == "public"]
    for number in range(max(2, len(network.records) // 50)):
        evidence = [r.ref for r in published[number * 5 : number * 5 + 3]]
        entry = {"text": f"Finding {number}: what the group saw, in a sentence or two.", "evidence": evidence}
        table = {
            "title": f"Table {number}",
            "date": dt.date(2024, 1, 1) + dt.timedelta(days=7 * number),
            "scope": "national",
            "question": f"What did session {number} ask?",
            "ground_truth": [entry, entry],
            "insights": [{"text": "Why it happened."}],
            "hypotheses": [{"text": "If we do this, then that.", "status": "testing"}],
            "opportunities": [{"text": "Where to try it next."}],
        }
        if number:
            table["follows"] = f"table-{number - 1:03d}"
        path = root / "tables" / f"table-{number:03d}.yml"
        if plain:
            path = path.with_suffix(".md")
            path.write_text(
                f"# Table {number}\n\n" + "\n".join(f"- {e}" for e in ("Finding", "Insight", "If we"))
            )
        else:
            path.write_text(dump_yaml(table), encoding="utf-8")


def write_plain_content(network: Network, root: Path) -> list[Any]:
    """The published records as plain pages at the same paths, plus index pages; returns the nav."""
    published = [r for r in network.records if r.visibility == "public"]
    root.mkdir(parents=True)
    (root / "index.md").write_text(
        "# Bench Network\n\nA synthetic learning network for the Learn Aloud benchmark.\n\n"
        + "".join(f"- [{p.name}](places/{p.id}/index.md)\n" for p in network.places)
        + "\n[Themes](themes/index.md)\n",
        encoding="utf-8",
    )
    themes = root / "themes"
    themes.mkdir()
    (themes / "index.md").write_text(
        "# Themes\n\n" + "".join(f"## {title}\n\n{text}\n\n" for _, title, text in THEMES), encoding="utf-8"
    )
    for place in network.places:
        folder = root / "places" / place.id
        (folder / "records").mkdir(parents=True)
        mine = sorted(
            (r for r in published if r.place == place.id), key=lambda r: (r.date, r.id), reverse=True
        )
        listing = "".join(
            f"- [{r.title}](records/{r.id}.md) — {r.date.isoformat()}: {r.summary}\n" for r in mine
        )
        (folder / "index.md").write_text(
            f"# {place.name}\n\n{place.region}. {place.summary}\n\n## Records\n\n{listing}", encoding="utf-8"
        )
    for record in published:
        path = root / "places" / record.place / "records" / f"{record.id}.md"
        path.write_text(f"# {record.title}\n\n{record.body}", encoding="utf-8")
    for post in network.posts:
        path = root / post.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {post.title}\n\n{post.summary}\n\n{post.body}", encoding="utf-8")
    write_guides_and_tables(network, root, plain=True)
    return [
        {"Home": "index.md"},
        {"Places": [{p.name: f"places/{p.id}/index.md"} for p in network.places]},
        {"Themes": "themes/index.md"},
    ]


THEME_CONFIG: dict[str, Any] = {
    "name": "material",
    "font": False,
    "features": [
        "navigation.tabs",
        "navigation.sections",
        "navigation.top",
        "search.suggest",
        "search.highlight",
    ],
    "palette": [
        {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "teal"},
        {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "teal"},
    ],
}
MARKDOWN_EXTENSIONS: list[Any] = [{"toc": {"permalink": True}}, "attr_list", "admonition"]


def write_config(path: Path, docs_dir: Path, plugins: list[Any], extra: dict[str, Any]) -> None:
    config: dict[str, Any] = {
        "site_name": "Bench Network",
        "site_url": "https://bench.example.org/",
        "docs_dir": str(docs_dir),
        "use_directory_urls": True,
        "theme": THEME_CONFIG,
        "plugins": plugins,
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        **extra,
    }
    path.write_text(dump_yaml(config), encoding="utf-8")


@dataclass(frozen=True)
class Site:
    kind: str
    config: Path


def prepare(size: int, work: Path) -> list[Site]:
    return write_sites(make_network(size), work / str(size))


def write_sites(network: Network, folder: Path) -> list[Site]:
    """The network as Learn Aloud content and as plain pages, each with its `mkdocs.yml`."""
    write_learnaloud_content(network, folder / "learnaloud" / "content")
    la_config = folder / "learnaloud" / "mkdocs.yml"
    plugins: list[Any] = [{"learnaloud": {"visibility": "public"}}]  # its own search, as shipped
    write_config(la_config, folder / "learnaloud" / "content", plugins, {})
    nav = write_plain_content(network, folder / "plain" / "content")
    plain_config = folder / "plain" / "mkdocs.yml"
    write_config(
        plain_config,
        folder / "plain" / "content",
        ["search"],
        {"nav": nav, "validation": {"nav": {"omitted_files": "info"}}},
    )
    return [Site("learnaloud", la_config), Site("plain", plain_config)]


# -- building and measuring ---------------------------------------------------------------------


class BuildFailed(Exception):
    pass


def mkdocs_command() -> list[str]:
    script = Path(sys.executable).parent / "mkdocs"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mkdocs"]


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("LEARNALOUD_VISIBILITY", None)  # the plugin's own option decides: a public build
    # Builds run as a user's do, with Python's bytecode cache (the warm-up fills it): some machines
    # switch it off, which makes every build recompile every module it imports.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def build_once(site: Site, out: Path, size: int) -> tuple[float, float, int]:
    """One `mkdocs build` in a child process: wall seconds, CPU seconds (user and system, which a
    busy shared machine disturbs less than wall time) and the child's peak RSS in KiB."""
    shutil.rmtree(out, ignore_errors=True)
    # Not quiet (`-q`), as `mkdocs serve` and most CI builds run: a quiet build hears no warning, so
    # Learn Aloud keeps no page's rendered Markdown from it for the next build.
    command = [*mkdocs_command(), "build", "-f", str(site.config), "-d", str(out)]
    log_path = out.parent / f"{out.name}.stderr"
    with log_path.open("w+b") as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=build_env())
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace").splitlines()[-STDERR_TAIL_LINES:]
            raise BuildFailed(
                f"the {site.kind} build of {size} records failed (exit {process.returncode}).\n"
                f"command: {' '.join(command)}\n--- last lines of its stderr ---\n" + "\n".join(tail)
            )
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def learnaloud_command() -> list[str]:
    script = Path(sys.executable).parent / "learnaloud"
    return [str(script)] if script.exists() else [sys.executable, "-m", "learnaloud.cli"]


def check_once(config: Path, cache: Path) -> float:
    """`learnaloud check` of a site's content in a child process, as a contributor runs it before
    a commit: wall seconds, its whole run (Python's start and imports too)."""
    env = {**build_env(), "XDG_CACHE_HOME": str(cache)}
    command = [*learnaloud_command(), "check", "-f", str(config)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise BuildFailed(f"learnaloud check of {config} failed (exit {result.returncode}):\n{result.stderr}")
    return seconds


def check_times(config: Path, cache: Path) -> tuple[float, float]:
    """The check with an empty cache, then with the cache it filled."""
    shutil.rmtree(cache, ignore_errors=True)
    return check_once(config, cache), check_once(config, cache)


def site_size(out: Path) -> tuple[int, int]:
    files = [p for p in out.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(1 for p in files if p.suffix == ".html")


def first_search_files(out: Path) -> list[Path]:
    """What a reader's browser fetches from opening the search to its first answers. Material's
    search: its worker and the whole index. Learn Aloud's (Pagefind): its library, worker, word
    stemmer and page list, then one chunk of the index and a fragment per result shown — counted
    as the largest chunk and the ten largest fragments, so the figure is an upper bound."""
    material = out / "search" / "search_index.json"
    if material.is_file():
        return [material, next((out / "assets" / "javascripts" / "workers").glob("search.*.min.js"))]
    bundle = out / "pagefind"
    library = [bundle / "pagefind.js", bundle / "pagefind-worker.js", bundle / "pagefind-entry.json"]
    chunk = max((bundle / "index").iterdir(), key=lambda p: p.stat().st_size)
    fragments = sorted((bundle / "fragment").iterdir(), key=lambda p: p.stat().st_size, reverse=True)
    return [*library, *bundle.glob("*.pf_meta"), *bundle.glob("wasm.*"), chunk, *fragments[:10]]


def sent_bytes(path: Path) -> int:
    """A file's bytes as a web host sends them: compressed (GitHub Pages, Netlify and Cloudflare
    gzip text), unless compressing makes it no smaller (Pagefind's index files are gzip already)."""
    data = path.read_bytes()
    return min(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))


def largest_page(out: Path) -> tuple[str, int]:
    """The heaviest HTML page of a site: its address and bytes."""
    size, page = max((p.stat().st_size, p) for p in out.rglob("*.html"))
    return page.relative_to(out).parent.as_posix() + "/", size


def edit_one_record(sites: list[Site]) -> Path:
    """A contributor's edit: one sentence more in one record, the same record in both sites (its
    path in each site's folder)."""
    records = [
        {
            p.relative_to(site.config.parent)
            for p in (site.config.parent / "content").glob("places/*/records/*.md")
        }
        for site in sites
    ]
    first = min(set.intersection(*records))
    for site in sites:
        path = site.config.parent / first
        path.write_text(path.read_text(encoding="utf-8") + "\nOne more thing we noticed.\n", encoding="utf-8")
    return first


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def served(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):  # not listening yet, or a 404 while it builds
        return ""


def shown(word: str, url: str) -> bool:
    return word in served(url)


def wait_until(holds: Callable[[], bool], what: str) -> float:
    """Seconds until `holds()` (polled every 20 ms); BuildFailed after PREVIEW_TIMEOUT."""
    start = time.perf_counter()
    while not holds():
        if time.perf_counter() - start > PREVIEW_TIMEOUT:
            raise BuildFailed(f"`mkdocs serve` did not show {what} within {PREVIEW_TIMEOUT:.0f} s")
        time.sleep(0.02)
    return time.perf_counter() - start


def preview_seconds(site: Site, record: Path, rebuild_seconds: float) -> float:
    """A contributor's preview: `mkdocs serve`, a sentence added to one record's text and saved,
    until the served page shows it. The median of PREVIEW_SAVES saves, each once the last one's
    rebuild (as long as `rebuild_seconds`, a `mkdocs build` after an edit) has had time to end."""
    folder = site.config.parent
    port = free_port()
    url = f"http://127.0.0.1:{port}/{record.relative_to('content').with_suffix('').as_posix()}/"
    command = [*mkdocs_command(), "serve", "-f", str(site.config), "-a", f"127.0.0.1:{port}"]
    with (folder / "serve.log").open("wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=build_env(), cwd=folder)
        try:
            wait_until(lambda: "</html>" in served(url), "its first build")
            times = []
            for save in range(PREVIEW_SAVES):
                time.sleep(rebuild_seconds * 1.5 + 1)
                word = f"Zebracorn{save}x{time.time_ns()}"
                path = folder / record
                path.write_text(path.read_text(encoding="utf-8") + f"\nWe saw a {word}.\n", encoding="utf-8")
                times.append(wait_until(partial(shown, word, url), "an edit"))
        finally:
            server.terminate()
            server.wait(timeout=60)
    return statistics.median(times)


def default_repeats(size: int) -> int:
    return REPEATS_UP_TO_1000 if size <= 1000 else 1


def measure(size: int, work: Path, repeats: int | None = None) -> dict[str, Measure]:
    sites = prepare(size, work)
    results = {site.kind: Measure() for site in sites}
    repeats = repeats or default_repeats(size)
    # Charts, read files and compiled templates are cached by content across builds (as in CI with
    # a kept cache, or `mkdocs serve`): a first build fills the cache, timed on its own. Each size
    # has a cache of its own, empty before that build: the warm-up's would hold the same charts
    # (the places' figures do not depend on the number of records).
    os.environ["XDG_CACHE_HOME"] = str(work / f"cache-{size}")
    learnaloud = next(site for site in sites if site.kind == "learnaloud")
    results["learnaloud"].cold_seconds, _, _ = build_once(learnaloud, learnaloud.config.parent / "site", size)
    for attempt in range(repeats):
        for site in sites:  # interleaved, so slow drift on the machine hits both alike
            out = site.config.parent / "site"
            seconds, cpu, rss = build_once(site, out, size)
            result = results[site.kind]
            result.best_seconds = min(result.best_seconds, seconds)
            result.runs.append(seconds)
            result.best_cpu_seconds = min(result.best_cpu_seconds, cpu)
            result.peak_rss_kib = max(result.peak_rss_kib, rss)
            result.site_bytes, result.html_pages = site_size(out)
            if site.kind == "learnaloud":
                result.explorer_index_bytes = (out / "explore" / "records.json").stat().st_size
                result.explorer_page_bytes = (out / "explore" / "index.html").stat().st_size
            print(
                f"  {size:>5} records  {site.kind:<10}  run {attempt + 1}/{repeats}  "
                f"{seconds:7.2f} s  {rss / 1024:7.0f} MB",
                file=sys.stderr,
                flush=True,
            )
    for site in sites:
        out, result = site.config.parent / "site", results[site.kind]
        searched = first_search_files(out)
        result.search_bytes = sum(p.stat().st_size for p in searched)
        result.search_sent_bytes = sum(sent_bytes(p) for p in searched)
        result.largest_page, result.largest_page_bytes = largest_page(out)
    record = edit_one_record(sites)
    for site in sites:
        results[site.kind].edit_seconds, _, _ = build_once(site, site.config.parent / "site", size)
    for site in sites:
        result = results[site.kind]
        result.preview_seconds = preview_seconds(site, record, result.edit_seconds)
        print(
            f"  {size:>5} records  {site.kind:<10}  edit under mkdocs serve  {result.preview_seconds:7.2f} s",
            file=sys.stderr,
            flush=True,
        )
    la = results["learnaloud"]
    la.check_cold_seconds, la.check_seconds = check_times(learnaloud.config, work / f"check-cache-{size}")
    return results


# -- the adversarial bodies ---------------------------------------------------------------------


@dataclass(frozen=True)
class Adversary:
    """A Markdown body among the worst known inputs for Python-Markdown."""

    name: str
    description: str
    body: str


def adversaries(size: int = ADVERSARIAL_BYTES) -> tuple[Adversary, ...]:
    """Each family's body, `size` bytes long with its final newline (both are ASCII)."""
    half = (size - 2) // 2
    return (
        # Python-Markdown's link and reference patterns rescan the run from every '[': quadratic
        # (Python-Markdown #798; 20 KB took 53 s).
        Adversary("brackets", f"a run of {size - 1:,} '['", "[" * (size - 1) + "\n"),
        # Each level of emphasis is a level of Python recursion (the toc extension overflows the
        # stack at about 2,000), and the inline patterns rescan the run at every level.
        Adversary(
            "emphasis",
            f"'*' x {half:,} + 'a' + '*' x {half:,}",
            "*" * half + "a" + "*" * half + "\n",
        ),
    )


@dataclass(frozen=True)
class Outcome:
    """How a build of the adversarial site ended."""

    kind: str  # built, refused, crashed, stopped (the cap was reached) or skipped
    seconds: float = 0.0
    detail: str = ""  # refused: the diagnostic line; crashed: the last line of the traceback

    def describe(self) -> str:
        if self.kind == "stopped":
            return f"> {self.seconds:.0f} s (stopped)"
        if self.kind == "skipped":
            return "skipped"
        return f"{self.kind} in {self.seconds:.2f} s"


def adversarial_network(adversary: Adversary) -> tuple[Network, Record]:
    """The warm-up's small network with its first public record's body replaced."""
    network = make_network(PLACE_COUNT)
    index, target = next((i, r) for i, r in enumerate(network.records) if r.visibility == "public")
    target = replace(target, body=adversary.body)
    network.records[index] = target
    return network, target


DIAGNOSTIC = re.compile(r"(?P<path>[^\s:]+\.(?:md|yml)):(?P<line>\d+): ")


def classify(returncode: int, stderr: str, seconds: float, record_path: str) -> Outcome:
    """Built; refused with a `path:line: message` diagnostic and no traceback; or crashed."""
    if returncode == 0:
        return Outcome("built", seconds)
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if "Traceback (most recent call last)" not in stderr:
        found = [(line, DIAGNOSTIC.search(line)) for line in lines]
        diagnostics = [line[match.start() :] for line, match in found if match]
        mine = [line for line in diagnostics if line.startswith(f"{record_path}:")]
        if mine or diagnostics:
            return Outcome("refused", seconds, cut((mine or diagnostics)[0]))
    return Outcome("crashed", seconds, cut(lines[-1] if lines else f"exit status {returncode}"))


def cut(text: str, width: int = DETAIL_CHARS) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def build_capped(site: Site, out: Path, timeout: float, record_path: str) -> Outcome:
    """One `mkdocs build` of an adversarial site, stopped once it has run `timeout` seconds."""
    shutil.rmtree(out, ignore_errors=True)
    command = [*mkdocs_command(), "build", "-q", "-f", str(site.config), "-d", str(out)]
    start = time.perf_counter()
    try:
        # On timeout, subprocess.run kills this one child (by its pid) and waits for it.
        result = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=build_env(), timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return Outcome("stopped", timeout)
    seconds = time.perf_counter() - start
    return classify(result.returncode, result.stderr.decode("utf-8", "replace"), seconds, record_path)


def measure_adversarial(
    work: Path, timeout: float, plain: bool, size: int = ADVERSARIAL_BYTES
) -> dict[str, dict[str, Outcome]]:
    """Each family's outcome and wall time, Learn Aloud's and (unless `plain` is false) plain's."""
    results: dict[str, dict[str, Outcome]] = {}
    for adversary in adversaries(size):
        network, target = adversarial_network(adversary)
        sites = write_sites(network, work / "adversarial" / adversary.name)
        record_path = f"places/{target.place}/records/{target.id}.md"
        results[adversary.name] = {}
        for site in sites:
            if site.kind == "plain" and not plain:
                outcome = Outcome("skipped")
            else:
                outcome = build_capped(site, site.config.parent / "site", timeout, record_path)
            results[adversary.name][site.kind] = outcome
            print(
                f"  adversarial {adversary.name:<9} {site.kind:<10}  {outcome.describe()}",
                file=sys.stderr,
                flush=True,
            )
    return results


def warm_up(work: Path) -> None:
    print("warm-up build (not measured)", file=sys.stderr, flush=True)
    for site in prepare(20, work / "warm-up"):
        build_once(site, site.config.parent / "site", 20)


# -- reporting ----------------------------------------------------------------------------------


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def print_against_plain(
    results: dict[int, dict[str, Measure]], column: str, seconds: Callable[[Measure], float]
) -> None:
    """A table of one time, Learn Aloud's and plain MkDocs' side by side, at each size."""
    print()
    print(f"records  {column}  plain s  ratio")
    for size, by_kind in results.items():
        la, plain = seconds(by_kind["learnaloud"]), seconds(by_kind["plain"])
        print(f"{size:>7}  {la:>{len(column)}.2f}  {plain:>7.2f}  {ratio(la, plain):>5}")


def print_tables(
    results: dict[int, dict[str, Measure]],
    charts: tuple[float, float, float],
    adversarial: dict[str, dict[str, Outcome]] | None = None,
    example_check: tuple[int, tuple[float, float]] | None = None,
) -> None:
    print(
        "Learn Aloud rebuilding with its cache filled (the same content: pages, charts and read files "
        "reused) against plain MkDocs' whole build; Learn Aloud's first build, its cache empty, is further down."
    )
    print()
    print(
        "records  learnaloud s  plain s  ratio   learnaloud CPU s  plain CPU s  ratio   learnaloud MB  plain MB  ratio"
    )
    for size, by_kind in results.items():
        la, plain = by_kind["learnaloud"], by_kind["plain"]
        la_mb, plain_mb = la.peak_rss_kib / 1024, plain.peak_rss_kib / 1024
        print(
            f"{size:>7}  {la.best_seconds:>12.2f}  {plain.best_seconds:>7.2f}  "
            f"{ratio(la.best_seconds, plain.best_seconds):>5}  "
            f"{la.best_cpu_seconds:>16.2f}  {plain.best_cpu_seconds:>11.2f}  "
            f"{ratio(la.best_cpu_seconds, plain.best_cpu_seconds):>5}  "
            f"{la_mb:>13.0f}  {plain_mb:>8.0f}  {ratio(la_mb, plain_mb):>5}"
        )
    print()
    for size, by_kind in results.items():
        pairs = [
            la / plain for la, plain in zip(by_kind["learnaloud"].runs, by_kind["plain"].runs, strict=True)
        ]
        shown = " ".join(f"{pair:.2f}x" for pair in pairs)
        print(
            f"{size:>7}  each run's ratio (built one after the other): {shown}; median {statistics.median(pairs):.2f}x"
        )
    print()
    print("records  learnaloud site MB  plain site MB  learnaloud pages  plain pages")
    for size, by_kind in results.items():
        la, plain = by_kind["learnaloud"], by_kind["plain"]
        print(
            f"{size:>7}  {la.site_bytes / MIB:>18.1f}  {plain.site_bytes / MIB:>13.1f}  "
            f"{la.html_pages:>16}  {plain.html_pages:>11}"
        )
    print()
    print("records  explorer index KB  explorer page KB")
    for size, by_kind in results.items():
        la = by_kind["learnaloud"]
        print(f"{size:>7}  {la.explorer_index_bytes / 1024:>17.0f}  {la.explorer_page_bytes / 1024:>16.0f}")
    print()
    print(
        "records  search KB sent  plain search KB sent  search KB on disk  plain on disk  "
        "largest page KB  plain largest KB  largest page"
    )
    for size, by_kind in results.items():
        la, plain = by_kind["learnaloud"], by_kind["plain"]
        print(
            f"{size:>7}  {la.search_sent_bytes / 1024:>14.0f}  {plain.search_sent_bytes / 1024:>20.0f}  "
            f"{la.search_bytes / 1024:>17.0f}  {plain.search_bytes / 1024:>13.0f}  "
            f"{la.largest_page_bytes / 1024:>15.0f}  {plain.largest_page_bytes / 1024:>16.0f}  {la.largest_page}"
        )
    print_against_plain(results, "one-record edit, rebuild s", lambda m: m.edit_seconds)
    print_against_plain(results, "edit under serve, save to page shown s", lambda m: m.preview_seconds)
    print()
    print("content        records  check s, empty cache  check s")
    for size, by_kind in results.items():
        la = by_kind["learnaloud"]
        print(f"{'synthetic':<13}  {size:>7}  {la.check_cold_seconds:>20.2f}  {la.check_seconds:>7.2f}")
    if example_check is not None:
        records, (cold, warm) = example_check
        print(f"{'example':<13}  {records:>7}  {cold:>20.2f}  {warm:>7.2f}")
    print()
    # The goal is set "for the same number of pages": Learn Aloud makes pages plain's site has no
    # counterpart of (themes, questions, reports), so each build's time is also given a page.
    print("records  learnaloud first build s  plain s  ratio   learnaloud ms a page  plain ms a page  ratio")
    for size, by_kind in results.items():
        la, plain = by_kind["learnaloud"], by_kind["plain"]
        la_page, plain_page = (
            la.cold_seconds / la.html_pages * 1000,
            plain.best_seconds / plain.html_pages * 1000,
        )
        print(
            f"{size:>7}  {la.cold_seconds:>24.2f}  {plain.best_seconds:>7.2f}  "
            f"{ratio(la.cold_seconds, plain.best_seconds):>5}  "
            f"{la_page:>20.2f}  {plain_page:>15.2f}  {ratio(la_page, plain_page):>5}"
        )
    print()
    first, drawn, cached = charts
    print(
        f"charts (drawn by each first build, taken from the cache by the rest): the first chart "
        f"{first * 1000:.1f} ms; then a chart drawn {drawn * 1000:.2f} ms; a chart from the cache {cached * 1000:.2f} ms"
    )
    print()
    if adversarial:
        print_adversarial(adversarial)
        print()
    python = ".".join(str(part) for part in sys.version_info[:3])
    print(f"Python {python}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}")


def print_adversarial(results: dict[str, dict[str, Outcome]]) -> None:
    """The time of a 1 MB adversarial body: the whole build of a small site with one such record."""
    print(f"the time of a 1 MB adversarial body (one record of a {PLACE_COUNT}-record site, whole build)")
    print(f"{'body':<8}  {'learnaloud':<20}  plain")
    for name, by_kind in results.items():
        print(f"{name:<8}  {by_kind['learnaloud'].describe():<20}  {by_kind['plain'].describe()}")
    for name, by_kind in results.items():
        for kind, outcome in by_kind.items():
            if outcome.detail:
                print(f"  {name} {kind}: {outcome.detail}")
    for adversary in adversaries():
        print(f"  {adversary.name}: {adversary.description}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=list(DEFAULT_SIZES), help="record counts")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites and print where")
    parser.add_argument(
        "--repeats",
        type=int,
        metavar="N",
        help=f"builds of each kind per size (default: {REPEATS_UP_TO_1000} up to 1000 records, then 1)",
    )
    parser.add_argument(
        "--no-warm-up", dest="warm_up", action="store_false", help="skip the unmeasured warm-up builds"
    )
    parser.add_argument(
        "--adversarial-timeout",
        type=float,
        default=ADVERSARIAL_TIMEOUT,
        metavar="SECONDS",
        help=f"stop an adversarial build after this long (default: {ADVERSARIAL_TIMEOUT:.0f})",
    )
    parser.add_argument(
        "--no-plain-adversarial",
        dest="plain_adversarial",
        action="store_false",
        help="skip plain MkDocs' builds of the adversarial bodies (each may run to the timeout)",
    )
    parser.add_argument(
        "--no-adversarial", dest="adversarial", action="store_false", help="skip the adversarial bodies"
    )
    args = parser.parse_args(argv)
    if any(size < PLACE_COUNT for size in args.sizes):
        parser.error(f"each size must be at least {PLACE_COUNT} (one record per place)")
    if args.repeats is not None and args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.adversarial_timeout <= 0:
        parser.error("--adversarial-timeout must be more than 0")
    work = Path(tempfile.mkdtemp(prefix="learnaloud-bench-"))
    # The builds' cache (Learn Aloud's charts, read files and templates) starts empty, in the run's folder.
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    keep = args.keep
    try:
        if args.warm_up:
            warm_up(work)
        results: dict[int, dict[str, Measure]] = {}
        for size in args.sizes:
            results[size] = measure(size, work, args.repeats)
        adversarial = None
        if args.adversarial:
            adversarial = measure_adversarial(work, args.adversarial_timeout, args.plain_adversarial)
        example_records = len(list((EXAMPLE_CONFIG.parent / "content").glob("places/*/records/*.md")))
        example_check = (example_records, check_times(EXAMPLE_CONFIG, work / "check-cache-example"))
        print_tables(results, chart_costs(work / "chart-cache"), adversarial, example_check)
    except BuildFailed as failure:
        keep = True
        print(f"bench: {failure}\nbench: the generated sites are kept in {work}", file=sys.stderr)
        return 1
    finally:
        if keep:
            print(f"generated sites: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
