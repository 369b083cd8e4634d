"""What every loader reads through: paths, text, YAML, validation, item ids and Markdown items
(cached by size and modification time), and the state the loaders collect on the way."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError

from .. import blocks, messages
from ..bounds import body_problems
from ..cache import Shelf, code_key
from ..errors import Diagnostic, Report, a
from ..files import RESERVED_IDS, TreeFiles, is_regular_file
from ..headings import find_headings
from ..model import DERIVED_FIELDS, ID_PATTERN, LiveBlock, PageMeta, Record, Source, slug
from ..references import REFERENCE_FIELDS, Partial
from ..source import LineMap, Parsed, SourceProblem, parse_markdown, parse_yaml, read_text

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
    `mkdocs serve` rebuilds, so a one-file edit re-reads one file. With a shelf, items read without
    a problem are also kept on disk by a hash of the file's path and text and of the code that
    read it, for the next build."""

    items: dict[str, CachedItem] = field(default_factory=dict)
    shelf: Shelf | None = None

    def key(self, rel: str, kind: str, text: str) -> str:
        identity = f"{code_key()}\0{rel}\0{kind}\0{text}"
        return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Collected:
    """What the loaders gather beside the items themselves."""

    blocks: dict[str, tuple[LiveBlock, ...]] = field(default_factory=dict)
    invalid: set[tuple[str, str]] = field(default_factory=set)
    partial: list[Partial] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)
    page_meta: dict[str, PageMeta] = field(default_factory=dict)


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


class Reader:
    """Reads a content tree's files for the loaders; every problem goes to the report."""

    def __init__(self, root: Path, report: Report, tree: TreeFiles, cache: ParseCache) -> None:
        self.root = root
        self.report = report
        self.tree = tree
        self.regular = set(tree.files)
        self.cache = cache
        self.collected = Collected()
        self.prefix = str(root) + os.sep

    def rel(self, path: Path) -> str:
        text = str(path)  # every path read is under the root: a prefix cut, not pathlib's walk
        if text.startswith(self.prefix):
            return text[len(self.prefix) :].replace(os.sep, "/")
        return path.relative_to(self.root).as_posix()

    def files(self, folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
        """The regular files directly in a folder with one of these endings (as written: a
        `.MD` file is not read as an item, and the tree check says why)."""
        if folder.is_dir() and not folder.is_symlink():
            for path in sorted(folder.iterdir()):
                if path.suffix in suffixes and self.rel(path) in self.regular:
                    yield path

    def read(self, path: Path) -> str | None:
        if not is_regular_file(path):  # a link or a device: the tree listing reports it
            return None
        try:
            return read_text(path)
        except SourceProblem as problem:
            self.report.error(self.rel(path), problem.line, problem.message, problem.hint)
        except OSError as exc:  # safety net: git holds only files it can read
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
                self.collected.partial.append(Partial(kind, data, source, failed))
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
            return self.read_markdown_item(path, rel, self.read(path), model, kind, example, **derived)
        stamp = (stat.st_size, stat.st_mtime_ns)
        cached = self.cache.items.get(rel)
        if cached is None or cached.stamp != stamp:
            first = len(self.report.diagnostics)
            text = self.read(path)
            shelf = self.cache.shelf
            key = self.cache.key(rel, kind, text) if shelf is not None and text is not None else None
            shelved = shelf.get(key) if shelf is not None and key is not None else None
            if isinstance(shelved, CachedItem):
                cached = self.cache.items[rel] = replace(shelved, stamp=stamp)
            else:
                item = self.read_markdown_item(path, rel, text, model, kind, example, **derived)
                diagnostics = tuple(self.report.diagnostics[first:])
                cached = CachedItem(stamp, item, diagnostics, self.collected.blocks.get(rel))
                self.cache.items[rel] = cached
                if shelf is not None and key is not None and item is not None and not diagnostics:
                    shelf.put(key, cached)  # only what was read cleanly: a problem is read afresh
                return item
        self.report.diagnostics.extend(cached.diagnostics)
        if cached.blocks is not None:
            self.collected.blocks[rel] = cached.blocks
        return cast(ModelT | None, cached.item)

    def read_markdown_item(
        self,
        path: Path,
        rel: str,
        text: str | None,
        model: type[ModelT],
        kind: str,
        example: str,
        **derived: Any,
    ) -> ModelT | None:
        """The item in a file's text (None: it could not be read, and read() said why)."""
        item_id = self.item_id(path, kind)
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

    def check_body(self, rel: str, body: str, body_line: int) -> None:
        """A Markdown body: its live blocks, and no more work for Python-Markdown than its length
        warrants (some inputs take it minutes, or overflow its stack)."""
        for problem in body_problems(body, body_line):
            self.report.error(rel, problem.line, problem.message, problem.hint)
        found = blocks.find_blocks(body, body_line)
        for problem in found.problems:
            self.report.error(rel, problem.line, problem.message, problem.hint)
        if found.blocks:
            self.collected.blocks[rel] = found.blocks
