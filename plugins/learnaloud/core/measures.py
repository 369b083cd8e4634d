"""Shared measures: the measures index, a page per measure, each place's figures, the home page's
headline figures and `learning-chart` blocks — every chart with its trend in words and its numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from .charts import ChartKind, Charts, ChartSize, ChartSpec, Series, labelled
from .errors import Report
from .links import LinkGate
from .model import Content, Measure
from .page import PlannedPage
from .periods import (
    Period,
    Point,
    between,
    coarsest,
    commonest,
    network_points,
    number,
    roll_up,
    trend,
    trends,
)
from .select import Published
from .sharing import description
from .views import (
    Figure,
    FigureTable,
    Headline,
    Link,
    MeasuresView,
    MeasureView,
    measure_url,
    place_url,
    plain_text,
)

# What search finds the measures page by (the page itself is drawn from its view).
MEASURES_SEARCH_TEXT = (
    "Shared measures: the figures every place counts, and the network's totals, as charts and numbers."
)
MAX_BARS = 12  # places a bar chart draws side by side; more are drawn as lines
AGGREGATE_WORDS = {"sum": "the places' figures added together", "mean": "the average of the places' figures"}


@dataclass(frozen=True)
class Serie:
    """One place's values at the chart's granularity."""

    place: str
    values: dict[Period, float]


class MeasurePlanner:
    def __init__(self, published: Published, place_order: Sequence[str], charts: Charts, links: LinkGate):
        self.published = published
        self.measures = published.measures
        self.place_order = list(place_order)
        self.charts = charts
        self.links = links
        # One colour per place, the same on every chart of the build.
        self.colours = {pid: i for i, pid in enumerate(sorted(published.places))}

    def ordered(self) -> list[Measure]:
        return list(self.measures.values())

    def series(
        self, measure: Measure, places: Sequence[str] | None = None, first: str = "", last: str = ""
    ) -> tuple[list[Period], list[Serie]]:
        """The places' values for a measure, at one granularity, and every period between the
        first and the last figure (gaps included)."""
        low = Period.parse(first) if first else None
        high = Period.parse(last) if last else None
        raw: dict[str, dict[Period, float]] = {}
        for pid in places if places is not None else self.place_order:
            reported = self.published.place_measures.get(pid)
            if reported is None or pid not in self.published.places:
                continue
            values = {Period.parse(p): v for p, v in reported.values.get(measure.id, {}).items()}
            kept = {p: v for p, v in values.items() if within(p, low, high)}
            if kept:
                raw[pid] = kept
        if measure.rollup == "none":  # one kind of period: the one most values use
            months = commonest(raw.values())
            rolled = [
                Serie(pid, {p: v for p, v in values.items() if p.months == months})
                for pid, values in raw.items()
            ]
        else:
            months = coarsest(raw.values())
            rolled = [Serie(pid, roll_up(values, months, measure.rollup)) for pid, values in raw.items()]
        rolled = [s for s in rolled if s.values]
        known = [p for s in rolled for p in s.values]
        periods = between(min(known), max(known)) if known else []
        return periods, rolled

    def name(self, place_id: str) -> str:
        return self.published.places[place_id].name

    # -- figures --------------------------------------------------------------------------------

    def figure(self, spec: ChartSpec, summary: str, table: FigureTable, note: str = "") -> Figure:
        """A chart with its words and numbers; a wide chart is drawn a second time for phones."""
        narrow = self.charts.svg(replace(spec, size="narrow")) if spec.size == "wide" else ""
        return Figure(spec.title, self.charts.svg(spec), summary, table, note, narrow)

    def places_figure(
        self, measure: Measure, periods: list[Period], series: list[Serie], kind: ChartKind = "line"
    ) -> Figure:
        # One place (a chart block of one place's figures) is named in the title: a chart copied
        # or printed on its own still says whose it is.
        title = (
            f"{measure.title} at {self.name(series[0].place)}"
            if len(series) == 1
            else f"{measure.title}, by place"
        )
        spec = ChartSpec(
            title,
            measure.unit,
            tuple(p.axis for p in periods),
            tuple(
                Series(self.name(s.place), self.colours[s.place], tuple(s.values.get(p) for p in periods))
                for s in series
            ),
            kind if len(series) <= MAX_BARS else "line",  # past that, bars are too thin to read
            highest=measure.highest,
        )
        words = trends([(self.name(s.place), [(p, s.values.get(p)) for p in periods]) for s in series])
        table = FigureTable(
            [self.name(s.place) for s in series],
            [(p.label, [figure_text(s.values.get(p)) for s in series]) for p in periods],
        )
        note = (
            ""
            if labelled(spec) or len(series) < 2
            else "Too many places to name on the chart: see the numbers."
        )
        return self.figure(spec, f"{words}.", table, note)

    def points(self, measure: Measure, periods: list[Period], series: list[Serie]) -> list[Point]:
        return network_points({s.place: s.values for s in series}, periods, measure.aggregate)

    def network_figure(
        self, measure: Measure, periods: list[Period], points: list[Point], size: ChartSize = "wide"
    ) -> Figure:
        partial = tuple(
            i for i, point in enumerate(points) if point.value is not None and point.places < point.of
        )
        spec = ChartSpec(
            f"{measure.title}, across the network",
            measure.unit,
            tuple(p.axis for p in periods),
            (Series("Network", -1, tuple(p.value for p in points)),),
            size=size,
            hollow=partial,
            highest=measure.highest,
        )
        whole = [(p.period, p.value if p.places == p.of else None) for p in points]
        words = f"{measure.title} across the network {trend(whole)}"
        note = ""
        if partial:
            some = f"{len(partial)} period{'s' * (len(partial) != 1)}"
            words += (
                f". For {some} only some of the places have reported: those figures are left out of the trend"
            )
            note = "An open marker is a figure from only some of the places, not joined to the line: see the numbers."
        table = FigureTable(
            [f"Network ({measure.aggregate})", "Places reporting"],
            [(p.period.label, [figure_text(p.value), f"{p.places} of {p.of}"]) for p in points],
        )
        return self.figure(spec, f"{words}.", table, note)

    def place_figure(
        self, measure: Measure, place_id: str, periods: list[Period], serie: Serie, size: ChartSize = "small"
    ) -> Figure:
        values = tuple(serie.values.get(p) for p in periods)
        spec = ChartSpec(
            measure.title,
            measure.unit,
            tuple(p.axis for p in periods),
            (Series(self.name(place_id), self.colours[place_id], values),),
            size=size,
            highest=measure.highest,
        )
        words = f"{measure.title} at {self.name(place_id)} {trend(list(zip(periods, values, strict=True)))}"
        table = FigureTable(
            [measure.title], [(p.label, [figure_text(v)]) for p, v in zip(periods, values, strict=True)]
        )
        return self.figure(spec, f"{words}.", table)

    # -- views ----------------------------------------------------------------------------------

    def headline(
        self, measure: Measure, periods: list[Period], points: list[Point], *, chart: bool
    ) -> Headline:
        """The network's latest figure that every reporting place is in; a later period only some
        have reported is shown apart, as provisional, never as the headline. With its small chart
        where it stands on a card."""
        link = Link(measure.title, measure_url(measure.id))
        valued = [p for p in points if p.value is not None]
        if not valued:
            return Headline(link, measure.unit, "", "", "", None)
        whole = [p for p in valued if p.places == p.of]
        latest = whole[-1] if whole else valued[-1]
        total = len(self.published.places)
        coverage = f"from {latest.places} of {total} places" if latest.places < total else ""
        later = valued[-1]
        provisional = ""
        if later.period > latest.period:
            provisional = f"{later.period.label} so far: {number(later.value)}, from {later.places} of {later.of} places"
        year_before = Period(latest.period.year - 1, latest.period.first_month, latest.period.months)
        before = next((p for p in whole if p.period == year_before and p.places == latest.places), None)
        change = ""
        if before is not None and before.value is not None and latest.value is not None:
            if number(before.value) == number(latest.value):
                change = f"the same as in {before.period.label}"
            else:
                direction = "up" if latest.value > before.value else "down"
                change = f"{direction} from {number(before.value)} in {before.period.label}"
        figure = self.network_figure(measure, periods, points, size="small") if chart else None
        return Headline(
            link,
            measure.unit,
            number(latest.value),
            latest.period.label,
            coverage,
            figure,
            change,
            provisional,
        )

    def headlines(self) -> list[Headline]:
        """Each measure's card: its latest network figure and its small chart."""
        found = []
        for measure in self.ordered():
            periods, series = self.series(measure)
            found.append(self.headline(measure, periods, self.points(measure, periods, series), chart=True))
        return found

    def measures_view(self) -> MeasuresView:
        reporting = {pid for pid, m in self.published.place_measures.items() if m.values}
        return MeasuresView(self.headlines(), len(reporting & set(self.published.places)))

    def measure_view(self, measure: Measure) -> MeasureView:
        periods, series = self.series(measure)
        points = self.points(measure, periods, series)
        page = measure_url(measure.id)
        return MeasureView(
            measure,
            self.links.data_html(measure.description, "measures.yml", page),
            AGGREGATE_WORDS[measure.aggregate],
            self.headline(measure, periods, points, chart=False),  # the page draws the network whole
            self.places_figure(measure, periods, series) if series else None,
            self.network_figure(measure, periods, points) if series else None,
            [Link(self.name(s.place), place_url(s.place)) for s in series],
        )

    def place_headlines(self, place_id: str, year: int | None = None) -> list[Headline]:
        """A place's latest figure for each measure it reports, with its small chart; within one
        year where `year` is given (a place's report for that year), its chart drawn wide."""
        found = []
        within_year = f"{year:04d}" if year is not None else ""  # a period: four digits
        for measure in self.ordered():
            periods, series = self.series(measure, [place_id], within_year, within_year)
            if not series:
                continue
            serie = series[0]
            last = max(serie.values)
            found.append(
                Headline(
                    Link(measure.title, measure_url(measure.id)),
                    measure.unit,
                    number(serie.values[last]),
                    last.label,
                    "",
                    self.place_figure(measure, place_id, periods, serie, "small" if year is None else "wide"),
                )
            )
        return found

    def block_figure(self, options: Mapping[str, Any]) -> Figure | None:
        """A `learning-chart` block's chart: the measure for the places it names, within `from`
        and `until`; None where nothing is published."""
        measure = self.measures[options["measure"]]
        wanted = options.get("places")
        places = None if wanted is None else [wanted] if isinstance(wanted, str) else list(wanted)
        periods, series = self.series(
            measure, places, str(options.get("from", "")), str(options.get("until", ""))
        )
        if not series:
            return None
        return self.places_figure(measure, periods, series, options.get("kind", "line"))

    def pages(self) -> list[PlannedPage]:
        pages = [
            PlannedPage(
                "measures/index.md",
                "learnaloud/measures.html",
                "Measures",
                MEASURES_SEARCH_TEXT,
                self.measures_view,
                in_nav=True,
                inputs=(),  # made from the measures and places' figures, no record
            )
        ]
        for measure in self.ordered():
            pages.append(
                PlannedPage(
                    f"measures/{measure.id}.md",
                    "learnaloud/measure.html",
                    measure.title,
                    "",  # its description is in its view, and searched as its words
                    partial(self.measure_view, measure),
                    description=description(measure.description),
                    search_label="Shared measure",
                    search_text=plain_text(measure.description),
                    inputs=(),
                )
            )
        return pages


def within(period: Period, low: Period | None, high: Period | None) -> bool:
    """Whether a period lies inside `from` and `until`, each taken whole (2025 runs to December)."""
    return (low is None or period.start >= low.start) and (high is None or period.end <= high.end)


def figure_text(value: float | None) -> str:
    return "\u2013" if value is None else number(value)


PERIOD_KINDS = {12: ("a year", "year"), 3: ("a quarter", "quarter"), 1: ("a month", "month")}


def check_period_kinds(content: Content, report: Report) -> None:
    """Warn of each value a chart leaves out: a measure that does not roll up (`rollup: none`)
    keeps to the kind of period most of its values use."""
    for measure in content.measures.values():
        if measure.rollup != "none":
            continue
        reported = [m for _, m in sorted(content.place_measures.items()) if m.values.get(measure.id)]
        months = commonest([Period.parse(p) for p in m.values[measure.id]] for m in reported)
        for values in reported:
            for text in values.values[measure.id]:
                period = Period.parse(text)
                if period.months == months:
                    continue
                key: str | int = int(text) if text.isdigit() else text
                report.warning(
                    values.source.path,
                    values.source.lines.line(measure.id, key),
                    f"{text} is {PERIOD_KINDS[period.months][0]}, but {measure.id} is reported by "
                    f"{PERIOD_KINDS[months][1]} in most places: its charts leave this value out",
                    f"report it by {PERIOD_KINDS[months][1]}, or, if {measure.id} adds up over time "
                    "(hours, sessions), give it 'rollup: sum' in measures.yml",
                )
