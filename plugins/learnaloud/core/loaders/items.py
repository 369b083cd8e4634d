"""The Markdown items: a place's records, the network's and a place's posts, the toolkit's
activity guides. Each is one `.md` file directly in its folder, read through the parse cache."""

from __future__ import annotations

from pathlib import Path

from ..model import Activity, Content, Post, Record
from .reader import Reader


def load_records(reader: Reader, folder: Path, place_id: str, content: Content) -> None:
    for path in reader.files(folder, (".md",)):
        record = reader.markdown_item(
            path, Record, "record", "'---', 'title:', 'date:', 'evidence:', '---'", place=place_id
        )
        if record is not None:
            content.records[record.ref] = record
        else:
            content.invalid.add(("record", f"{place_id}/{path.stem}"))


def load_posts(reader: Reader, folder: Path, place_id: str | None) -> dict[str, Post]:
    posts: dict[str, Post] = {}
    for path in reader.files(folder, (".md",)):
        post = reader.markdown_item(path, Post, "post", "'---', 'title:', 'date:', '---'", place=place_id)
        if post is not None:
            posts[f"{place_id}/{post.id}" if place_id else post.id] = post
    return posts


def load_activities(reader: Reader, folder: Path, content: Content) -> None:
    for path in reader.files(folder, (".md",)):
        activity = reader.markdown_item(
            path,
            Activity,
            "activity guide",
            "'---', 'title:', 'summary:', 'stage:', 'duration:', '---'",
        )
        if activity is not None:
            content.activities[activity.id] = activity
        else:
            content.invalid.add(("activity", path.stem))
