"""Periods of shared measurement (`YYYY`, `YYYY-Qn`, `YYYY-MM`) and series over them.

A chart shows one granularity. Where places report a measure at different granularities and the
measure's `rollup` allows it, finer values are rolled up to the coarsest one in view: a quarter
from its three months, a year from its four quarters or twelve months — summed or averaged, and
only when every finer period is there. A period with a value missing is a gap, never a zero.
"""

from __future__ import annotations

import calendar
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .model import FIRST_YEAR as FIRST_YEAR  # years a period (and a date) may name
from .model import LAST_YEAR as LAST_YEAR
from .model import PERIOD, Aggregate


@dataclass(frozen=True, order=True)
class Period:
    """A year, quarter or month: ordered by when it starts, then by length."""

    year: int
    first_month: int  # 1 to 12
    months: int  # 12, 3 or 1

    @classmethod
    def parse(cls, text: str) -> Period:
        if not PERIOD.match(text):
            raise ValueError(f"{text!r} is not a period")
        if len(text) == 4:
            return cls(int(text), 1, 12)
        if text[5] == "Q":
            return cls(int(text[:4]), 3 * int(text[6]) - 2, 3)
        return cls(int(text[:4]), int(text[5:]), 1)

    def __str__(self) -> str:
        if self.months == 12:
            return f"{self.year:04d}"
        if self.months == 3:
            return f"{self.year:04d}-Q{(self.first_month + 2) // 3}"
        return f"{self.year:04d}-{self.first_month:02d}"

    @property
    def label(self) -> str:
        """As a reader says it: "2025", "Q1 2025", "January 2025"."""
        if self.months == 12:
            return str(self.year)
        if self.months == 3:
            return f"Q{(self.first_month + 2) // 3} {self.year}"
        return f"{calendar.month_name[self.first_month]} {self.year}"

    @property
    def axis(self) -> str:
        """As a chart's axis names it: "2025", "Q1 2025", "Jan 2025"."""
        if self.months == 12:
            return str(self.year)
        if self.months == 3:
            return self.label
        return f"{calendar.month_abbr[self.first_month]} {self.year}"

    @property
    def start(self) -> int:
        """The first month, counted from year 0: for comparing periods of any length."""
        return self.year * 12 + self.first_month - 1

    @property
    def end(self) -> int:
        """The last month, counted from year 0."""
        return self.start + self.months - 1

    def within(self, months: int) -> Period:
        """The period of `months` length that holds this one."""
        return Period(self.year, (self.first_month - 1) // months * months + 1, months)

    def next(self) -> Period:
        month = self.first_month + self.months
        return Period(self.year + (month - 1) // 12, (month - 1) % 12 + 1, self.months)


def between(first: Period, last: Period) -> list[Period]:
    """Every period from `first` to `last`, both included, at `first`'s granularity."""
    periods = [first]
    while periods[-1] < last:
        periods.append(periods[-1].next())
    return periods


def in_order(first: object, last: object) -> bool:
    """Whether a range from `first` to `last` (both periods, each taken whole) holds any time."""
    return Period.parse(str(first)).start <= Period.parse(str(last)).end


def combine(values: Sequence[float], aggregate: Aggregate) -> float:
    return sum(values) if aggregate == "sum" else sum(values) / len(values)


def roll_up(values: Mapping[Period, float], months: int, aggregate: Aggregate) -> dict[Period, float]:
    """Values at the granularity of `months`: finer periods combined, months into quarters and
    quarters into years, where all of them are present."""
    rolled = {p: v for p, v in values.items() if p.months == months}
    if months > 1:
        step = 1 if months == 3 else 3
        parts: dict[Period, list[float]] = {}
        finer = roll_up({p: v for p, v in values.items() if p.months < months}, step, aggregate)
        for period, value in sorted(finer.items()):
            parts.setdefault(period.within(months), []).append(value)
        for whole, found in parts.items():
            if whole not in rolled and len(found) == months // step:
                rolled[whole] = combine(found, aggregate)
    return dict(sorted(rolled.items()))


def overlaps(periods: Iterable[Period]) -> dict[Period, list[Period]]:
    """Periods that hold others also given (2025 and 2025-03): the same time counted twice."""
    given = set(periods)
    found: dict[Period, list[Period]] = {}
    for period in sorted(given):
        for months in (3, 12):
            whole = period.within(months)
            if months > period.months and whole in given:
                found.setdefault(whole, []).append(period)
    return dict(sorted(found.items()))


def coarsest(series: Iterable[Iterable[Period]]) -> int:
    """The longest period length any series uses (a month where there is none)."""
    return max((p.months for periods in series for p in periods), default=1)


def commonest(series: Iterable[Iterable[Period]]) -> int:
    """The period length most values use (the shorter where two tie; a month where there is none)."""
    counts = Counter(p.months for periods in series for p in periods)
    return max(counts, key=lambda months: (counts[months], -months), default=1)


@dataclass(frozen=True)
class Point:
    """The network's figure for one period, and how many of the reporting places it covers."""

    period: Period
    value: float | None
    places: int
    of: int


def network_points(
    series: Mapping[str, Mapping[Period, float]], periods: Sequence[Period], aggregate: Aggregate
) -> list[Point]:
    """The network figure per period, combined over the places that reported that period."""
    points = []
    for period in periods:
        found = [values[period] for values in series.values() if period in values]
        value = combine(found, aggregate) if found else None
        points.append(Point(period, value, len(found), len(series)))
    return points


def number(value: float | None) -> str:
    """A figure as a reader reads it: whole numbers without a point, others to one decimal, and
    one below 1 to two significant figures (a rate of 0.04 is not "0")."""
    if value is None:
        return "no figure"
    if value and abs(value) < 1:
        decimals = 1 - math.floor(math.log10(abs(value)))
        return f"{round(value, decimals):.{decimals}f}".rstrip("0").rstrip(".")
    rounded = round(value, 1)
    return f"{rounded:,.0f}" if rounded == int(rounded) else f"{rounded:,.1f}"


def span_words(first: Period, last: Period) -> str:
    """ "between January and December 2025", "between Q3 2024 and Q2 2025", "between 2023 and 2025"."""
    if first.year == last.year and first.months < 12:
        return f"between {first.label.rsplit(' ', 1)[0]} and {last.label}"
    return f"between {first.label} and {last.label}"


def known(values: Sequence[tuple[Period, float | None]]) -> list[tuple[Period, float]]:
    return [(p, v) for p, v in values if v is not None]


def trend(values: Sequence[tuple[Period, float | None]], *, span: bool = True) -> str:
    """What a series did, in words: "rose from 40 to 61 between January and December 2025"
    (without its span where the sentence gives it once for several series)."""
    found = known(values)
    if not found:
        return "has no figures yet"
    (first, start), (last, end) = found[0], found[-1]
    if len(found) == 1:
        return f"was {number(end)} in {last.label}"
    if number(start) == number(end):
        return f"was {number(end)} in both {first.label} and {last.label}"
    change = "rose" if end > start else "fell"
    return f"{change} from {number(start)} to {number(end)}" + (f" {span_words(first, last)}" if span else "")


def trends(named: Sequence[tuple[str, Sequence[tuple[Period, float | None]]]]) -> str:
    """Several series in one sentence, their shared span said once."""
    spans = {(found[0][0], found[-1][0]) for _, values in named if len(found := known(values)) > 1}
    if len(spans) == 1 and all(len(known(values)) > 1 for _, values in named):
        first, last = next(iter(spans))
        parts = "; ".join(f"{name} {trend(values, span=False)}" for name, values in named)
        words = span_words(first, last)
        return f"{words[0].upper()}{words[1:]}, {parts}"
    return "; ".join(f"{name} {trend(values)}" for name, values in named)
