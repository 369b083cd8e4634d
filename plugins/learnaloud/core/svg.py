"""SVG files beside the Markdown are published as they are, so they must carry no code. The file
is parsed as XML (no DOCTYPE, so no entities) and every element and attribute is looked at."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

DECLARATIONS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
CODE_ELEMENTS = {"script", "handler", "listener"}
EMBEDDING_ELEMENTS = {"foreignobject", "iframe", "embed", "object"}
ANIMATIONS = {"set", "animate"}
LINK_ATTRIBUTES = {"href", "src"}
# Browsers ignore ASCII whitespace and control characters inside a URL's scheme ("java\tscript:").
IGNORED_IN_URLS = re.compile(r"[\x00-\x20]+")
SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def local(name: str) -> str:
    """A tag or attribute name without its XML namespace, lower case."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def leaves_the_file(url: str) -> bool:
    return bool(SCHEME.match(IGNORED_IN_URLS.sub("", url)))


def svg_problem(data: bytes) -> str | None:
    """What makes an SVG unsafe to publish as it is, or None."""
    if DECLARATIONS.search(data):
        return "declares a DOCTYPE or entities"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return "is not well-formed XML"
    for element in root.iter():
        tag = local(str(element.tag))
        if tag in CODE_ELEMENTS:
            return "contains a script"
        if tag in EMBEDDING_ELEMENTS:
            return "contains embedded HTML (foreignObject)" if tag == "foreignobject" else f"embeds a <{tag}>"
        if tag in ANIMATIONS and local(element.get("attributeName", "")) in LINK_ATTRIBUTES:
            return "animates a link into place"
        if tag == "style" and re.search(r"@import|url\(\s*['\"]?\s*[^#\s'\")]", element.text or ""):
            return "loads external styles"
        for name, value in element.attrib.items():
            attribute = local(name)
            if attribute.startswith("on"):
                return "contains an event handler (an on…= attribute)"
            if attribute in LINK_ATTRIBUTES and leaves_the_file(value):
                return "refers to an external address or a script URL"
            if attribute == "style" and re.search(r"url\(\s*['\"]?\s*[^#\s'\")]", value):
                return "loads external styles"
    return None
