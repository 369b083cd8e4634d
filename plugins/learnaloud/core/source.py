"""Reading contributor files: text, front matter and YAML, with the line of every value."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

KeyPath = tuple[str | int, ...]

# The same split as MkDocs' own front matter (mkdocs/utils/meta.py), so a page means the same here.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
FRONT_MATTER_OPEN = re.compile(r"^-{3}[ \t]*\n")
# YAML 1.1 reads these as booleans; the contract has no yes/no fields, so they stay text.
YAML_BOOLEANS = {"true", "false"}


class SourceProblem(Exception):
    """A file that cannot be read as the contract asks, with where and how to fix it."""

    def __init__(self, line: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class LineMap:
    """The line of each value in a file, by its key path (`("themes", 2)`)."""

    lines: Mapping[KeyPath, int]

    def line(self, *path: str | int) -> int:
        """The line of a value, or of its nearest enclosing value the file names."""
        key: KeyPath = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)


@dataclass(frozen=True)
class Parsed:
    value: Any
    lines: LineMap
    problems: tuple[SourceProblem, ...]


@dataclass(frozen=True)
class MarkdownSource:
    meta: Parsed
    body: str
    body_line: int


def read_text(path: Path) -> str:
    """A file's text with a byte-order mark dropped and Windows line endings made plain."""
    return decode_text(path.read_bytes())


def decode_text(raw: bytes) -> str:
    """`read_text` of a file's bytes."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceProblem(
            line,
            "the file is not UTF-8 text",
            "save it as UTF-8 (in most editors: Save As, encoding UTF-8)",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, first_line: int = 1) -> Parsed:
    """YAML text as plain values plus the line of every key and item; duplicate keys reported."""
    try:
        check_events(text, first_line)
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise yaml_problem(exc, text, first_line) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, often pasted from Word
        # Its position counts bytes, not characters: the line is where the character itself is.
        known = isinstance(exc.character, int)
        at = text.find(chr(exc.character)) if known else -1
        raise SourceProblem(
            first_line + text.count("\n", 0, max(at, 0)),
            "the file holds a character YAML does not allow" + (f" (U+{exc.character:04X})" if known else ""),
            "delete it, or type the line again: it often comes with text pasted from a word processor",
        ) from None
    except yaml.YAMLError as exc:  # safety net: an error without a position (the reader's is above)
        raise SourceProblem(first_line, f"this is not valid YAML ({exc})", YAML_HINT) from None
    lines: dict[KeyPath, int] = {(): first_line}
    problems: list[SourceProblem] = []
    value = build_value(node, (), lines, problems, first_line - 1) if node is not None else None
    return Parsed(value, LineMap(lines), tuple(problems))


def check_events(text: str, first_line: int) -> None:
    """Refuse, before anything is built from the file, what no contract file needs and an attacker
    would use: anchors and aliases (a private value copied into a public field, or a few bytes
    that expand to millions of values) and deep nesting (PyYAML's C composer recurses, and
    40,000 nested '[' kill the process with no message at all)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        line = (event.start_mark.line if event.start_mark else 0) + first_line
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise SourceProblem(
                line,
                "YAML anchors and aliases (& and *) are not supported",
                "write the value out in full where it is used",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise SourceProblem(line, "the values are nested too deeply", DEPTH_HINT)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


# The deepest file of the contract (a table's entry's evidence list) is four levels deep.
MAX_DEPTH = 32
DEPTH_HINT = "write the file as plain lists and mappings, a few levels deep at most"
YAML_HINT = "check the indentation and quotes on this line and the one above it"


def yaml_problem(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> SourceProblem:
    mark = exc.problem_mark or exc.context_mark
    index = mark.line if mark else 0
    line = first_line + index
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "quoted scalar" in context and "end of stream" in problem and exc.context_mark is not None:
        return SourceProblem(
            first_line + exc.context_mark.line,
            "a quote opened on this line is never closed",
            "end the value with the same quote mark it starts with",
        )
    source_lines = text.split("\n")
    bad_line = source_lines[index] if index < len(source_lines) else ""
    pasted = next(
        (n for n in (index, index - 1) if 0 <= n < len(source_lines) and "\u00a0" in source_lines[n]), None
    )
    if pasted is not None:  # 'date:\u00a02025-03-12' reads as one word, not a field and its value
        return SourceProblem(
            first_line + pasted,
            "this line holds a non-breaking space, often pasted from a word processor",
            "delete the space after the colon and type an ordinary one",
        )
    if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())]:
        return SourceProblem(line, "a tab is used for indentation", "indent with spaces, not tabs")
    if "mapping values are not allowed" in problem:
        return SourceProblem(
            line,
            "a value contains ': ' where YAML does not allow it",
            "put the whole value in double quotes",
        )
    if "escape" in problem or "hexdecimal" in problem:  # "C:\Users" in double quotes
        return SourceProblem(
            line,
            "a backslash in double quotes starts an escape YAML does not know",
            "put the value in single quotes instead, or write each backslash twice",
        )
    if "maximum nesting depth" in problem:  # PyYAML 6.0.4's own limit, met in the scanner
        return SourceProblem(line, "the values are nested too deeply", DEPTH_HINT)
    if "expected a single document" in f"{problem} {context}":
        return SourceProblem(
            line, "the file holds more than one YAML document", "remove the extra '---' line"
        )
    return SourceProblem(
        line, f"this is not valid YAML: {problem}{f' {context}' if context else ''}", YAML_HINT
    )


_constructor = SafeConstructor()


def build_value(
    node: yaml.Node,
    path: KeyPath,
    lines: dict[KeyPath, int],
    problems: list[SourceProblem],
    offset: int,
) -> Any:
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = build_value(key_node, path, lines, problems, offset)
            line = key_node.start_mark.line + 1 + offset
            if not isinstance(key, str | int | float) or isinstance(key, bool):
                key = str(key)
            if key in mapping:
                problems.append(
                    SourceProblem(
                        line,
                        f"'{key}' appears twice here",
                        f"keep one '{key}' (the first is on line {lines[(*path, key)]})",
                    )
                )
                continue
            lines[(*path, key)] = line
            mapping[key] = build_value(value_node, (*path, key), lines, problems, offset)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1 + offset
            items.append(build_value(item, (*path, index), lines, problems, offset))
        return items
    if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in YAML_BOOLEANS:
        return node.value
    # Each scalar's own constructor, not construct_object(): that one keeps every node it has seen.
    construct = _constructor.yaml_constructors.get(node.tag, SafeConstructor.construct_undefined)
    try:
        return construct(_constructor, node)
    except (ValueError, OverflowError, yaml.constructor.ConstructorError):
        # An impossible date such as 2025-13-01 or an unknown tag: keep the text, the model says why.
        return node.value


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter text or None, body, first line of the body) — as MkDocs splits a page."""
    match = FRONT_MATTER.match(text)
    if match is None:
        if FRONT_MATTER_OPEN.match(text):
            raise SourceProblem(
                1,
                "the front matter starts with '---' but never ends",
                "add a line with just '---' after the last field",
            )
        return None, text, 1
    body = text[match.end() :]
    return match.group(1), body, text[: match.end()].count("\n") + 1


def parse_markdown(text: str) -> MarkdownSource:
    """A Markdown file's front matter (parsed, with lines) and body."""
    front, body, body_line = split_front_matter(text)
    if front is None:
        return MarkdownSource(Parsed({}, LineMap({}), ()), body, body_line)
    meta = parse_yaml(front, first_line=2)
    # A field that is missing is reported at the opening '---'.
    lines = LineMap({**meta.lines.lines, (): 1})
    return MarkdownSource(Parsed(meta.value, lines, meta.problems), body, body_line)


def page_body(text: str) -> str:
    """A generated page's Markdown as MkDocs must read it: all body. MkDocs takes a leading '---'
    block as front matter (and a theme places its values unescaped) and, failing that, leading
    'Key: value' lines as metadata; a blank first line stops both."""
    return "\n" + text


def page_source(text: str) -> str:
    """A hand-written page as MkDocs must read it: its body alone. Its front matter was read and
    checked by the loader, which gives the page its metadata; MkDocs' own YAML reading would keep
    the whole front matter, `private:` block and all, as body text wherever it fails (an impossible
    date), and would read a first line such as 'Update: the group met' as metadata."""
    return page_body(split_front_matter(text)[1])
