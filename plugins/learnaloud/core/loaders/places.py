"""A place folder, places/<place>/: its place.yml, then its records, posts and measures.yml."""

from __future__ import annotations

from pathlib import Path

from ..files import YAML_SUFFIXES
from ..model import Content, Place, Source
from .items import load_posts, load_records
from .place_measures import load_place_measures
from .reader import Reader


def load_places(reader: Reader, folder: Path, content: Content) -> None:
    for place_dir in sorted(folder.iterdir()) if folder.is_dir() else ():
        if place_dir.is_dir() and not place_dir.is_symlink() and not place_dir.name.startswith("."):
            load_place(reader, place_dir, content)


def load_place(reader: Reader, place_dir: Path, content: Content) -> None:
    place_id = reader.item_id(place_dir, "place folder")
    if place_id is None:
        return
    place = load_place_profile(reader, place_dir, place_id)
    if place is None:
        content.invalid.add(("place", place_id))
    else:
        content.places[place_id] = place
    # A broken profile does not hide the mistakes in the place's records: report them all.
    load_records(reader, place_dir / "records", place_id, content)
    content.posts.update(load_posts(reader, place_dir / "posts", place_id))
    measures = place_dir / "measures.yml"
    if measures.exists():
        values = load_place_measures(reader, measures, place_id)
        if values is not None:
            content.place_measures[place_id] = values


def load_place_profile(reader: Reader, place_dir: Path, place_id: str) -> Place | None:
    path = place_dir / "place.yml"
    if not path.exists():
        near = [p.name for p in place_dir.iterdir() if p.suffix.lower() in YAML_SUFFIXES]
        near = [name for name in near if name != "measures.yml"]
        hint = f"rename '{near[0]}' to 'place.yml'" if near else "create it with at least 'name: …'"
        reader.report.error(
            reader.rel(place_dir) + "/place.yml", 0, f"the place '{place_id}' has no place.yml", hint
        )
        return None
    parsed = reader.read_yaml(path, "place", "'name: …'")
    if parsed is None:
        return None
    rel = reader.rel(path)
    return reader.validate(
        Place, parsed.value, rel, parsed.lines, "place", {"id": place_id, "source": Source(rel, parsed.lines)}
    )
