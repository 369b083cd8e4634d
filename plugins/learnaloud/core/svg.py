"""SVG files beside the Markdown are published as they are, so they must carry no code."""

from __future__ import annotations

import re

SCRIPT = re.compile(rb"<\s*script", re.IGNORECASE)
EVENT_HANDLER = re.compile(rb"\son[a-z]+\s*=", re.IGNORECASE)
EXTERNAL = re.compile(rb"""(?:href|src)\s*=\s*["']\s*(?:[a-z][a-z0-9+.-]*:|//)""", re.IGNORECASE)
FOREIGN = re.compile(rb"<\s*foreignObject", re.IGNORECASE)


def svg_problem(data: bytes) -> str | None:
    """What makes an SVG unsafe to publish as it is, or None."""
    if SCRIPT.search(data):
        return "contains a script"
    if EVENT_HANDLER.search(data):
        return "contains an event handler (an on…= attribute)"
    if FOREIGN.search(data):
        return "contains embedded HTML (foreignObject)"
    if EXTERNAL.search(data):
        return "refers to an external address or a script URL"
    return None
