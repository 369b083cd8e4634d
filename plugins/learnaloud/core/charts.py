"""Charts of shared measures: matplotlib's Figure API to inline SVG, cached by content.

A chart is described by a `ChartSpec` (plain data); its SVG is cached on disk under a hash of
the spec, this module's own source and matplotlib's version. matplotlib is imported only when a
chart is not in the cache: it costs over a second.

The SVG is made to live inside a page: text stays text in the page's font, colours come from
the page's stylesheet (`currentColor` for ink, `--la-series-N` for places) so a chart reads in
light and dark, and nothing in it fetches or runs.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import io
import multiprocessing
import os
import re
import textwrap
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from .cache import write_atomically

if TYPE_CHECKING:
    from matplotlib.axes import Axes

ChartKind = Literal["line", "bar"]
ChartSize = Literal["wide", "narrow", "small"]

INK = "#010101"  # drawn as the page's text colour
PALETTE_SIZE = 6  # colours the stylesheet defines; places beyond them also differ by dash and marker
MAX_LABELLED = 10  # lines named at their ends; past this the names would not fit: the numbers name them
MARKERS = "osD^vP"
# (width, plot height, font size) in CSS pixels: a wide chart, the same for a phone, a small one on
# a card. The title, axes and any legend add their own height around the plot.
SIZES = {"wide": (640, 235, 13.0), "narrow": (360, 215, 12.0), "small": (300, 100, 12.0)}
TITLE_WIDTH = {"wide": 64, "narrow": 36, "small": 36}  # characters a title line holds
SOURCE_HASH = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
STYLE: dict[str, Any] = {
    "svg.hashsalt": "learnaloud",  # fixed clip-path and marker ids: identical input, identical bytes
    "svg.fonttype": "none",  # text as text, in the page's font
    "text.parse_math": False,  # a `$` in a place's name is a dollar sign, not TeX
    "font.family": "sans-serif",
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "text.color": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlelocation": "left",
    "axes.titleweight": "bold",
}


@functools.cache
def matplotlib_version() -> str:
    """Part of every chart's key (read from its metadata: importing it costs over a second)."""
    return version("matplotlib")


def series_colour(index: int) -> str:
    """A stand-in colour the SVG's stylesheet variable replaces (-1: the page's ink)."""
    return INK if index < 0 else f"#0a{index % 256:02x}0a"


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

    @property
    def key(self) -> str:
        # Plain data all the way down (strings, numbers, tuples): its repr says all of it, and
        # this module's source, in the key, says what each field means.
        identity = f"{SOURCE_HASH}\0{matplotlib_version()}\0{self!r}"
        return hashlib.sha256(identity.encode()).hexdigest()[:32]


# Where a page shows a chart drawn beside the build; `Charts.fill` puts the chart in. Only the
# site's templates write it: a contributor's HTML keeps no `svg` and no `la-` class.
SLOT = re.compile(r'<svg class="la-chart-slot" data-chart="([0-9a-f]{32})"></svg>')


def slot(key: str) -> str:
    return f'<svg class="la-chart-slot" data-chart="{key}"></svg>'


@dataclass
class Charts:
    """Draws charts, or takes them from the cache; counts which, for the build's summary.

    With `workers`, a chart not in the cache is drawn by other processes while the build goes on
    (matplotlib takes about 30 ms a chart, a few seconds for a network's first build): `svg` gives
    a slot, and `fill` puts the chart in once the page is written. Without, `svg` draws it."""

    folder: Path | None
    workers: int = 0
    drawn: int = 0  # charts this build drew
    cached: int = 0  # charts this build took from the cache
    memory: dict[str, str] = field(default_factory=dict)  # kept across `mkdocs serve` rebuilds
    used: set[str] = field(default_factory=set)  # this build's charts, counted once however often shown
    drawing: dict[str, tuple[ChartSpec, Future[str]]] = field(default_factory=dict)  # elsewhere
    pool: ProcessPoolExecutor | None = None  # started when the first chart is missing
    # In a forked copy of the build, which makes pages only (glue/forked.py): the charts its pages
    # show, for the build to draw or find.
    requested: list[ChartSpec] | None = None

    def svg(self, spec: ChartSpec) -> str:
        key = spec.key
        if self.requested is not None:
            self.requested.append(spec)
            return slot(key)
        if key in self.memory or key in self.drawing:
            self.count(key, drawn=False)
        elif (path := self.path(key)) is not None and path.is_file():
            self.memory[key] = path.read_text(encoding="utf-8")
            self.count(key, drawn=False)
        else:
            if self.folder is not None:  # matplotlib's font list is kept beside the charts
                os.environ.setdefault("MPLCONFIGDIR", str(self.folder.parent / "matplotlib"))
            if not (self.workers and self.draw_elsewhere(key, spec)):
                self.keep(key, chart_svg(spec))
            self.count(key, drawn=True)
        return slot(key) if self.workers else self.memory[key]

    def draw_elsewhere(self, key: str, spec: ChartSpec) -> bool:
        """Whether another process now draws the chart (False: the pool broke, so it is drawn here
        and the next chart missing starts a new pool)."""
        try:
            self.drawing[key] = (spec, self.start_pool().submit(chart_svg, spec))
        except BrokenProcessPool:
            self.pool = None
            return False
        return True

    def take_requested(self) -> list[ChartSpec]:
        requested, self.requested = self.requested or [], []
        return requested

    def fill(self, page: str) -> str:
        """A page's chart slots, each with its chart (waited for, if it is still being drawn)."""
        return SLOT.sub(lambda found: self.chart(found[1]), page)

    def chart(self, key: str) -> str:
        if key in self.drawing:
            spec, drawn = self.drawing.pop(key)
            try:
                svg = drawn.result()
            except BrokenProcessPool:  # a worker died, or could not start: drawn here instead
                self.pool = None  # the next chart missing starts a new one
                svg = chart_svg(spec)
            self.keep(key, svg)
        return self.memory[key]

    def keep(self, key: str, svg: str) -> None:
        self.memory[key] = svg
        if (path := self.path(key)) is not None:
            with contextlib.suppress(OSError):  # a full or read-only disk: drawn again next time
                write_atomically(path, svg)

    def path(self, key: str) -> Path | None:
        return self.folder / f"{key}.svg" if self.folder else None

    def start_pool(self) -> ProcessPoolExecutor:
        if self.pool is None:  # a fresh interpreter each: the build's threads are not forked
            self.pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=end_with,
                initargs=(os.getpid(),),
            )
        return self.pool

    def stop(self) -> None:
        """The workers let go once a build's charts are in (each holds matplotlib; the next build
        that misses a chart starts them again), or when a build failed, its charts not waited for."""
        self.drawing.clear()
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def count(self, key: str, *, drawn: bool) -> None:
        if key not in self.used:
            self.used.add(key)
            self.drawn += drawn
            self.cached += not drawn

    def reset_counts(self) -> None:
        self.drawn = self.cached = 0
        self.used.clear()


def end_with(build: int) -> None:
    """In a chart worker: end when the build's process has (a build killed, not stopped, would
    leave its workers waiting for charts for ever)."""

    def watch() -> None:
        while os.getppid() == build:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def chart_svg(spec: ChartSpec) -> str:
    """The chart as a page shows it."""
    return inline_svg(draw(spec), spec)


def draw(spec: ChartSpec) -> str:
    """The chart as matplotlib writes it."""
    import matplotlib

    matplotlib.use("svg")
    from matplotlib.figure import Figure

    width, plot_height, font = SIZES[spec.size]
    left, top, bottom, right = margins(spec, font)
    height = plot_height + top + bottom  # a long title or legend adds room; the plot keeps its height
    with matplotlib.rc_context():
        # matplotlib's own defaults, whatever matplotlibrc the machine or folder has: same bytes anywhere.
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(cast(Any, {**STYLE, "font.size": font}))
        figure = Figure(figsize=(width / 72, height / 72), dpi=72)
        figure.patch.set_alpha(0)
        # Fixed margins (no tight_layout: it costs more than the drawing).
        axes = figure.add_axes(
            (left / width, bottom / height, 1 - (left + right) / width, plot_height / height)
        )
        if spec.kind == "bar":
            draw_bars(axes, spec)
        else:
            draw_lines(axes, spec, font)
        label_axes(axes, spec, font)
        out = io.StringIO()
        figure.savefig(out, format="svg", transparent=True, metadata={"Date": None, "Creator": None})
    return out.getvalue()


def legend_columns(spec: ChartSpec) -> int:
    """A bar chart's legend: its columns decide the room left for it below the plot."""
    return 3 if spec.size == "wide" else 2


def labelled(spec: ChartSpec) -> bool:
    """Whether each line is named at its end: where there are several, and not too many to read."""
    return spec.kind == "line" and 1 < len(spec.series) <= MAX_LABELLED


def margins(spec: ChartSpec, font: float) -> tuple[float, float, float, float]:
    """(left, top, bottom, right) around the plot, in pixels."""
    left = font * (3.4 if spec.size == "small" else 4.6)
    top = font * 0.8 if spec.size == "small" else font * (1.3 * len(title_lines(spec)) + 1.4)
    bottom = font * (2.4 if spec.size == "small" else 3.4)
    if spec.kind == "bar" and len(spec.series) > 1:
        bottom += font * 1.8 * -(-len(spec.series) // legend_columns(spec))
    right = 14.0
    if labelled(spec):
        longest = max(len(short(s.label)) for s in spec.series)
        right = min(12 + longest * font * 0.58, SIZES[spec.size][0] * 0.36)
    return left, top, bottom, right


def short(label: str, most: int = 22) -> str:
    """A name that fits beside a line; its start and end kept, so similar names stay apart."""
    if len(label) <= most:
        return label
    return f"{label[: most // 2].rstrip()}\u2026{label[-(most // 2 - 1) :].lstrip()}"


def title_lines(spec: ChartSpec) -> list[str]:
    lines = textwrap.wrap(spec.title, TITLE_WIDTH[spec.size]) or [""]
    return lines if len(lines) <= 3 else [*lines[:2], lines[2][: TITLE_WIDTH[spec.size] - 1] + "\u2026"]


def draw_lines(axes: Axes, spec: ChartSpec, font: float) -> None:
    positions = range(len(spec.ticks))
    ends: list[tuple[float, str, str, str]] = []
    for series in spec.series:
        colour = series_colour(series.colour)
        ys = [float("nan") if v is None else v for v in series.values]
        line = [float("nan") if i in spec.hollow else y for i, y in enumerate(ys)]
        style = "-" if series.colour < PALETTE_SIZE else "--"
        marker = MARKERS[max(series.colour, 0) % len(MARKERS)]
        size = 3 if spec.size == "small" else 4.5
        axes.plot(positions, line, color=colour, linestyle=style, linewidth=2, marker=marker, markersize=size)
        hollow = [i for i in spec.hollow if series.values[i] is not None]
        if hollow:  # a figure that covers only some places: drawn open, apart from the line
            axes.plot(
                hollow,
                [ys[i] for i in hollow],
                linestyle="none",
                marker=marker,
                markersize=size + 2,
                markeredgewidth=1.5,
                markerfacecolor="none",
                markeredgecolor=colour,
            )
        last = next((i for i in reversed(positions) if series.values[i] is not None), None)
        if last is not None and labelled(spec):
            ends.append((ys[last], short(series.label), colour, marker))
    finish_value_axis(axes, spec)
    axes.set_xlim(-0.5, len(spec.ticks) - 0.5)
    place_end_labels(axes, ends, font)


def draw_bars(axes: Axes, spec: ChartSpec) -> None:
    count = max(len(spec.series), 1)
    width = 0.8 / count
    for n, series in enumerate(spec.series):
        xs = [i - 0.4 + width * (n + 0.5) for i, v in enumerate(series.values) if v is not None]
        ys = [v for v in series.values if v is not None]
        hatch = None if series.colour < PALETTE_SIZE else "//"
        axes.bar(
            xs, ys, width=width * 0.92, color=series_colour(series.colour), hatch=hatch, label=series.label
        )
    finish_value_axis(axes, spec)
    axes.set_xlim(-0.6, len(spec.ticks) - 0.4)
    if len(spec.series) > 1:
        axes.legend(
            loc="upper left",
            bbox_to_anchor=(0, -0.16 if spec.size == "wide" else -0.22),
            ncols=legend_columns(spec),
            frameon=False,
            handlelength=1,
            labelcolor=INK,
        )


def finish_value_axis(axes: Axes, spec: ChartSpec) -> None:
    """A value axis from zero: a bar's length, a line's height, both read honestly."""
    known = [v for s in spec.series for v in s.values if v is not None]
    top, low = max([*known, 0.0]), min([*known, 0.0])
    if top == low:
        top = low + 1
    axes.set_ylim(low * 1.08, top * 1.08)
    from matplotlib.ticker import MaxNLocator

    bins = 2 if spec.size == "small" else 4
    axes.yaxis.set_major_locator(MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10], min_n_ticks=2))
    axes.grid(axis="y", color=INK, alpha=0.15, linewidth=0.8)
    axes.set_axisbelow(True)
    axes.tick_params(length=3, width=0.8)


def place_end_labels(axes: Axes, ends: list[tuple[float, str, str, str]], font: float) -> None:
    """Each line's name at its right end, pushed apart so none overlaps another."""
    if not ends:
        return
    to_pixels = axes.transData
    gap = font * 1.15
    placed = sorted(
        (to_pixels.transform((0, y))[1], text, colour, marker) for y, text, colour, marker in ends
    )
    ys = [y for y, *_ in placed]
    for i in range(1, len(ys)):
        ys[i] = max(ys[i], ys[i - 1] + gap)
    bottom = axes.bbox.y0
    if ys[0] < bottom:
        ys = [y + bottom - ys[0] for y in ys]
    back = to_pixels.inverted()
    x = axes.get_xlim()[1]
    from matplotlib.transforms import offset_copy

    beside = offset_copy(axes.transData, x=font * 0.5, units="dots")  # a dot is a point at 72 dpi
    for y, (_, label, colour, marker) in zip(ys, placed, strict=True):
        value = back.transform((0, y))[1]
        axes.plot(
            [x], [value], marker=marker, color=colour, markersize=font * 0.45, clip_on=False, transform=beside
        )
        axes.annotate(
            label,
            (x, value),
            xytext=(font * 1.1, 0),
            textcoords="offset points",
            va="center",
            annotation_clip=False,
        )


def label_axes(axes: Axes, spec: ChartSpec, font: float) -> None:
    if spec.size == "small":
        shown = [
            i for i, tick in enumerate(spec.ticks) if i == 0 or year_of(tick) != year_of(spec.ticks[i - 1])
        ]
        labels = [year_of(spec.ticks[i]) for i in shown]
    else:
        every = tick_step(len(spec.ticks), 12 if spec.size == "wide" else 5)
        shown = list(range(0, len(spec.ticks), every))
        labels = [year_tick(spec.ticks[i], spec.ticks[i - every] if i else None) for i in shown]
        axes.set_title("\n".join(title_lines(spec)), pad=font)
        axes.set_ylabel(short(spec.unit, 40))
    axes.set_xticks(shown, labels)


def year_of(tick: str) -> str:
    return tick.rpartition(" ")[2]


def tick_step(count: int, room: int) -> int:
    step = 1
    while count / step > room:
        step = {1: 2, 2: 3, 3: 6, 6: 12}.get(step, step * 2)
    return step


def year_tick(tick: str, before: str | None) -> str:
    """'Jan\\n2025' where the year differs from the tick shown before (or none is), else 'Apr'."""
    name, _, year = tick.partition(" ")
    if not year:
        return name
    return f"{name}\n{year}" if before is None or year != year_of(before) else name


ID = re.compile(r'\sid="([^"]+)"')
REF = re.compile(r'(["(])#([A-Za-z][\w.-]*)([")])')  # "#m1a2b" or url(#p3c4d): a reference to an id
TAG = re.compile(r"<[^>]+>")  # matplotlib escapes '<' and '>' in text and attributes alike
VIEW_BOX = re.compile(r'viewBox="([^"]+)"')


def inline_svg(svg: str, spec: ChartSpec) -> str:
    """matplotlib's SVG made fit to sit in a page: no XML prolog or metadata, no stylesheet that
    would reach the page, ids unique to the chart, the page's colours and font."""
    key = spec.key[:12]
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'<style type="text/css">.*?</style>', "", svg, flags=re.S)
    svg = re.sub(r"<defs>\s*</defs>\s*", "", svg)
    used = {ref[2] for tag in TAG.findall(svg) for ref in REF.finditer(tag)}

    def fit(tag: re.Match[str]) -> str:
        """Only the markup is rewritten: a name's text may hold anything these patterns match."""
        text = ID.sub(lambda m: f' id="la-{key}-{m[1]}"' if m[1] in used else "", tag[0])
        text = REF.sub(lambda m: f"{m[1]}#la-{key}-{m[2]}{m[3]}", text)
        text = re.sub(r"font-family: [^;\"]*;?\s*", "", text)
        text = re.sub(
            r"#0a([0-9a-f]{2})0a", lambda m: f"var(--la-series-{int(m[1], 16) % PALETTE_SIZE})", text
        )
        return text.replace(INK, "currentColor")

    svg = TAG.sub(fit, svg)
    box = VIEW_BOX.search(svg)
    root = (
        f'<svg viewBox="{box[1] if box else ""}" xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink" class="la-chart la-chart--{spec.size}" role="img" '
        f'aria-label="{html.escape(spec.title)}">'
    )
    svg = root + svg[svg.index(">") + 1 :]
    return "\n".join(line.rstrip() for line in svg.splitlines() if line.strip()) + "\n"
