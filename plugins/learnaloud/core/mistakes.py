"""The error catalogue: every mistake in `contribute/mistakes.yml`, checked by the same code as a
build, and what the check said of it. The Contribute section's error page shows the result, so a
message on that page is the message a contributor gets.

`python -m learnaloud.core.mistakes` rewrites `contribute/errors.json`; a test fails when the
messages change and it has not been run."""

from __future__ import annotations

import base64
import json
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

from .check import check_site
from .contribute import CATALOGUE, GUIDES_FOLDER, ErrorExample
from .errors import Severity

MISTAKES = GUIDES_FOLDER / "mistakes.yml"


def write_files(root: Path, files: Mapping[str, str | None]) -> None:
    """Each file's text; a file given as null is left out (a base file the mistake removes)."""
    for rel, text in files.items():
        if text is not None:
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def write_extras(root: Path, mistake: Mapping[str, Any]) -> None:
    """What text cannot say: `repeat` (a file's text written that many times over), `binary`
    (bytes given in base64, e.g. not UTF-8) and `symlinks` (path → the link's target). Each replaces
    the mistake's text of that file, which stays what the error page shows."""
    for rel, times in mistake.get("repeat", {}).items():
        (root / rel).write_text(mistake["files"][rel] * times, encoding="utf-8")
    for rel, data in mistake.get("binary", {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(base64.b64decode(data))
    for rel, target in mistake.get("symlinks", {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).unlink(missing_ok=True)
        (root / rel).symlink_to(target)


def run_mistake(base: Mapping[str, str], mistake: Mapping[str, Any]) -> ErrorExample:
    """One mistake, written over the base network and checked as a public build checks it. The
    file shown is the first the mistake gives as text."""
    files: dict[str, str | None] = dict(mistake.get("files", {}))
    shown = next((rel for rel, text in files.items() if text is not None), "")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_files(root, {**base, **files})
        write_extras(root, mistake)
        report = check_site(root, mistake.get("visibility", "public")).report
    diagnostics = [*report.errors, *report.warnings]
    if not diagnostics:
        raise ValueError(f"mistakes.yml: '{mistake['title']}' gets no message from the check")
    return ErrorExample(
        mistake["title"],
        shown,
        files.get(shown) or "",
        [d.format() for d in diagnostics],
        warning=all(d.severity is Severity.WARNING for d in diagnostics),
    )


def run_mistakes(source: Path = MISTAKES) -> list[ErrorExample]:
    catalogue = yaml.safe_load(source.read_text(encoding="utf-8"))
    base: dict[str, str] = catalogue["base"]
    with tempfile.TemporaryDirectory() as folder:  # the base alone must be clean
        write_files(Path(folder), base)
        clean = check_site(Path(folder), "public").report
    if clean.diagnostics:
        raise ValueError(f"mistakes.yml: the base network is not clean: {clean.diagnostics}")
    return [run_mistake(base, mistake) for mistake in catalogue["mistakes"]]


def catalogue_text(examples: list[ErrorExample]) -> str:
    return json.dumps([asdict(example) for example in examples], indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    CATALOGUE.write_text(catalogue_text(run_mistakes()), encoding="utf-8")
    sys.stderr.write(f"wrote {CATALOGUE}\n")
