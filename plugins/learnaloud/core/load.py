"""content/ → Content + Report. The one place files are read and `private:` is split off: one
loader per kind of file (in `loaders/`), called here in the order the tree is read."""

from __future__ import annotations

from pathlib import Path

from .analysis.questions import check_question_headings
from .errors import Report
from .files import list_tree
from .loaders.id_lists import load_id_list
from .loaders.items import load_activities, load_posts
from .loaders.network import load_network
from .loaders.other_files import load_other_files
from .loaders.places import load_places
from .loaders.reader import ParseCache, Reader
from .loaders.tables import load_tables
from .measures import check_period_kinds
from .model import Content, Measure, Network, Theme
from .references import check_references

__all__ = ["ParseCache", "load_content"]


def load_content(
    root: Path, allowed_files: tuple[str, ...] = (), cache: ParseCache | None = None
) -> tuple[Content, Report]:
    """Read and validate a whole content tree; every problem is in the report, none raised."""
    report = Report()
    reader = Reader(root, report, list_tree(root, report), cache or ParseCache())
    network = load_network(reader)
    if network is None:
        reader.collected.unreadable.add("question")
    content = Content(network=network or Network(name="Unnamed network"))
    content.themes = load_id_list(reader, root / "themes.yml", Theme, "theme", "'- id: …' and 'title: …'")
    content.measures = load_id_list(
        reader, root / "measures.yml", Measure, "measure", "'- id: …', 'title: …' and 'unit: …'"
    )
    load_places(reader, root / "places", content)
    content.posts.update(load_posts(reader, root / "posts", None))
    load_tables(reader, root / "tables", content)
    load_activities(reader, root / "toolkit", content)
    load_other_files(reader, content, allowed_files)
    collected = reader.collected
    content.blocks = collected.blocks
    content.invalid |= collected.invalid
    content.unreadable |= collected.unreadable
    content.page_meta = collected.page_meta
    check_references(content, report, collected.partial)
    check_question_headings(content, report)
    check_period_kinds(content, report)
    if reader.cache.shelf is not None:
        reader.cache.shelf.save()
    return content, report
