"""Every file that is not an item: hand-written pages (their front matter and live blocks), items
written outside their folder, SVGs, and the other files published as they are."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from ..errors import a
from ..files import MARKDOWN_SUFFIXES, YAML_SUFFIXES, check_published_file
from ..model import Content, PageMeta
from ..source import SourceProblem, parse_markdown
from ..svg import svg_problem
from .reader import Reader, drop_private, suggested_id

# The front-matter fields that mark a page as an item written in the wrong folder, and its folder.
ITEM_KEYS = {"record": {"date", "evidence"}, "activity guide": {"stage", "duration"}, "post": {"date"}}
ITEM_FOLDERS = {
    "record": "places/{place}/records/",
    "activity guide": "toolkit/",
    "post": "posts/ (the network's) or places/{place}/posts/",
}


def load_other_files(reader: Reader, content: Content, allowed_files: tuple[str, ...]) -> None:
    for rel in reader.tree.files:
        suffix = Path(rel).suffix
        if suffix.lower() in MARKDOWN_SUFFIXES and (folder := item_folder(rel)) is not None:
            # Never an ordinary page, even where it is not read as an item.
            check_item_path(reader, rel, folder)
        elif suffix.lower() in YAML_SUFFIXES:
            if (folder := item_folder(rel)) is not None:  # content data, never published; not read here
                reader.report.error(
                    rel,
                    0,
                    f"a {suffix} file in {folder}/ is not read",
                    f"an item there is a .md file with front matter: rename it to "
                    f"'{Path(rel).stem}.md' and put its fields between '---' lines, or move it out",
                )
        elif suffix in MARKDOWN_SUFFIXES:
            check_page(reader, rel)
            content.published_files.append(rel)
        elif misnamed_markdown(reader, rel):
            continue
        elif check_published_file(rel, allowed_files, reader.report):
            content.published_files.append(rel)
            if suffix.lower() == ".svg" and not any(fnmatch.fnmatchcase(rel, p) for p in allowed_files):
                check_svg(reader, rel)


def check_page(reader: Reader, rel: str) -> None:
    """An ordinary page: its front matter is known fields only, its live blocks are valid."""
    text = reader.read(reader.root / rel)
    if text is None:
        return
    try:
        source = parse_markdown(text)
    except SourceProblem as problem:
        reader.report.error(rel, problem.line, problem.message, problem.hint)
        return
    reader.report_problems(rel, source.meta)
    meta = source.meta.value if source.meta.value is not None else {}
    misplaced = next(
        (kind for kind, keys in ITEM_KEYS.items() if isinstance(meta, dict) and keys <= meta.keys()), None
    )
    if misplaced is not None:
        folder = ITEM_FOLDERS[misplaced].format(
            place=rel.split("/")[1] if rel.startswith("places/") else "<place>"
        )
        reader.report.error(
            rel,
            1,
            f"this looks like {a(misplaced)}, but it is not in a folder of them",
            f"move it into {folder}",
        )
        return
    checked = reader.validate(PageMeta, drop_private(meta), rel, source.meta.lines, "page's front matter")
    if checked is not None:
        reader.collected.page_meta[rel] = checked
    reader.check_body(rel, source.body, source.body_line)


TEXT_SUFFIXES = (".txt", ".text")


def misnamed_markdown(reader: Reader, rel: str) -> bool:
    """A Markdown file saved under another ending ('record.md.txt': Windows hides the '.txt'), or
    a text file with front matter: never published as it is, where its private notes would be."""
    name = Path(rel).name
    lower = name.lower()
    cut = next((lower.index(f"{s}.") for s in MARKDOWN_SUFFIXES if f"{s}." in lower), None)
    if cut is not None:
        reader.report.error(
            rel,
            0,
            f"this Markdown file ends in '{name[cut:]}', so it would be published as it is",
            f"rename it to '{name[:cut]}.md' (Windows may hide the last ending: show file name extensions)",
        )
        return True
    if Path(rel).suffix.lower() in TEXT_SUFFIXES:
        text = reader.read(reader.root / rel)
        if text is not None and text.startswith("---\n"):
            reader.report.error(
                rel,
                1,
                "this text file starts with front matter, like a record or a post, so it would be "
                "published as it is",
                f"if it is one, rename it to '{Path(rel).stem}.md'; if not, remove the '---' lines",
            )
            return True
    return False


def check_svg(reader: Reader, rel: str) -> None:
    problem = svg_problem((reader.root / rel).read_bytes())
    if problem is not None:
        reader.report.error(
            rel,
            0,
            f"this SVG {problem}",
            "remove it from the SVG, or export it again as a plain image",
        )


def item_folder(rel: str) -> str | None:
    """The items folder a file is in (a place's records or posts, posts, toolkit), if any."""
    parts = rel.split("/")
    if len(parts) >= 4 and parts[0] == "places" and parts[2] in ("records", "posts"):
        return "/".join(parts[:3])
    if len(parts) >= 2 and parts[0] in ("posts", "toolkit"):
        return parts[0]
    return None


def check_item_path(reader: Reader, rel: str, folder: str) -> None:
    """Items are `.md` files directly in their folder; any other Markdown there is an error."""
    name = rel.rsplit("/", 1)[-1]
    if rel == f"{folder}/{name}" and name.endswith(".md"):
        return
    kind = {"records": "record", "posts": "post", "toolkit": "activity guide"}[folder.rsplit("/", 1)[-1]]
    better = suggested_id(name.rsplit(".", 1)[0], kind)
    directly = rel == f"{folder}/{name}"
    reader.report.error(
        rel,
        0,
        f"this file is in {folder}/ but is not read from there"
        if directly
        else f"this file is in a folder inside {folder}/, where nothing is read",
        f"{'rename it to' if directly else f'move it into {folder}/ and name it'} '{better}.md' "
        "(a lowercase name ending in .md)",
    )
