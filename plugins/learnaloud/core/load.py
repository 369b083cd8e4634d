"""content/ → Content + Report. The one place files are read and `private:` is split off."""

from __future__ import annotations

import fnmatch
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError

from . import blocks, messages
from .analysis.questions import check_question_headings
from .bounds import body_problems
from .errors import Diagnostic, Report, a
from .files import (
    MARKDOWN_SUFFIXES,
    RESERVED_IDS,
    YAML_SUFFIXES,
    check_published_file,
    is_regular_file,
    list_tree,
)
from .headings import find_headings
from .model import (
    DERIVED_FIELDS,
    ID_PATTERN,
    PERIOD,
    Activity,
    Content,
    LearningTable,
    LiveBlock,
    Measure,
    Network,
    PageMeta,
    Place,
    PlaceMeasures,
    Post,
    Record,
    Source,
    Theme,
    slug,
)
from .periods import Period, overlaps
from .references import REFERENCE_FIELDS, Partial, check_references
from .source import LineMap, Parsed, SourceProblem, parse_markdown, parse_yaml, read_text
from .svg import svg_problem

ID = re.compile(ID_PATTERN)

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class CachedItem:
    stamp: tuple[int, int]  # size and modification time of the file it was read from
    item: Any
    diagnostics: tuple[Diagnostic, ...]
    blocks: tuple[LiveBlock, ...] | None


@dataclass
class ParseCache:
    """Items read from Markdown files, by path, size and modification time. A site keeps one across
    `mkdocs serve` rebuilds, so a one-file edit re-reads one file."""

    items: dict[str, CachedItem] = field(default_factory=dict)


def load_content(
    root: Path, allowed_files: tuple[str, ...] = (), cache: ParseCache | None = None
) -> tuple[Content, Report]:
    """Read and validate a whole content tree; every problem is in the report, none raised."""
    report = Report()
    loader = Loader(root, report, allowed_files, cache or ParseCache())
    content = loader.load()
    check_references(content, report, loader.partial)
    check_question_headings(content, report)
    return content, report


# The front-matter fields that mark a page as an item written in the wrong folder, and its folder.
ITEM_KEYS = {"record": {"date", "evidence"}, "activity guide": {"stage", "duration"}, "post": {"date"}}
ITEM_FOLDERS = {
    "record": "places/{place}/records/",
    "activity guide": "toolkit/",
    "post": "posts/ (the network's) or places/{place}/posts/",
}


def suggested_id(name: str, kind: str) -> str:
    """A valid, unreserved id close to what someone wrote."""
    candidate = slug(name)
    return f"our-{slug(kind)}" if candidate in RESERVED_IDS else candidate


def drop_private(value: Any) -> Any:
    """The value with every `private:` mapping removed, at any depth."""
    if isinstance(value, dict):
        return {k: drop_private(v) for k, v in value.items() if k != "private"}
    if isinstance(value, list):
        return [drop_private(v) for v in value]
    return value


class Loader:
    def __init__(self, root: Path, report: Report, allowed_files: tuple[str, ...], cache: ParseCache) -> None:
        self.root = root
        self.cache = cache
        self.report = report
        self.allowed_files = allowed_files
        self.blocks: dict[str, tuple[LiveBlock, ...]] = {}
        self.invalid: set[tuple[str, str]] = set()
        self.partial: list[Partial] = []
        self.unreadable: set[str] = set()
        self.page_meta: dict[str, PageMeta] = {}

    # -- reading -------------------------------------------------------------------------------

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read(self, path: Path) -> str | None:
        if not is_regular_file(path):  # a link or a device: the tree listing reports it
            return None
        try:
            return read_text(path)
        except SourceProblem as problem:
            self.report.error(self.rel(path), problem.line, problem.message, problem.hint)
        except OSError as exc:
            self.report.error(
                self.rel(path),
                0,
                f"the file cannot be read ({exc.strerror})",
                "check that it is a readable file",
            )
        return None

    def report_problems(self, rel: str, parsed: Parsed) -> None:
        for problem in parsed.problems:
            self.report.error(rel, problem.line, problem.message, problem.hint)

    def read_yaml(self, path: Path, kind: str, example: str) -> Parsed | None:
        rel = self.rel(path)
        text = self.read(path)
        if text is None:
            return None
        if not text.strip():
            self.report.error(rel, 1, f"the {kind} file is empty", f"write at least {example}")
            return None
        try:
            parsed = parse_yaml(text)
        except SourceProblem as problem:
            self.report.error(rel, problem.line, problem.message, problem.hint)
            return None
        self.report_problems(rel, parsed)
        return Parsed(drop_private(parsed.value), parsed.lines, parsed.problems)

    def validate(
        self,
        model: type[ModelT],
        data: Any,
        rel: str,
        lines: LineMap,
        kind: str,
        derived: dict[str, Any] | None = None,
        prefix: tuple[str | int, ...] = (),
    ) -> ModelT | None:
        if not isinstance(data, dict):
            self.report.error(
                rel,
                lines.line(*prefix),
                f"{a(kind)} should be a set of 'field: value' lines",
                f"see the {kind} example in the content format docs",
            )
            return None
        if derived:
            taken = [key for key in data if key in DERIVED_FIELDS]
            for key in taken:
                self.report.error(
                    rel,
                    lines.line(*prefix, key),
                    f"'{key}' is set by the site, not in the file",
                    f"remove this line; the {key} comes from where the file is",
                )
            if taken:
                return None
        try:
            return model.model_validate({**data, **(derived or {})})
        except ValidationError as exc:
            references = REFERENCE_FIELDS.get(kind, {})
            failed: set[str] = set()
            for error in exc.errors():
                loc = tuple(error["loc"])
                if error["type"] == "string_pattern_mismatch" and loc and loc[0] in references:
                    continue  # a title where an id belongs: the references check suggests the id
                failed.add(str(loc[0]) if loc else "")
                line = lines.line(*prefix, *loc)
                message, hint = messages.explain(error, model, kind)
                self.report.error(rel, line, message, hint)
            if derived and "source" in derived:
                # The item is left out, but the ids it names are still checked: every mistake at once.
                source = derived["source"]
                self.partial.append(Partial(kind, data, source, failed))
            return None

    def item_id(self, path: Path, kind: str) -> str | None:
        name = path.stem if path.is_file() else path.name
        if ID.match(name):
            return None if self.reserved(self.rel(path), 0, name, kind) else name
        suffix = path.suffix if path.is_file() else ""
        self.report.error(
            self.rel(path),
            0,
            f"'{path.name}' is not a valid name for {a(kind)}",
            f"rename it to '{suggested_id(name, kind)}{suffix.lower()}': lowercase letters, digits and hyphens",
        )
        return None

    def reserved(self, rel: str, line: int, item_id: str, kind: str) -> bool:
        """Whether an id is one the site keeps for its own pages (reported if so)."""
        if item_id not in RESERVED_IDS:
            return False
        self.report.error(
            rel,
            line,
            f"'{item_id}' cannot be the id of {a(kind)}: the site uses it for its own pages",
            f"choose another id, a few words about the {kind}, e.g. '{suggested_id(item_id, kind)}'",
        )
        return True

    def markdown_item(
        self, path: Path, model: type[ModelT], kind: str, example: str, **derived: Any
    ) -> ModelT | None:
        """A record, post or activity: from the cache while its file is unchanged."""
        rel = self.rel(path)
        try:
            stat = path.stat()
        except OSError:  # gone since the folder was listed: read() reports it
            return self.read_markdown_item(path, rel, model, kind, example, **derived)
        stamp = (stat.st_size, stat.st_mtime_ns)
        cached = self.cache.items.get(rel)
        if cached is None or cached.stamp != stamp:
            first = len(self.report.diagnostics)
            item = self.read_markdown_item(path, rel, model, kind, example, **derived)
            diagnostics = tuple(self.report.diagnostics[first:])
            cached = CachedItem(stamp, item, diagnostics, self.blocks.get(rel))
            self.cache.items[rel] = cached
        else:
            self.report.diagnostics.extend(cached.diagnostics)
            if cached.blocks is not None:
                self.blocks[rel] = cached.blocks
        return cast(ModelT | None, cached.item)

    def read_markdown_item(
        self, path: Path, rel: str, model: type[ModelT], kind: str, example: str, **derived: Any
    ) -> ModelT | None:
        item_id = self.item_id(path, kind)
        text = self.read(path)
        if text is None or item_id is None:
            return None
        if not text.strip():
            self.report.error(rel, 1, "the file is empty", f"{a(kind)} starts with front matter: {example}")
            return None
        try:
            source = parse_markdown(text)
        except SourceProblem as problem:
            self.report.error(rel, problem.line, problem.message, problem.hint)
            return None
        self.report_problems(rel, source.meta)
        if not text.startswith("---"):
            self.report.error(
                rel,
                1,
                f"the {kind} has no front matter",
                f"start the file with front matter: {example}",
            )
            return None
        lines = source.meta.lines
        self.check_body(rel, source.body, source.body_line)
        if model is Record:
            derived["headings"] = find_headings(source.body)
        return self.validate(
            model,
            drop_private(source.meta.value),
            rel,
            lines,
            kind,
            {
                **derived,
                "id": item_id,
                "source": Source(rel, lines),
                "body": source.body,
                "body_line": source.body_line,
            },
        )

    def yaml_list(self, path: Path, model: type[ModelT], kind: str, example: str) -> dict[str, ModelT]:
        """A file that is a list of items with ids (themes, measures)."""
        items: dict[str, ModelT] = {}
        if not path.exists():
            return items
        parsed = self.read_yaml(path, kind, example)
        if parsed is None or not isinstance(parsed.value, list):
            self.unreadable.add(kind)
        if parsed is None:
            return items
        rel = self.rel(path)
        if not isinstance(parsed.value, list):
            self.report.error(
                rel, 1, f"the {kind} file should be a list", f"start each {kind} with '- id: …'"
            )
            return items
        for index, data in enumerate(parsed.value):
            item = self.validate(model, data, rel, parsed.lines, kind, prefix=(index,))
            if item is None:
                if isinstance(data, dict) and isinstance(data.get("id"), str):
                    self.invalid.add((kind, data["id"]))
                continue
            item_id: str = getattr(item, "id")  # noqa: B009 - every list item model has an id
            if self.reserved(rel, parsed.lines.line(index, "id"), item_id, kind):
                continue
            if item_id in items:
                self.report.error(
                    rel,
                    parsed.lines.line(index, "id"),
                    f"the {kind} id '{item_id}' is used twice",
                    f"give each {kind} its own id",
                )
                continue
            items[item_id] = item
        return items

    # -- the tree ------------------------------------------------------------------------------

    def load(self) -> Content:
        root = self.root
        self.tree = list_tree(root, self.report)
        self.regular = set(self.tree.files)
        network = self.load_network()
        if network is None:
            self.unreadable.add("question")
        content = Content(network=network or Network(name="Unnamed network"))
        content.themes = self.yaml_list(root / "themes.yml", Theme, "theme", "'- id: …' and 'title: …'")
        content.measures = self.yaml_list(
            root / "measures.yml", Measure, "measure", "'- id: …', 'title: …' and 'unit: …'"
        )
        places_dir = root / "places"
        for place_dir in sorted(places_dir.iterdir()) if places_dir.is_dir() else ():
            if place_dir.is_dir() and not place_dir.is_symlink() and not place_dir.name.startswith("."):
                self.load_place(place_dir, content)
        content.posts.update(self.load_posts(root / "posts", None))
        for path in self.files(root / "tables", YAML_SUFFIXES):
            item_id = self.item_id(path, "table")
            parsed = self.read_yaml(path, "table", "'title:', 'date:' and 'scope:'")
            if parsed is None or item_id is None:
                continue
            if item_id in content.tables:
                self.report.error(
                    self.rel(path),
                    0,
                    f"there are two tables with the id '{item_id}'",
                    "rename or remove one of them",
                )
                continue
            table = self.validate(
                LearningTable,
                parsed.value,
                self.rel(path),
                parsed.lines,
                "table",
                {"id": item_id, "source": Source(self.rel(path), parsed.lines)},
            )
            if table is not None:
                content.tables[item_id] = table
            else:
                content.invalid.add(("table", item_id))
        for path in self.files(root / "toolkit", (".md",)):
            activity = self.markdown_item(
                path,
                Activity,
                "activity guide",
                "'---', 'title:', 'summary:', 'stage:', 'duration:', '---'",
            )
            if activity is not None:
                content.activities[activity.id] = activity
            else:
                content.invalid.add(("activity", path.stem))
        self.load_other_files(content)
        content.blocks = self.blocks
        content.invalid |= self.invalid
        content.unreadable |= self.unreadable
        content.page_meta = self.page_meta
        return content

    def files(self, folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
        """The regular files directly in a folder with one of these endings (as written: a
        `.MD` file is not read as an item, and the tree check says why)."""
        if folder.is_dir() and not folder.is_symlink():
            for path in sorted(folder.iterdir()):
                if path.suffix in suffixes and self.rel(path) in self.regular:
                    yield path

    def load_network(self) -> Network | None:
        path = self.root / "network.yml"
        if not path.exists():
            self.report.error(
                "network.yml",
                0,
                "the network file is missing",
                "create content/network.yml with at least 'name: …'",
            )
            return None
        parsed = self.read_yaml(path, "network", "'name: …'")
        if parsed is None:
            return None
        network = self.validate(Network, parsed.value, "network.yml", parsed.lines, "network")
        seen: set[str] = set()
        for index, question in enumerate(network.questions if network else ()):
            self.reserved("network.yml", parsed.lines.line("questions", index, "id"), question.id, "question")
            if question.id in seen:
                self.report.error(
                    "network.yml",
                    parsed.lines.line("questions", index, "id"),
                    f"the question id '{question.id}' is used twice",
                    "give each question its own id",
                )
            seen.add(question.id)
        return network

    def load_place(self, place_dir: Path, content: Content) -> None:
        place_id = self.item_id(place_dir, "place folder")
        if place_id is None:
            return
        place = self.load_place_profile(place_dir, place_id)
        if place is None:
            content.invalid.add(("place", place_id))
        else:
            content.places[place_id] = place
        # A broken profile does not hide the mistakes in the place's records: report them all.
        for record_path in self.files(place_dir / "records", (".md",)):
            record = self.markdown_item(
                record_path, Record, "record", "'---', 'title:', 'date:', 'evidence:', '---'", place=place_id
            )
            if record is not None:
                content.records[record.ref] = record
            else:
                content.invalid.add(("record", f"{place_id}/{record_path.stem}"))
        content.posts.update(self.load_posts(place_dir / "posts", place_id))
        measures = place_dir / "measures.yml"
        if measures.exists():
            values = self.load_place_measures(measures, place_id)
            if values is not None:
                content.place_measures[place_id] = values

    def load_place_profile(self, place_dir: Path, place_id: str) -> Place | None:
        path = place_dir / "place.yml"
        if not path.exists():
            near = [p.name for p in place_dir.iterdir() if p.suffix.lower() in YAML_SUFFIXES]
            near = [name for name in near if name != "measures.yml"]
            hint = f"rename '{near[0]}' to 'place.yml'" if near else "create it with at least 'name: …'"
            self.report.error(
                self.rel(place_dir) + "/place.yml", 0, f"the place '{place_id}' has no place.yml", hint
            )
            return None
        parsed = self.read_yaml(path, "place", "'name: …'")
        if parsed is None:
            return None
        return self.validate(
            Place,
            parsed.value,
            self.rel(path),
            parsed.lines,
            "place",
            {"id": place_id, "source": Source(self.rel(path), parsed.lines)},
        )

    def load_posts(self, folder: Path, place_id: str | None) -> dict[str, Post]:
        posts: dict[str, Post] = {}
        for path in self.files(folder, (".md",)):
            post = self.markdown_item(path, Post, "post", "'---', 'title:', 'date:', '---'", place=place_id)
            if post is not None:
                posts[f"{place_id}/{post.id}" if place_id else post.id] = post
        return posts

    def load_place_measures(self, path: Path, place_id: str) -> PlaceMeasures | None:
        rel = self.rel(path)
        parsed = self.read_yaml(path, "measures", "'participants:' and under it '2025-01: 34'")
        if parsed is None:
            return None
        if not isinstance(parsed.value, dict):
            self.report.error(
                rel,
                1,
                "this file should list values by measure id",
                "write 'participants:' and under it lines like '  2025-01: 34'",
            )
            return None
        values: dict[str, dict[str, float]] = {}
        for measure_id, series in parsed.value.items():
            line = parsed.lines.line(measure_id)
            if not isinstance(series, dict):
                self.report.error(
                    rel,
                    line,
                    f"'{measure_id}' should list values by period",
                    "write lines like '  2025-01: 34' under it",
                )
                continue
            values[str(measure_id)] = {}
            for period, value in series.items():
                period_line = parsed.lines.line(measure_id, period)
                if not PERIOD.match(str(period)):
                    self.report.error(
                        rel,
                        period_line,
                        f"'{period}' is not a period",
                        "write a period as YYYY, YYYY-Qn or YYYY-MM, e.g. 2025-03",
                    )
                elif (
                    isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value)
                ):
                    self.report.error(
                        rel,
                        period_line,
                        f"the value for {period} is not a number",
                        "write a plain number, e.g. 34 or 4.5",
                    )
                else:
                    values[str(measure_id)][str(period)] = float(value)
            keys = {str(k): k for k in series}
            for whole, parts in overlaps(Period.parse(p) for p in values[str(measure_id)]).items():
                named = (
                    str(parts[0])
                    if len(parts) == 1
                    else f"{len(parts)} of its parts ({parts[0]} to {parts[-1]})"
                )
                self.report.error(
                    rel,
                    parsed.lines.line(measure_id, keys[str(whole)]),
                    f"{whole} is given, and {named}: the same time would count twice",
                    f"keep either {whole} or its parts — Learn Aloud adds the parts up into {whole} itself",
                )
        return PlaceMeasures(place_id, Source(rel, parsed.lines), values)

    def check_body(self, rel: str, body: str, body_line: int) -> None:
        """A Markdown body: its live blocks, and no more work for Python-Markdown than its length
        warrants (some inputs take it minutes, or overflow its stack)."""
        for problem in body_problems(body, body_line):
            self.report.error(rel, problem.line, problem.message, problem.hint)
        self.check_blocks(rel, body, body_line)

    def check_blocks(self, rel: str, body: str, body_line: int) -> None:
        found = blocks.find_blocks(body, body_line)
        for problem in found.problems:
            self.report.error(rel, problem.line, problem.message, problem.hint)
        if found.blocks:
            self.blocks[rel] = found.blocks

    def load_other_files(self, content: Content) -> None:
        """Every file that is not an item: data files, pages and the files published as they are."""
        for rel in self.tree.files:
            suffix = Path(rel).suffix
            if suffix.lower() in MARKDOWN_SUFFIXES and (folder := self.item_folder(rel)) is not None:
                # Never an ordinary page, even where it is not read as an item.
                self.check_item_path(rel, folder)
            elif suffix.lower() in YAML_SUFFIXES:
                continue  # content data: read where the contract puts it, never published
            elif suffix in MARKDOWN_SUFFIXES:
                self.check_page(rel)
                content.published_files.append(rel)
            elif check_published_file(rel, self.allowed_files, self.report):
                content.published_files.append(rel)
                if suffix.lower() == ".svg" and not self.allowed(rel):
                    self.check_svg(rel)

    def check_page(self, rel: str) -> None:
        """An ordinary page: its front matter is known fields only, its live blocks are valid."""
        text = self.read(self.root / rel)
        if text is None:
            return
        try:
            source = parse_markdown(text)
        except SourceProblem as problem:
            self.report.error(rel, problem.line, problem.message, problem.hint)
            return
        self.report_problems(rel, source.meta)
        meta = source.meta.value if source.meta.value is not None else {}
        misplaced = next(
            (kind for kind, keys in ITEM_KEYS.items() if isinstance(meta, dict) and keys <= meta.keys()), None
        )
        if misplaced is not None:
            folder = ITEM_FOLDERS[misplaced].format(
                place=rel.split("/")[1] if rel.startswith("places/") else "<place>"
            )
            self.report.error(
                rel,
                1,
                f"this looks like {a(misplaced)}, but it is not in a folder of them",
                f"move it into {folder}",
            )
            return
        checked = self.validate(PageMeta, drop_private(meta), rel, source.meta.lines, "page's front matter")
        if checked is not None:
            self.page_meta[rel] = checked
        self.check_body(rel, source.body, source.body_line)

    def check_svg(self, rel: str) -> None:
        problem = svg_problem((self.root / rel).read_bytes())
        if problem is not None:
            self.report.error(
                rel,
                0,
                f"this SVG {problem}",
                "remove it from the SVG, or export it again as a plain image",
            )

    def item_folder(self, rel: str) -> str | None:
        """The items folder a file is in (a place's records or posts, posts, toolkit), if any."""
        parts = rel.split("/")
        if len(parts) >= 4 and parts[0] == "places" and parts[2] in ("records", "posts"):
            return "/".join(parts[:3])
        if len(parts) >= 2 and parts[0] in ("posts", "toolkit"):
            return parts[0]
        return None

    def check_item_path(self, rel: str, folder: str) -> None:
        """Items are `.md` files directly in their folder; any other Markdown there is an error."""
        name = rel.rsplit("/", 1)[-1]
        if rel == f"{folder}/{name}" and name.endswith(".md"):
            return
        kind = {"records": "record", "posts": "post", "toolkit": "activity guide"}[folder.rsplit("/", 1)[-1]]
        better = suggested_id(name.rsplit(".", 1)[0], kind)
        where = "rename it to" if rel == f"{folder}/{name}" else f"move it into {folder}/ and name it"
        self.report.error(
            rel,
            0,
            f"this file is in {folder}/ but is not read from there",
            f"{where} '{better}.md' (a lowercase name ending in .md)",
        )

    def allowed(self, rel: str) -> bool:
        return any(fnmatch.fnmatchcase(rel, pattern) for pattern in self.allowed_files)
