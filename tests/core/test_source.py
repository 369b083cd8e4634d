"""Reading contributor files: lines, duplicates, YAML's traps, encodings and line endings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from learnaloud.core.errors import Diagnostic
from learnaloud.core.source import SourceProblem, parse_markdown, parse_yaml, read_text


def test_every_value_knows_its_line() -> None:
    parsed = parse_yaml("name: North Quay\nthemes:\n  - a\n  - b\nnested:\n  key: 1\n")
    assert parsed.lines.line("name") == 1
    assert parsed.lines.line("themes", 1) == 4
    assert parsed.lines.line("nested", "key") == 6
    assert parsed.lines.line("nested", "missing") == 5  # the nearest enclosing value


def test_front_matter_lines_count_from_the_top_of_the_file() -> None:
    source = parse_markdown("---\ntitle: A\ndate: 2025-03-12\n---\n\nBody\n")
    assert source.meta.lines.line("date") == 3
    assert source.meta.value["date"] == dt.date(2025, 3, 12)
    assert source.body_line == 5
    assert source.body.strip() == "Body"


def test_duplicate_keys_are_reported_not_silently_kept() -> None:
    parsed = parse_yaml("title: A\ndate: 2025-01-01\ntitle: B\n")
    assert parsed.value["title"] == "A"
    [problem] = parsed.problems
    assert problem.line == 3
    assert "twice" in problem.message
    assert "line 1" in problem.hint


@pytest.mark.parametrize("word", ["yes", "No", "on", "OFF", "y"])
def test_yaml_11_booleans_stay_text(word: str) -> None:
    assert parse_yaml(f"name: {word}\n").value["name"] == word


def test_true_false_are_still_booleans() -> None:
    assert parse_yaml("a: true\n").value["a"] is True


def test_tabs_are_a_clear_message() -> None:
    with pytest.raises(SourceProblem) as caught:
        parse_yaml("themes:\n\t- a\n")
    assert caught.value.line == 2
    assert "tab" in caught.value.message
    assert "spaces" in caught.value.hint


def test_unquoted_colon_is_a_clear_message() -> None:
    with pytest.raises(SourceProblem) as caught:
        parse_yaml("title: Why: a question\n")
    assert caught.value.line == 1
    assert "quotes" in caught.value.hint


def test_front_matter_that_never_closes() -> None:
    with pytest.raises(SourceProblem) as caught:
        parse_markdown("---\ntitle: A\n\nBody\n")
    assert caught.value.line == 1
    assert "never ends" in caught.value.message


def test_bom_and_crlf_are_read_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "record.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: A\r\ndate: 2025-03-12\r\n---\r\nBody\r\n")
    source = parse_markdown(read_text(path))
    assert source.meta.value == {"title": "A", "date": dt.date(2025, 3, 12)}
    assert source.meta.lines.line("date") == 3
    assert source.body == "Body\n"


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "record.md"
    path.write_bytes("title: café\n".encode("latin-1"))
    with pytest.raises(SourceProblem) as caught:
        read_text(path)
    assert "UTF-8" in caught.value.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: &x [1, 2]\nb: *x\n", 1),
        ("loop: &y [*y]\n", 1),
        # A scalar alias can copy a private value into a public field.
        ("private:\n  notes: &n secret words\nsummary: *n\n", 2),
        ("summary: *n\n", 1),  # an alias with no anchor is refused too, not a parser message
        ("a: !!str &x text\n", 1),
    ],
)
def test_anchors_and_aliases_are_refused_on_every_node(text: str, line: int) -> None:
    with pytest.raises(SourceProblem) as caught:
        parse_yaml(text)
    assert "aliases" in caught.value.message
    assert caught.value.line == line


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    with pytest.raises(SourceProblem) as caught:
        parse_yaml(laughs)
    assert caught.value.line == 1


def test_deep_nesting_is_a_clear_message() -> None:
    with pytest.raises(SourceProblem) as caught:
        parse_yaml("a: " + "[" * 3000 + "]" * 3000 + "\n")
    assert "nested too deeply" in caught.value.message


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "])
def test_nesting_that_would_crash_the_c_parser_is_refused_first(opening: str) -> None:
    # 40,000 nested '[' made PyYAML's C composer recurse until the process died (no message).
    deep = "a: " + opening * 40_000 if opening != "- " else "".join("  " * i + "- \n" for i in range(200))
    with pytest.raises(SourceProblem) as caught:
        parse_yaml(deep)
    assert "nested too deeply" in caught.value.message


def test_a_diagnostic_is_one_line_whatever_the_content_held() -> None:
    """A newline in a quoted id must not start a line of its own: GitHub reads '::error' lines."""
    diagnostic = Diagnostic("a.md", 3, "there is no theme 'x\n::error file=mkdocs.yml::forged'", "fix it")
    assert (
        diagnostic.format() == "a.md:3: there is no theme 'x\\u000a::error file=mkdocs.yml::forged' — fix it"
    )
