"""The error catalogue (Contribute → Error messages) is what the checker says, and it says everything.

Every place in the core that reports a problem, and every way `messages.explain` words a validation
error, is reached by some mistake in contribute/mistakes.yml: a new message without an example
fails here, as does a changed message whose catalogue was not made again."""

from __future__ import annotations

import ast
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import learnaloud.core as core
from learnaloud.core import errors, messages, source
from learnaloud.core.contribute import CATALOGUE, error_examples
from learnaloud.core.mistakes import catalogue_text, run_mistakes

CORE = Path(core.__file__).parent
REMAKE = "run `python -m learnaloud.core.mistakes` to make contribute/errors.json again"


def reporting_sites() -> set[tuple[str, int]]:
    """(file, line) of every `….report.error(`, `….report.warning(` and `SourceProblem(` call, but
    those marked `# safety net` (on the line or the one above: no content reaches them)."""
    sites = set()
    for path in CORE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            reporting = (
                isinstance(func, ast.Attribute)
                and func.attr in ("error", "warning")
                and ast.unparse(func.value).split(".")[-1] == "report"
            )
            netted = any("# safety net" in line for line in lines[max(node.lineno - 2, 0) : node.lineno])
            if (reporting or (isinstance(func, ast.Name) and func.id == "SourceProblem")) and not netted:
                sites.add((path.relative_to(CORE).as_posix(), node.lineno))
    return sites


def explain_returns() -> set[int]:
    """Each wording in explain(), but its last: pydantic's own words, for an error it may add."""
    tree = ast.parse(Path(messages.__file__).read_text(encoding="utf-8"))
    explain = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "explain")
    returns = sorted(node.lineno for node in ast.walk(explain) if isinstance(node, ast.Return))
    return set(returns[:-1])


@pytest.fixture(scope="module")
def reached() -> Iterator[tuple[list[Any], set[tuple[str, int]], set[int]]]:
    """Runs every mistake, noting each reporting call and each line of explain() that ran."""
    sites: set[tuple[str, int]] = set()
    lines: set[int] = set()

    def note(frame: FrameType) -> None:
        path = Path(frame.f_code.co_filename)
        if path.is_relative_to(CORE):
            sites.add((path.relative_to(CORE).as_posix(), frame.f_lineno))

    original_error, original_warning = errors.Report.error, errors.Report.warning
    original_init = source.SourceProblem.__init__

    def error(self: errors.Report, *args: Any) -> None:
        note(sys._getframe(1))
        original_error(self, *args)

    def warning(self: errors.Report, *args: Any) -> None:
        note(sys._getframe(1))
        original_warning(self, *args)

    def init(self: source.SourceProblem, *args: Any) -> None:
        note(sys._getframe(1))
        original_init(self, *args)

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code is messages.explain.__code__:
            return lambda f, e, a: lines.add(f.f_lineno) if e == "line" else None
        return None

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(errors.Report, "error", error)
        patch.setattr(errors.Report, "warning", warning)
        patch.setattr(source.SourceProblem, "__init__", init)
        sys.settrace(trace)
        try:
            examples = run_mistakes()
        finally:
            sys.settrace(None)
    yield examples, sites, lines


def test_the_committed_catalogue_is_what_the_check_says(reached: Any) -> None:
    examples, _, _ = reached
    assert CATALOGUE.read_text(encoding="utf-8") == catalogue_text(examples), REMAKE
    assert list(error_examples()) == examples


def test_every_reporting_call_in_the_core_has_an_example(reached: Any) -> None:
    _, sites, _ = reached
    missing = sorted(reporting_sites() - sites)
    assert not missing, f"add a mistake to contribute/mistakes.yml reaching each of: {missing}"


def test_every_wording_of_a_validation_error_has_an_example(reached: Any) -> None:
    _, _, lines = reached
    missing = sorted(explain_returns() - lines)
    assert not missing, f"messages.py explain(): no mistake reaches the return on lines {missing}"


def test_each_example_shows_its_file_and_every_message_names_its_line() -> None:
    examples = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert len({example["title"] for example in examples}) == len(examples), "titles repeat"
    for example in examples:
        assert example["said"], example["title"]
        for said in example["said"]:
            assert " — " in said, said  # what is wrong — how to fix it
