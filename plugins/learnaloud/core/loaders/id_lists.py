"""The id lists, themes.yml and measures.yml: a file that is a list of items, each with an id."""

from __future__ import annotations

from pathlib import Path

from ..bounds import body_problems
from .reader import ModelT, Reader


def load_id_list(
    reader: Reader, path: Path, model: type[ModelT], kind: str, example: str
) -> dict[str, ModelT]:
    items: dict[str, ModelT] = {}
    if not path.exists():
        return items
    parsed = reader.read_yaml(path, kind, example)
    if parsed is None or not isinstance(parsed.value, list):
        reader.collected.unreadable.add(kind)
    if parsed is None:
        return items
    rel = reader.rel(path)
    if not isinstance(parsed.value, list):
        reader.report.error(rel, 1, f"the {kind} file should be a list", f"start each {kind} with '- id: …'")
        return items
    for index, data in enumerate(parsed.value):
        item = reader.validate(model, data, rel, parsed.lines, kind, prefix=(index,))
        if item is None:
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                reader.collected.invalid.add((kind, data["id"]))
            continue
        item_id: str = getattr(item, "id")  # noqa: B009 - every list item model has an id
        if reader.reserved(rel, parsed.lines.line(index, "id"), item_id, kind):
            continue
        if item_id in items:
            reader.report.error(
                rel,
                parsed.lines.line(index, "id"),
                f"the {kind} id '{item_id}' is used twice",
                f"give each {kind} its own id",
            )
            continue
        description = getattr(item, "description", "")
        if description:  # Markdown, rendered on its page: bounded like any body
            line = parsed.lines.line(index, "description")
            for problem in body_problems(description, line):
                reader.report.error(rel, problem.line, problem.message, problem.hint)
        items[item_id] = item
    return items
