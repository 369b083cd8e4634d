"""Diagnostics for people: every problem names a file, a line, what is wrong and how to fix it."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def visible(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in the content, as a contributor needs to read it."""

    path: str
    line: int
    message: str
    hint: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """One line, whatever the content held: a newline in a quoted id must not start a line
        of its own (GitHub reads a line starting '::error' as an annotation)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return CONTROL.sub(visible, f"{where}: {self.message} — {self.hint}")


@dataclass
class Report:
    """Collects every diagnostic of a build; it never logs, the caller decides how to show them."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str, line: int, message: str, hint: str) -> None:
        self.diagnostics.append(Diagnostic(path, line, message, hint, Severity.ERROR))

    def warning(self, path: str, line: int, message: str, hint: str) -> None:
        self.diagnostics.append(Diagnostic(path, line, message, hint, Severity.WARNING))

    @property
    def errors(self) -> list[Diagnostic]:
        return sorted({d for d in self.diagnostics if d.severity is Severity.ERROR})

    @property
    def warnings(self) -> list[Diagnostic]:
        return sorted({d for d in self.diagnostics if d.severity is Severity.WARNING})

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def a(noun: str) -> str:
    """The noun with its indefinite article: 'a record', 'an activity guide'."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known id nearest to a mistyped one, if any is near enough to be a likely typo."""
    matches = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return matches[0] if matches else None


def invisible_hint(word: str) -> str | None:
    """Where a word holds a character no one can see (pasted in with it), how to say so."""
    hidden = next((c for c in word if unicodedata.category(c) in ("Cf", "Cc", "Zs") and c != " "), None)
    if hidden is None:
        return None
    clean = "".join(c for c in word if c != hidden)
    return f"it holds an invisible character (U+{ord(hidden):04X}), often pasted in: type '{clean}' again"


def did_you_mean(word: str, choices: Iterable[str], noun: str) -> str:
    """A hint for an unknown id: an invisible character in it, else the nearest known one, else
    the list of known ones."""
    hidden = invisible_hint(word)
    if hidden is not None:
        return hidden
    options = sorted(set(choices))
    near = closest(word, options)
    if near is not None:
        return f"did you mean '{near}'?"
    if not options:
        return f"no {noun} is defined yet"
    shown = ", ".join(options[:12]) + (", …" if len(options) > 12 else "")
    return f"use one of: {shown}"


def format_report(diagnostics: Iterable[Diagnostic]) -> str:
    return "\n".join(d.format() for d in diagnostics)
