"""Charts of shared measures: SVG written by the build, inside the page, cached by content.

A chart is described by a `ChartSpec` (plain data); its SVG is cached on disk under a hash of the
spec and this module's own source. The SVG is made to live inside a page: text stays text in the
page's font, colours come from the page's stylesheet (`currentColor` for ink, `--la-series-N` for
places) so a chart reads in light and dark, and nothing in it fetches or runs.

Written here rather than by matplotlib (which drew them until Part 8): a chart is lines, dots,
bars and words on a grid, which this module writes in about a millisecond; matplotlib took 30 to
60 ms a chart and a second to import, in worker processes beside the build, and a network of twenty
places has some 200 charts — the largest single cost of its first build.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Literal

from .cache import write_atomically
from .svg import NOT_XML, coordinate

ChartKind = Literal["line", "bar"]
ChartSize = Literal["wide", "narrow", "small"]

PALETTE_SIZE = 6  # colours the stylesheet defines; places beyond them also differ by dash and marker
MAX_LABELLED = 10  # lines named at their ends; past this the names would not fit: the numbers name them
MARKERS = "osD^vP"
DASHES = ("", "7.4 3.2", "2 3", "7.4 3.2 2 3.2")  # a line's dashes, by its round of the palette
# (width, plot height, font size) in CSS pixels: a wide chart, the same for a phone, a small one on
# a card. The title, axes and any legend add their own height around the plot.
SIZES = {"wide": (640, 235, 13.0), "narrow": (360, 215, 12.0), "small": (300, 100, 12.0)}
TITLE_WIDTH = {"wide": 64, "narrow": 36, "small": 36}  # characters a title line holds
TITLE_LINES = 3  # a title's lines at most: the plot, not its title, fills a phone's screen
SMALL_YEARS = 5  # years a small chart names at most
TICK = 3.0  # a tick mark's length, and the room between it and its label
GLYPH = 0.58  # an average character's width, in ems: room for names beside the plot
# The code that writes a chart: this module and the SVG helpers it uses.
SOURCE_HASH = hashlib.sha256(
    Path(__file__).read_bytes() + Path(__file__).with_name("svg.py").read_bytes()
).hexdigest()[:16]


@dataclass(frozen=True)
class Series:
    label: str
    colour: int  # one per place, the same on every chart; -1 draws in the page's ink
    values: tuple[float | None, ...]  # one per period; None is a gap


@dataclass(frozen=True)
class ChartSpec:
    title: str
    unit: str
    ticks: tuple[str, ...]  # an axis label per period
    series: tuple[Series, ...]
    kind: ChartKind = "line"
    size: ChartSize = "wide"
    hollow: tuple[int, ...] = ()  # periods whose figure covers only some places
    highest: float | None = None  # the highest figure the measure can have: the axis runs up to it

    @property
    def key(self) -> str:
        # Plain data all the way down (strings, numbers, tuples): its repr says all of it, and
        # this module's source, in the key, says how it is drawn.
        identity = f"{SOURCE_HASH}\0{self!r}"
        return hashlib.sha256(identity.encode()).hexdigest()[:32]


@dataclass
class Charts:
    """Draws charts, or takes them from the cache; counts which, for the build's summary."""

    folder: Path | None
    drawn: int = 0  # charts this build drew
    cached: int = 0  # charts this build took from the cache
    memory: dict[str, str] = field(default_factory=dict)  # kept across `mkdocs serve` rebuilds
    used: set[str] = field(default_factory=set)  # this build's charts, counted once however often shown
    # In a forked copy of the build, which makes pages only (glue/forked.py): the charts its pages
    # show (key, SVG, whether drawn), for the build to keep and count as its own.
    requested: list[tuple[str, str, bool]] | None = None

    def svg(self, spec: ChartSpec) -> str:
        key = spec.key
        svg, drawn = self.found(key), False
        if svg is None:
            svg, drawn = chart_svg(spec), True
        if self.requested is not None:
            self.requested.append((key, svg, drawn))
        else:
            self.shown(key, svg, drawn=drawn)
        return svg

    def found(self, key: str) -> str | None:
        """A chart this process holds, or the cache on disk."""
        if key in self.memory:
            return self.memory[key]
        if (path := self.path(key)) is not None and path.is_file():
            return path.read_bytes().decode("utf-8")  # as written: no newline translated
        return None

    def shown(self, key: str, svg: str, *, drawn: bool) -> None:
        """A chart on one of this build's pages: kept (on disk too, if drawn) and counted."""
        if drawn:
            self.keep(key, svg)
        else:
            self.memory[key] = svg
        self.count(key, drawn=drawn)

    def take_requested(self) -> list[tuple[str, str, bool]]:
        requested, self.requested = self.requested or [], []
        return requested

    def keep(self, key: str, svg: str) -> None:
        self.memory[key] = svg
        if (path := self.path(key)) is not None:
            with contextlib.suppress(OSError):  # a full or read-only disk: drawn again next time
                write_atomically(path, svg)

    def path(self, key: str) -> Path | None:
        return self.folder / f"{key}.svg" if self.folder else None

    def count(self, key: str, *, drawn: bool) -> None:
        if key not in self.used:
            self.used.add(key)
            self.drawn += drawn
            self.cached += not drawn

    def reset_counts(self) -> None:
        self.drawn = self.cached = 0
        self.used.clear()


def legend_columns(spec: ChartSpec) -> int:
    """A bar chart's legend: its columns decide the room left for it below the plot."""
    return 3 if spec.size == "wide" else 2


def labelled(spec: ChartSpec) -> bool:
    """Whether each line is named at its end: where there are several, and not too many to read."""
    return spec.kind == "line" and 1 < len(spec.series) <= MAX_LABELLED


def words(text: str) -> str:
    """Contributor text as one line an SVG can hold (no control character, no line break: the
    same bytes however the chart is stored)."""
    return " ".join(NOT_XML.sub(" ", text).split())


def short(label: str, most: int = 22) -> str:
    """A name that fits beside a line; its start and end kept, so similar names stay apart."""
    label = words(label)
    if len(label) <= most:
        return label
    return f"{label[: most // 2].rstrip()}\u2026{label[-(most // 2 - 1) :].lstrip()}"


def title_lines(spec: ChartSpec) -> list[str]:
    """The title wrapped to the chart's width. One too long for its lines loses words from its
    middle, never its ending, which says what the chart compares (', by place', 'at North Quay'):
    kept are a line's worth of its end and as much of its start as the other lines hold."""
    width = TITLE_WIDTH[spec.size]
    title = words(spec.title)
    lines = textwrap.wrap(title, width) or [""]
    if len(lines) <= TITLE_LINES:
        return lines
    cut = len(title) - (width - 2)  # room on the end's line for the ellipsis before it
    ending = title[cut:]
    if title[cut - 1] != " ":  # from its first whole word; a single word longer than a line is cut
        ending = ending.partition(" ")[2] or ending
    start = ""
    for word in title[: len(title) - len(ending)].split():
        longer = f"{start} {word}".lstrip()
        if len(textwrap.wrap(f"{longer}\u2026 {ending}", width)) > TITLE_LINES:
            break
        start = longer
    return textwrap.wrap(f"{start}\u2026 {ending}", width)


def year_of(tick: str) -> str:
    return tick.rpartition(" ")[2]


def tick_step(ticks: Sequence[str], room: int) -> int:
    """Every how many periods one is named: steps that keep to the same months ('Jan', 'Jul'),
    quarters ('Q1', 'Q3') or years."""
    steps = {"Q": (1, 2, 4), " ": (1, 2, 3, 6, 12)}.get(
        next((c for c in ticks[0][:4] if c in "Q "), ""), (1, 2, 5)
    )
    step, n = 1, 0
    while len(ticks) / step > room:
        n += 1
        step = steps[n] if n < len(steps) else step * 2
    return step


def year_tick(tick: str, before: str | None) -> str:
    """'Jan\\n2025' where the year differs from the tick shown before (or none is), else 'Apr'."""
    name, _, year = tick.partition(" ")
    if not year:
        return name
    return f"{name}\n{year}" if before is None or year != year_of(before) else name


def value_ticks(
    low: float, high: float, most: int, factors: Sequence[float] = (1, 2, 2.5, 5, 10)
) -> tuple[list[float], int]:
    """Round values for the value axis from at or below `low` to at or above `high`, at most `most`
    steps apart, and the decimals they need: steps of a factor times a power of ten."""
    span = max(high - low, 1e-9)  # figures closer than this are drawn as one (no endless decimals)
    magnitude = 10 ** math.floor(math.log10(span / most))
    for factor in factors:
        step = factor * magnitude
        first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
        if last - first <= most:
            break
    decimals = max(0, -math.floor(math.log10(step) + 1e-9) + (factor == 2.5))
    return [i * step for i in range(first, max(last, first + 1) + 1)], decimals


def tick_label(value: float, decimals: int) -> str:
    text = f"{abs(value):,.{decimals}f}"
    return text if round(value, decimals) >= 0 else f"\u2212{text}"  # a minus sign, not a hyphen


@dataclass(frozen=True)
class Frame:
    """Where the plot sits in the chart, and how a period and a value find their place in it."""

    width: float
    height: float
    left: float
    top: float
    plot_width: float
    plot_height: float
    font: float
    periods: tuple[float, float]  # the first and last position shown, in periods
    values: tuple[float, float]  # the lowest and highest value shown
    ticks: tuple[float, ...]  # the values named on the value axis
    decimals: int  # the decimals they are named with
    name_length: int  # characters of a line's name at its end

    @classmethod
    def of(cls, spec: ChartSpec) -> Frame:
        width, plot_height, font = SIZES[spec.size]
        # A value axis from zero: a bar's length, a line's height, both read honestly.
        known = [v for s in spec.series for v in s.values if v is not None]
        high, low = max([*known, 0.0, spec.highest or 0.0]), min([*known, 0.0])
        if high == low:
            high = low + 1
        # The plot ends on named values, the first and last a round step beyond the figures.
        small = spec.size == "small"
        ticks, decimals = value_ticks(low, high, *((3, (1, 2, 5, 10)) if small else (5,)))
        values = (ticks[0], ticks[-1])
        # Room on the left for the widest value named and, beside it, the unit turned on its side.
        widest = max(len(tick_label(t, decimals)) for t in ticks) * font * GLYPH + 2 * TICK
        left = min(max(font * (3.4 if spec.size == "small" else 4.6), widest + font * 1.8), width * 0.3)
        top = font * 0.8 if spec.size == "small" else font * (1.3 * len(title_lines(spec)) + 1.4)
        bottom = font * (2.4 if spec.size == "small" else 3.4)
        if spec.kind == "bar" and len(spec.series) > 1:
            bottom += font * 1.8 * -(-len(spec.series) // legend_columns(spec))
        right, name_length = 14.0, 22
        if labelled(spec):  # room on the right for the names, shortened to at most a third of it
            longest = max(len(short(s.label)) for s in spec.series)
            right = min(font * 1.1 + longest * font * GLYPH + 4, width * 0.36)
            name_length = min(22, int((right - font * 1.1 - 4) / (font * GLYPH)))
        n = len(spec.ticks)
        periods = (-0.6, n - 0.4) if spec.kind == "bar" else (-0.5, n - 0.5)
        return cls(
            width,
            plot_height + top + bottom,
            left,
            top,
            width - left - right,
            plot_height,
            font,
            periods,
            values,
            tuple(ticks),
            decimals,
            name_length,
        )

    @property
    def right(self) -> float:
        return self.left + self.plot_width

    @property
    def bottom(self) -> float:
        return self.top + self.plot_height

    def x(self, position: float) -> float:
        first, last = self.periods
        return self.left + (position - first) / (last - first) * self.plot_width

    def y(self, value: float) -> float:
        low, high = self.values
        return self.bottom - (value - low) / (high - low) * self.plot_height


def chart_svg(spec: ChartSpec) -> str:
    """The chart as a page shows it."""
    frame = Frame.of(spec)
    font = frame.font
    parts = [
        f'<svg viewBox="0 0 {coordinate(frame.width)} {coordinate(frame.height)}" '
        f'xmlns="http://www.w3.org/2000/svg" class="la-chart la-chart--{spec.size}" role="img" '
        f'aria-label="{escape(words(spec.title))}">',
        *value_axis(frame),
        *(bars(spec, frame) if spec.kind == "bar" else lines(spec, frame)),
        *period_axis(spec, frame),
        f'<path d="M{coordinate(frame.left)} {coordinate(frame.top)}V{coordinate(frame.bottom)}'
        f'H{coordinate(frame.right)}" fill="none" stroke="currentColor" stroke-width="0.8"/>',
    ]
    if spec.size != "small":
        title = "".join(
            f'<tspan x="{coordinate(frame.left)}" dy="{"1.15em" if n else 0}">{escape(line)}</tspan>'
            for n, line in enumerate(title_lines(spec))
        )
        parts.append(
            f'<text y="{coordinate(font * 1.25)}" font-size="{coordinate(font * 1.15)}" '
            f'font-weight="bold" fill="currentColor">{title}</text>'
        )
        middle = frame.top + frame.plot_height / 2
        parts.append(
            f'<text transform="translate({coordinate(font)} {coordinate(middle)}) rotate(-90)" '
            f'text-anchor="middle" font-size="{coordinate(font)}" fill="currentColor">'
            f"{escape(short(spec.unit, int(frame.plot_height / (font * GLYPH))))}</text>"
        )
    parts.append("</svg>\n")
    return "\n".join(parts)


def series_group(series: Series) -> int:
    """Places beyond the palette's colours share them: each round of the palette is told apart by
    its lines' dashes and its bars' hatching (0: the palette's first round, drawn plain)."""
    return max(series.colour, 0) // PALETTE_SIZE


def series_marker(series: Series) -> str:
    """A place's mark, another for each round of the palette."""
    return MARKERS[(max(series.colour, 0) + series_group(series)) % len(MARKERS)]


def series_style(series: Series) -> str:
    """A place's colour from the page's stylesheet (the page's ink for the network's own line)."""
    return "currentColor" if series.colour < 0 else f"var(--la-series-{series.colour % PALETTE_SIZE})"


def value_axis(frame: Frame) -> list[str]:
    """Faint lines across the plot at round values, each named at the left."""
    ticks, decimals = frame.ticks, frame.decimals
    grid = "".join(
        f"M{coordinate(frame.left)} {coordinate(frame.y(t))}H{coordinate(frame.right)}" for t in ticks
    )
    marks = "".join(
        f"M{coordinate(frame.left - TICK)} {coordinate(frame.y(t))}h{coordinate(TICK)}" for t in ticks
    )
    names = "".join(
        f'<text x="{coordinate(frame.left - 2 * TICK)}" y="{coordinate(frame.y(t) + frame.font * 0.35)}">'
        f"{tick_label(t, decimals)}</text>"
        for t in ticks
    )
    zero = (
        f'<path d="M{coordinate(frame.left)} {coordinate(frame.y(0))}H{coordinate(frame.right)}" '
        'stroke="currentColor" stroke-width="0.8"/>'
        if frame.values[0] < 0  # figures below zero: the zero line drawn as plainly as the axis
        else ""
    )
    return [
        f'<path d="{grid}" stroke="currentColor" stroke-opacity="0.15" stroke-width="0.8"/>{zero}',
        f'<path d="{marks}" stroke="currentColor" stroke-width="0.8"/>',
        f'<g text-anchor="end" font-size="{coordinate(frame.font)}" fill="currentColor">{names}</g>',
    ]


def period_axis(spec: ChartSpec, frame: Frame) -> list[str]:
    """The periods named below the plot: months with the year where it changes, or years."""
    if spec.size == "small":
        shown = [
            i for i, tick in enumerate(spec.ticks) if i == 0 or year_of(tick) != year_of(spec.ticks[i - 1])
        ]
        shown = shown[:: -(-len(shown) // SMALL_YEARS)]  # every year, or every other, …
        labels = [year_of(spec.ticks[i]) for i in shown]
    else:
        every = tick_step(spec.ticks, 12 if spec.size == "wide" else 5)
        shown = list(range(0, len(spec.ticks), every))
        labels = [year_tick(spec.ticks[i], spec.ticks[i - every] if i else None) for i in shown]
    baseline = frame.bottom + 2 * TICK + frame.font * 0.8
    marks = "".join(f"M{coordinate(frame.x(i))} {coordinate(frame.bottom)}v{coordinate(TICK)}" for i in shown)
    names = "".join(
        period_name(label, frame.x(i), baseline, frame) for i, label in zip(shown, labels, strict=True)
    )
    return [
        f'<path d="{marks}" stroke="currentColor" stroke-width="0.8"/>',
        f'<g text-anchor="middle" font-size="{coordinate(frame.font)}" fill="currentColor">{names}</g>',
    ]


def period_name(label: str, x: float, baseline: float, frame: Frame) -> str:
    """A period's name centred under its tick; one that would reach left of the value axis (the
    first, where many periods stand close on a small chart) starts at the axis instead, so it stays
    two ticks' length clear of the value named in the corner ('0')."""
    half_width = max(len(line) for line in label.split("\n")) * frame.font * GLYPH / 2
    anchor = ""
    if x - half_width < frame.left:
        x, anchor = frame.left, ' text-anchor="start"'
    return f'<text x="{coordinate(x)}" y="{coordinate(baseline)}"{anchor}>{stacked(label, x)}</text>'


def stacked(label: str, x: float) -> str:
    """A tick's label, a line below the other for each part ('Jan', '2025')."""
    first, *rest = label.split("\n")
    return escape(first) + "".join(
        f'<tspan x="{coordinate(x)}" dy="1.2em">{escape(line)}</tspan>' for line in rest
    )


# Each mark's corners, in widths of the mark from its centre (a circle is drawn as two arcs).
ARM = 1 / 6  # half the width of a plus's arm
SHAPES: dict[str, tuple[tuple[float, float], ...]] = {
    "s": ((-0.45, -0.45), (0.45, -0.45), (0.45, 0.45), (-0.45, 0.45)),
    "D": ((0, -0.575), (0.575, 0), (0, 0.575), (-0.575, 0)),
    "^": ((0, -0.575), (0.55, 0.345), (-0.55, 0.345)),
    "v": ((0, 0.575), (0.55, -0.345), (-0.55, -0.345)),
    "P": (
        (-ARM, -0.5),
        (ARM, -0.5),
        (ARM, -ARM),
        (0.5, -ARM),
        (0.5, ARM),
        (ARM, ARM),
        (ARM, 0.5),
        (-ARM, 0.5),
        (-ARM, ARM),
        (-0.5, ARM),
        (-0.5, -ARM),
        (-ARM, -ARM),
    ),
}


def marker(shape: str, x: float, y: float, size: float) -> str:
    """A point's mark, `size` pixels across: circle, square, diamond, triangles, plus."""
    if shape == "o":
        r = coordinate(size / 2)
        return (
            f"M{coordinate(x)} {coordinate(y)}m-{r} 0a{r} {r} 0 1 0 {coordinate(size)} 0"
            f"a{r} {r} 0 1 0 -{coordinate(size)} 0z"
        )
    return path((x + dx * size, y + dy * size) for dx, dy in SHAPES[shape]) + "z"


def path(points: Iterable[tuple[float, float] | None]) -> str:
    """A line through the points, broken where a point is missing (a gap, never a zero)."""
    out, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        out.append(f"{'L' if pen_down else 'M'}{coordinate(point[0])} {coordinate(point[1])}")
        pen_down = True
    return "".join(out)


def lines(spec: ChartSpec, frame: Frame) -> list[str]:
    """A line a place, with a mark at each figure; a figure covering only some places drawn open,
    apart from the line; each line named at its right end when there are several."""
    # A mark's width in pixels, smaller where the periods stand close (two years on a phone).
    size = min(4.5 if spec.size == "small" else 6.0, max(3.0, (frame.x(1) - frame.x(0)) * 0.6))
    parts: list[str] = []
    ends: list[tuple[float, float, str, Series]] = []
    for series in spec.series:
        colour = series_style(series)
        shape = series_marker(series)
        points = [
            None if value is None else (frame.x(i), frame.y(value)) for i, value in enumerate(series.values)
        ]
        joined = [None if i in spec.hollow else point for i, point in enumerate(points)]
        pattern = DASHES[series_group(series) % len(DASHES)]
        dashes = f' stroke-dasharray="{pattern}"' if pattern else ""
        parts.append(
            f'<path d="{path(joined)}" fill="none" style="stroke: {colour}" stroke-width="2" '
            f'stroke-linejoin="round"{dashes}/>'
        )
        marks = "".join(marker(shape, *p, size) for p in joined if p is not None)
        if marks:
            parts.append(f'<path d="{marks}" style="fill: {colour}"/>')
        open_marks = "".join(
            marker(shape, *p, size + 2) for i, p in enumerate(points) if p is not None and i in spec.hollow
        )
        if open_marks:
            parts.append(f'<path d="{open_marks}" fill="none" style="stroke: {colour}" stroke-width="1.5"/>')
        last = next((p for p in reversed(points) if p is not None), None)
        if last is not None and labelled(spec):
            ends.append((last[1], last[0], short(series.label, frame.name_length), series))
    return parts + end_labels(ends, frame)


def end_labels(ends: Sequence[tuple[float, float, str, Series]], frame: Frame) -> list[str]:
    """Each line's name at its right end, pushed apart so none overlaps another, all beside the
    plot; a faint leader from the line's last figure where the name sits away from it (the line
    ends before the last period, or its name was pushed)."""
    if not ends:
        return []
    gap = min(frame.font * 1.15, frame.plot_height / max(len(ends) - 1, 1))
    placed = sorted(ends, key=lambda end: -end[0])  # from the lowest on the page up
    ys = [y for y, *_ in placed]
    for i in range(1, len(ys)):
        ys[i] = min(ys[i], ys[i - 1] - gap)
    if ys[0] > frame.bottom:
        ys = [y - (ys[0] - frame.bottom) for y in ys]
    if ys[-1] < frame.top:  # pushed above the plot: pushed down from its top instead
        ys[-1] = frame.top
        for i in range(len(ys) - 2, -1, -1):
            ys[i] = max(ys[i], ys[i + 1] + gap)
    parts = []
    last_period = frame.x(frame.periods[1] - 0.5)
    for y, (end_y, end_x, label, series) in zip(ys, placed, strict=True):
        colour = series_style(series)
        shape = series_marker(series)
        if end_x < last_period - 1 or abs(y - end_y) > gap / 2:
            parts.append(
                f'<path d="{path([(end_x + frame.font * 0.4, end_y), (frame.right + frame.font * 0.1, y)])}" '
                f'fill="none" style="stroke: {colour}" stroke-width="1" stroke-dasharray="2 2"/>'
            )
        parts.append(
            f'<path d="{marker(shape, frame.right + frame.font * 0.5, y, frame.font * 0.6)}" style="fill: {colour}"/>'
        )
        parts.append(
            f'<text x="{coordinate(frame.right + frame.font * 1.1)}" y="{coordinate(y + frame.font * 0.35)}" '
            f'font-size="{coordinate(frame.font)}" fill="currentColor">{escape(label)}</text>'
        )
    return parts


def hatch(x0: float, y0: float, x1: float, y1: float, group: int) -> str:
    """Diagonal lines across a box (a bar, a legend's swatch): "/" or "\\", wide or close apart by
    the place's group beyond the palette, so two places of one colour never look alike."""
    spacing = 6.0 if group <= 2 else 4.0
    rising = group % 2 == 1
    first, last = (x0 + y0, x1 + y1) if rising else (x0 - y1, x1 - y0)
    out = []
    k = first + spacing / 2
    while k < last:
        if rising:  # x + y = k
            lo, hi = max(x0, k - y1), min(x1, k - y0)
            ends = ((lo, k - lo), (hi, k - hi))
        else:  # x - y = k
            lo, hi = max(x0, k + y0), min(x1, k + y1)
            ends = ((lo, lo - k), (hi, hi - k))
        if lo < hi:
            out.append(path(ends))
        k += spacing
    return "".join(out)


def box(spec: ChartSpec, series: Series, x0: float, y0: float, x1: float, y1: float) -> str:
    """A filled box in the place's colour, hatched beyond the palette."""
    shape = f"M{coordinate(x0)} {coordinate(y0)}H{coordinate(x1)}V{coordinate(y1)}H{coordinate(x0)}z"
    drawn = f'<path d="{shape}" style="fill: {series_style(series)}"/>'
    group = series_group(series)
    if group and spec.kind == "bar":
        lines = hatch(x0, y0, x1, y1, group)
        drawn += f'<path d="{lines}" style="stroke: var(--la-chart-paper)" stroke-width="1.5"/>'
    return drawn


def bars(spec: ChartSpec, frame: Frame) -> list[str]:
    """The places' bars side by side in each period, from zero; a legend below when several."""
    width = 0.8 / max(len(spec.series), 1)
    bar = frame.x(width * 0.92) - frame.x(0)
    zero = frame.y(0)
    parts = []
    for n, series in enumerate(spec.series):
        for i, value in enumerate(series.values):
            if value is not None:
                x = frame.x(i - 0.4 + width * n + width * 0.04)
                end = frame.y(value)
                parts.append(box(spec, series, x, min(end, zero), x + bar, max(end, zero)))
    if len(spec.series) > 1:
        parts += legend(spec, frame)
    return parts


def legend(spec: ChartSpec, frame: Frame) -> list[str]:
    """Each place's colour and name, in columns below the period axis."""
    columns = legend_columns(spec)
    column_width = frame.plot_width / columns
    font = frame.font
    most = max(int((column_width - font * 1.6) / (font * GLYPH)), 8)
    parts = []
    for n, series in enumerate(spec.series):
        x = frame.left + column_width * (n % columns)
        y = frame.bottom + font * 3.4 + font * 1.8 * (n // columns) + font * 0.9
        parts.append(box(spec, series, x, y - font * 0.8, x + font * 0.9, y + font * 0.1))
        parts.append(
            f'<text x="{coordinate(x + font * 1.3)}" y="{coordinate(y)}" font-size="{coordinate(font)}" '
            f'fill="currentColor">{escape(short(series.label, most))}</text>'
        )
    return parts
