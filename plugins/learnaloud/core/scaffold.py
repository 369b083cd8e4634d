"""New content files, written from commented templates (`learnaloud new …`).

Each file passes the check as it is written, starts network-only (nothing half-written goes
public), and says in its comments what each field takes — with this network's own ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import Report, did_you_mean
from .files import RESERVED_IDS
from .model import EVIDENCE_TYPES, LOOPS, Content, Post, Record, slug

FILE_NAME_WORDS = 48  # characters of the title kept in a file name: enough to tell files apart


class ScaffoldProblem(ValueError):
    """What stops a file being written, and how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{message} — {hint}")


@dataclass(frozen=True)
class NewFile:
    path: str  # within the content folder
    text: str


def name_of(title: str) -> str:
    """A file name's words, from a title: lowercase, hyphens, cut at a word."""
    words = slug(title)
    if len(words) > FILE_NAME_WORDS:
        words = words[:FILE_NAME_WORDS].rsplit("-", 1)[0]
    if not title.strip() or words == "item":
        raise ScaffoldProblem(
            "the title has no letters or digits", 'give it a few words, e.g. "Conversations at the market"'
        )
    return f"our-{words}" if words in RESERVED_IDS else words


def yaml_text(text: str) -> str:
    """A title as a YAML value that reads back as written (quoted: a colon or a # stays text)."""
    return '"' + text.strip().replace("\\", "\\\\").replace('"', '\\"') + '"'


def known(ids: list[str] | tuple[str, ...], none: str) -> str:
    return ", ".join(ids) if ids else none


def check_place(content: Content, place: str) -> None:
    if place not in content.places:
        raise ScaffoldProblem(f"there is no place '{place}'", did_you_mean(place, content.places, "place"))


def theme_ids(content: Content) -> str:
    return known(sorted(content.themes), "none yet: add them to themes.yml")


VISIBILITY_NOTE = "# network-only until it is ready: then change it to public"
# The words `learnaloud new` writes for the contributor to replace: published, they are a warning.
RECORD_OPENING = "What happened, in a few sentences: who was there, what you did."
RECORD_ANSWER = "What you found. (Delete a question you do not answer.)"
POST_OPENING = "Write here. A live block shows records that stay up to date:"
PLACEHOLDERS = (RECORD_OPENING, RECORD_ANSWER, POST_OPENING)


def check_placeholders(items: Iterable[Record | Post], report: Report) -> None:
    """Published items that still hold the words `learnaloud new` wrote for their writer."""
    for item in items:
        for placeholder in PLACEHOLDERS:
            at = -1
            while (at := item.body.find(placeholder, at + 1)) >= 0:
                line = item.body_line + item.body.count("\n", 0, at)
                report.warning(
                    item.source.path,
                    line,
                    f"'{placeholder}' is the new file's text, not yet replaced",
                    "write what happened or what you found in its place, or delete it (and a question "
                    "you do not answer, with its ## heading)",
                )


def new_record(content: Content, place: str, title: str, today: dt.date) -> NewFile:
    check_place(content, place)
    questions = content.network.questions
    sections = "\n\n".join(f"## {q.text}\n\n{RECORD_ANSWER}" for q in questions[:2])
    every = "; ".join(f"## {q.text} (or ## {q.id})" for q in questions)
    return NewFile(
        f"places/{place}/records/{today.isoformat()}-{name_of(title)}.md",
        f"""---
title: {yaml_text(title)}
date: {today.isoformat()}
# summary: One or two sentences for cards, feeds and search.
evidence: [story]   # one or more of: {", ".join(EVIDENCE_TYPES)}
# themes: []        # this network's themes: {theme_ids(content)}
# loop: single      # {" | ".join(LOOPS)}: single asks "are we doing things right?", double "are we doing the right things?", triple "how do we decide what is right?"
# learned_from: []  # records elsewhere that shaped this one, as <place>/<record file name without .md>
# activities: []    # toolkit activities used: {known(sorted(content.activities), "none yet")}
visibility: network   {VISIBILITY_NOTE}
---

{RECORD_OPENING}

<!-- Each answer starts with a heading that is one of the network's questions, word for word
     (or its id): {every} -->

{sections}""".rstrip()
        + "\n",
    )


def new_post(
    content: Content, place: str | None, title: str, today: dt.date, *, report: bool = False
) -> NewFile:
    if place is not None:
        check_place(content, place)
    folder = f"places/{place}/posts" if place else "posts"
    return NewFile(
        f"{folder}/{today.isoformat()}-{name_of(title)}.md",
        f"""---
title: {yaml_text(title)}
date: {today.isoformat()}
# authors: [Your Name]
# summary: One or two sentences for the blog, feeds and link previews.
type: {"report" if report else "blog"}   # blog | report (a report gets a cover, contents and a print layout)
# themes: []   # this network's themes: {theme_ids(content)}
visibility: network   {VISIBILITY_NOTE}
---

{POST_OPENING}

```learning-records
{f"place: {place}" if place else "limit: 5"}
```
""",
    )


def new_table(content: Content, places: list[str], title: str, today: dt.date) -> NewFile:
    for place in places:
        check_place(content, place)
    scope = "national" if not places else "place" if len(places) == 1 else "across-places"
    named = f"places: [{', '.join(places)}]\n" if places else ""
    # The example names one of the table's own records, if it has any (else any record).
    refs = sorted(content.records, key=lambda ref: (not places or ref.split("/")[0] != places[0], ref))
    example_ref = next(iter(refs), "<place>/<record file name without .md>")
    return NewFile(
        f"tables/{today:%Y-%m}-{name_of(title)}.yml",
        f"""title: {yaml_text(title)}
date: {today.isoformat()}
scope: {scope}   # place (one place) | across-places (two or more) | national
{named}# question: The question the group held.
# Each list starts empty ([]). To add to one, replace its [] with items, one "- text:" each,
# written under it like the example beneath ground_truth (remove the "# " in front).
ground_truth: []   # what happened: data and stories (looking back)
#  - text: Forty people stopped at the stall over four Saturdays.
#    evidence: [{example_ref}]   # optional: the records behind it
insights: []       # why it happened (looking back)
hypotheses: []     # "if we …, then …" (looking forward); an item may add
                   # status: open | testing | held | revised | dropped
opportunities: []  # where the hypotheses can be tested next
# themes: []       # this network's themes: {theme_ids(content)}
# follows: <table id>   # the earlier table this one picks up from: {known(sorted(content.tables), "none yet")}
visibility: network   {VISIBILITY_NOTE}
""",
    )


def new_activity(content: Content, title: str) -> NewFile:
    questions = [q.id for q in content.network.questions]
    return NewFile(
        f"toolkit/{name_of(title)}.md",
        f"""---
title: {yaml_text(title)}
summary: {yaml_text("What this activity is for, in one sentence.")}
stage: embodied     # embodied (done in the moment) | integrated (done at set times)
# scopes: [place]   # place | across-places | national
# questions: []     # the key questions it serves: {", ".join(questions)}
duration: 60        # minutes
# group_size: [4, 12]
# materials: [Flip chart, Sticky notes]
# related: []       # other activities: {known(sorted(content.activities), "none yet")}
visibility: network   {VISIBILITY_NOTE}
---

## Purpose

## Preparation

## Steps

1. First step.
""",
    )


def new_place(content: Content, name: str, today: dt.date) -> NewFile:
    place = name_of(name)
    if place in content.places:
        raise ScaffoldProblem(f"there is already a place '{place}'", "choose another name")
    return NewFile(
        f"places/{place}/place.yml",
        f"""name: {yaml_text(name)}
# region: Where it is
# summary: One or two sentences, shown on cards and in feeds.
# started: {today.isoformat()}
# website: https://example.org
visibility: network   {VISIBILITY_NOTE}; it is also the default for this place's records
""",
    )
