"""A shared measure's figure for a whole year, as a report leads with it: the year's total where the
measure's months add up (`rollup: sum`), the year's average where they average (`rollup: mean`),
and, for a figure whose months do not add up (`rollup: none`, a head count: the same people come
in January and in February), the latest month's figure, named as such, with the range over the year
and the same month a year before. Never a December figure passed off as the year's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .measures import MeasurePlanner, Serie
from .model import Measure
from .periods import Period, Point, number
from .views import Figure, Link, measure_url

NOUNS = {1: ("month", "monthly"), 3: ("quarter", "quarterly"), 12: ("year", "yearly")}


def year_period(year: int) -> str:
    """A year as a period's text: always four digits (999 → "0999")."""
    return f"{year:04d}"


@dataclass(frozen=True)
class YearFigure:
    """A measure's figure for a year: what it is, for when, how it was made, and what it compares
    with. `value` is empty where the measure has no figure that year."""

    measure: Link
    unit: str
    value: str  # "834", "52"
    when: str  # "in 2025", "in December 2025", "in 2025 so far"
    how: str  # "the 12 monthly figures added up"
    spread: str  # "between 52 and 116 a month"
    change: str  # "down from 872 in 2024", "up from 55 in December 2024"
    coverage: str  # "from 4 of 5 places" where a place reports nothing
    provisional: str  # a later period only some places have reported
    figure: Figure | None


@dataclass(frozen=True)
class Year:
    """A measure's points within one year, at one granularity, and the ones every place is in."""

    points: list[Point]
    whole: list[Point]
    months: int  # the granularity: 1, 3 or 12

    @property
    def parts(self) -> int:
        return 12 // self.months

    def combined(self, rollup: str) -> float | None:
        """The year's total (sum) or average (mean) of the whole periods, None where there is none."""
        values = [p.value for p in self.whole if p.value is not None]
        if not values:
            return None
        if self.months == 12:
            return values[0]
        return sum(values) if rollup == "sum" else sum(values) / len(values)

    @property
    def complete(self) -> bool:
        return len(self.whole) == self.parts


def change_words(now: float, before: float, when: str) -> str:
    if number(now) == number(before):
        return f"the same as in {when}"
    return f"{'up' if now > before else 'down'} from {number(before)} in {when}"


def extremes(whole: Sequence[Point]) -> str:
    """The year's highest and lowest period where neither the first nor the last figure is it:
    what a sentence comparing only the first and the last would hide."""
    valued = [p for p in whole if p.value is not None]
    if len(valued) < 3:
        return ""
    parts = []
    high = max(valued, key=lambda p: p.value or 0.0)
    low = min(valued, key=lambda p: p.value or 0.0)
    if high not in (valued[0], valued[-1]):
        parts.append(f"highest in {high.period.label} ({number(high.value)})")
    if low not in (valued[0], valued[-1]):
        parts.append(f"lowest in {low.period.label} ({number(low.value)})")
    return f"It was {' and '.join(parts)}." if parts else ""


class YearFigures:
    def __init__(self, measures: MeasurePlanner) -> None:
        self.measures = measures
        self.published = measures.published

    def year(
        self, measure: Measure, year: int, places: list[str] | None
    ) -> tuple[list[Period], list[Serie], Year]:
        """The measure's periods, places' series and points within the year (none before year 1)."""
        if year < 1:
            return [], [], Year([], [], 1)
        periods, series = self.measures.series(measure, places, year_period(year), year_period(year))
        points = self.measures.points(measure, periods, series)
        whole = [p for p in points if p.value is not None and p.places == p.of]
        return periods, series, Year(points, whole, periods[0].months if periods else 1)

    def figures(self, year: int, place_id: str | None = None) -> list[YearFigure]:
        """Each measure's figure for the year, the network's or one place's; a measure with no
        published figure that year is left out."""
        found = []
        for measure in self.measures.ordered():
            figure = self.figure(measure, year, place_id)
            if figure is not None:
                found.append(figure)
        return found

    def figure(self, measure: Measure, year: int, place_id: str | None) -> YearFigure | None:
        places = None if place_id is None else [place_id]
        periods, series, now = self.year(measure, year, places)
        if not series:
            return None
        reporting = [s.place for s in series]
        if place_id is None:
            figure = self.measures.network_figure(measure, periods, now.points)
        else:
            figure = self.measures.place_figure(measure, place_id, periods, series[0], "wide")
        peaks = extremes(now.whole)
        if peaks:
            figure = replace(figure, summary=f"{figure.summary} {peaks}")
        # The year before counts only where every place reporting now reported then.
        before = self.year(measure, year - 1, reporting)[2]
        earlier = replace(before, whole=[p for p in before.whole if p.places == len(reporting)])
        noun, adjective = NOUNS[now.months]
        valued = [p for p in now.points if p.value is not None]
        latest = now.whole[-1] if now.whole else valued[-1]
        values = [p.value for p in now.whole if p.value is not None]
        spread = ""
        if len(values) > 1 and min(values) != max(values):
            first, last = now.whole[0].period, now.whole[-1].period
            within = (
                f"in {year}"
                if now.complete
                else f"from {first.label.removesuffix(f' {first.year}')} to {last.label}"
            )
            spread = f"between {number(min(values))} and {number(max(values))} a {noun} {within}"
        change = ""
        if measure.rollup == "none" or now.months == 12 or not now.whole:
            # One period's figure, named as such: the latest every reporting place is in.
            value = latest.value
            when = f"in {latest.period.label}"
            how = (
                f"one {noun}'s figure, not the year's: this measure's {noun}s are not added up or averaged"
                if measure.rollup == "none" and now.months < 12
                else ""
            )
            same = Period(latest.period.year - 1, latest.period.first_month, latest.period.months)
            then = next((p for p in earlier.whole if p.period == same), None)
            if then is not None and then.value is not None and value is not None:
                change = change_words(value, then.value, same.label)
        else:
            value = now.combined(measure.rollup)
            doing = "added up" if measure.rollup == "sum" else "averaged"
            if now.complete:
                when = f"in {year}"
                how = f"the {now.parts} {adjective} figures {doing}"
                if earlier.complete:
                    then_value = earlier.combined(measure.rollup)
                    if then_value is not None and value is not None:
                        change = change_words(value, then_value, str(year - 1))
            else:
                when = f"in {year} so far"
                how = f"{len(now.whole)} of {now.parts} {noun}s {doing}: the rest are not all reported yet"
        coverage = ""
        if place_id is None:
            total = len(self.published.places)
            if latest.places < total:
                coverage = f"from {latest.places} of {total} places"
        provisional = ""
        if valued and valued[-1].period > latest.period:
            later = valued[-1]
            provisional = f"{later.period.label} so far: {number(later.value)}, from {later.places} of {later.of} places"
        return YearFigure(
            Link(measure.title, measure_url(measure.id)),
            measure.unit,
            number(value) if value is not None else "",
            when,
            how,
            spread,
            change,
            coverage,
            provisional,
            figure,
        )
