"""The travel diagram: places on a circle, an arrow for each place another learned from. Plain SVG,
drawn at build time, styled by the site's CSS (so it follows the light and dark schemes)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from .svg import coordinate

WIDTH, HEIGHT = 760, 460
CENTRE_X, CENTRE_Y, RADIUS = WIDTH / 2, HEIGHT / 2, 165
NODE = 11
BEND = 0.18  # how far an arrow bows to its right, so A→B and B→A stay apart


def positions(count: int) -> list[tuple[float, float]]:
    if count == 1:
        return [(CENTRE_X, CENTRE_Y)]
    return [
        (CENTRE_X + RADIUS * math.cos(angle), CENTRE_Y + RADIUS * math.sin(angle))
        for angle in (-math.pi / 2 + 2 * math.pi * i / count for i in range(count))
    ]


def arrow(start: tuple[float, float], end: tuple[float, float], count: int) -> str:
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    # Bow to the right of the direction of travel; stop short of both nodes.
    mx, my = (x1 + x2) / 2 - uy * BEND * length, (y1 + y2) / 2 + ux * BEND * length
    sx, sy = x1 + ux * (NODE + 3), y1 + uy * (NODE + 3)
    ex, ey = x2 - ux * (NODE + 9), y2 - uy * (NODE + 9)
    width = min(1.5 + 1.5 * (count - 1), 9.0)
    return (
        f'<path class="la-travel__flow" d="M{coordinate(sx)} {coordinate(sy)} Q{coordinate(mx)} {coordinate(my)} '
        f'{coordinate(ex)} {coordinate(ey)}" stroke-width="{coordinate(width)}" marker-end="url(#la-arrow)"/>'
    )


def label(x: float, y: float, name: str) -> str:
    dx, dy = x - CENTRE_X, y - CENTRE_Y
    distance = math.hypot(dx, dy) or 1.0
    lx, ly = x + dx / distance * (NODE + 8), y + dy / distance * (NODE + 8) + 5
    anchor = "middle" if abs(dx) < 30 else ("start" if dx > 0 else "end")
    if abs(dx) < 30:
        ly += 8 if dy > 0 else -4
    return f'<text class="la-travel__label" x="{coordinate(lx)}" y="{coordinate(ly)}" text-anchor="{anchor}">{escape(name)}</text>'


def travel_diagram(
    places: Sequence[tuple[str, str]], flows: Sequence[tuple[str, str, int]], title: str
) -> str:
    """An SVG of `places` (id, name) and `flows` (from place, to place, how many record links)."""
    at = dict(zip([pid for pid, _ in places], positions(len(places)), strict=True))
    parts = [
        f'<svg class="la-travel__diagram" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="la-travel-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="la-travel-title">{escape(title)}</title>',
        '<defs><marker id="la-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" '
        'orient="auto-start-reverse"><path class="la-travel__head" d="M0 0L10 5L0 10z"/></marker></defs>',
    ]
    parts += [arrow(at[source], at[learner], count) for source, learner, count in flows]
    for pid, name in places:
        x, y = at[pid]
        parts.append(
            f'<circle class="la-travel__node" cx="{coordinate(x)}" cy="{coordinate(y)}" r="{NODE}"/>'
        )
        parts.append(label(x, y, name))
    parts.append("</svg>")
    return "".join(parts)
