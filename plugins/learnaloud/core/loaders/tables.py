"""The learning tables: one YAML file each in tables/, its name the table's id."""

from __future__ import annotations

from pathlib import Path

from ..files import YAML_SUFFIXES
from ..model import Content, LearningTable, Source
from .reader import Reader


def load_tables(reader: Reader, folder: Path, content: Content) -> None:
    for path in reader.files(folder, YAML_SUFFIXES):
        item_id = reader.item_id(path, "table")
        parsed = reader.read_yaml(path, "table", "'title:', 'date:' and 'scope:'")
        if parsed is None or item_id is None:
            continue
        rel = reader.rel(path)
        if item_id in content.tables:
            reader.report.error(
                rel,
                0,
                f"there are two tables with the id '{item_id}'",
                "rename or remove one of them",
            )
            continue
        table = reader.validate(
            LearningTable,
            parsed.value,
            rel,
            parsed.lines,
            "table",
            {"id": item_id, "source": Source(rel, parsed.lines)},
        )
        if table is not None:
            content.tables[item_id] = table
        else:
            content.invalid.add(("table", item_id))
