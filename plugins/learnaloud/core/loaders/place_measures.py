"""A place's measures.yml: its values for the network's measures, by measure id and period."""

from __future__ import annotations

import math
from pathlib import Path

from ..messages import period_hint, value_hint
from ..model import LARGEST_VALUE, PERIOD, PlaceMeasures, Source
from ..periods import FIRST_YEAR, LAST_YEAR, Period, overlaps
from .reader import Reader


def load_place_measures(reader: Reader, path: Path, place_id: str) -> PlaceMeasures | None:
    rel = reader.rel(path)
    parsed = reader.read_yaml(path, "measures", "'participants:' and under it '2025-01: 34'")
    if parsed is None:
        return None
    if not isinstance(parsed.value, dict):
        reader.report.error(
            rel,
            1,
            "this file should list values by measure id",
            "write 'participants:' and under it lines like '  2025-01: 34'",
        )
        return None
    values: dict[str, dict[str, float]] = {}
    for measure_id, series in parsed.value.items():
        line = parsed.lines.line(measure_id)
        if PERIOD.match(str(measure_id)):
            reader.report.error(
                rel,
                line,
                f"'{measure_id}' looks like a period, where a measure id should be",
                f"indent it under its measure: '  {measure_id}: …' on a line below 'participants:' or the like",
            )
            continue
        if not isinstance(series, dict):
            reader.report.error(
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
                reader.report.error(rel, period_line, f"'{period}' is not a period", period_hint(period))
            elif not FIRST_YEAR <= int(str(period)[:4]) <= LAST_YEAR:
                reader.report.error(
                    rel,
                    period_line,
                    f"{period} is outside the years Learn Aloud charts",
                    f"give periods from {FIRST_YEAR} to {LAST_YEAR}",
                )
            elif str(period) in values[str(measure_id)]:
                reader.report.error(
                    rel,
                    period_line,
                    f"{period} is given twice for {measure_id}",
                    "keep one line for each period",
                )
            elif isinstance(value, bool) or not isinstance(value, int | float):
                reader.report.error(
                    rel, period_line, f"the value for {period} is not a number", value_hint(value)
                )
            elif isinstance(value, float) and not math.isfinite(value):
                hint = value_hint(None) if math.isnan(value) else "write the figure itself, e.g. 34"
                reader.report.error(rel, period_line, f"the value for {period} is not a number", hint)
            elif abs(value) > LARGEST_VALUE:
                reader.report.error(
                    rel,
                    period_line,
                    f"the value for {period} is too large to chart",
                    f"write a figure no larger than {LARGEST_VALUE:,}",
                )
            else:
                values[str(measure_id)][str(period)] = float(value)
        keys = {str(k): k for k in series}
        for whole, parts in overlaps(Period.parse(p) for p in values[str(measure_id)]).items():
            named = f"so is {parts[0]}" if len(parts) == 1 else f"so are {parts[0]} to {parts[-1]}"
            reader.report.error(
                rel,
                parsed.lines.line(measure_id, keys[str(whole)]),
                f"{whole} is given, and {named}: the same time would count twice",
                f"keep either {whole} or its parts, not both",
            )
    return PlaceMeasures(place_id, Source(rel, parsed.lines), values)
