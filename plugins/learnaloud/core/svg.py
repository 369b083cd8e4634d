"""SVG files beside the Markdown are published as they are, so they must carry no code. The file
is parsed as XML (no DOCTYPE, so no entities) and every element and attribute is looked at."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

DECLARATIONS = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# ElementTree drops processing instructions, so they are looked for in the text (UTF-8 only, so no
# other encoding can hide them): only the XML declaration may open the file
# (`<?xml-stylesheet … xsl?>` would run an XSLT program).
XML_DECLARATION = re.compile(r"\A\s*<\?xml\s[^>]*\?>")
DECLARED_ENCODING = re.compile(r"""encoding\s*=\s*["']([^"']*)["']""")
PROCESSING_INSTRUCTION = re.compile(r"<\?")
# Browsers render HTML and MathML elements inside an SVG document: a <meta http-equiv="refresh">,
# an <img srcset> or a <video poster> navigates or fetches without any script.
FOREIGN_NAMESPACES = ("http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML")
# CSS, once its escapes (`@\69mport`) and comments are undone: anything that fetches.
CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(.))", re.DOTALL)
CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
CSS_FETCH = re.compile(r"@import|image-set\(|image\(|src\(|url\((?!\s*['\"]?\s*#)", re.IGNORECASE)
CODE_ELEMENTS = {"script", "handler", "listener"}
EMBEDDING_ELEMENTS = {"foreignobject", "iframe", "embed", "object"}
ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
LINK_ATTRIBUTES = {"href", "src"}
# Browsers ignore ASCII whitespace and control characters inside a URL's scheme ("java\tscript:").
IGNORED_IN_URLS = re.compile(r"[\x00-\x20]+")
SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
# Characters XML 1.0 cannot hold (C0 controls but tab, newline and return; surrogates; U+FFFE and
# U+FFFF) and the C1 controls it discourages.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def coordinate(value: float) -> str:
    """A length or position in the SVG the build draws (charts, the travel diagram): a tenth of a
    pixel is finer than a screen shows, and the same value is always the same text."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def local(name: str) -> str:
    """A tag or attribute name without its XML namespace, lower case."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def leaves_the_file(url: str) -> bool:
    # Browsers read a backslash as '/' in URLs: two of them start another host.
    return bool(SCHEME.match(IGNORED_IN_URLS.sub("", url).replace("\\", "/")))


def css_unescaped(text: str) -> str:
    def char(match: re.Match[str]) -> str:
        if match[1]:
            code = int(match[1], 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return "" if match[2] == "\n" else match[2]

    return CSS_COMMENT.sub("", CSS_ESCAPE.sub(char, text))


def fetches(css: str) -> bool:
    """Whether CSS (a style sheet, a style attribute or a presentation attribute such as
    fill="url(…)") would load anything from outside the file."""
    return bool(CSS_FETCH.search(css_unescaped(css)))


def svg_problem(data: bytes) -> str | None:
    """What makes an SVG unsafe to publish as it is, or None."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "is not saved as UTF-8 text"
    declaration = XML_DECLARATION.match(text)
    encoding = DECLARED_ENCODING.search(declaration[0]) if declaration else None
    if encoding is not None and encoding[1].lower().replace("_", "-") not in ("utf-8", "utf8"):
        return f"declares the encoding {encoding[1]}, not UTF-8"
    if DECLARATIONS.search(text):
        return "declares a DOCTYPE or entities"
    if PROCESSING_INSTRUCTION.search(text, declaration.end() if declaration else 0):
        return "contains a processing instruction (<?…?>), such as a style sheet link"
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return "is not well-formed XML"
    for element in root.iter():
        tag = local(str(element.tag))
        if str(element.tag).startswith(tuple("{" + ns for ns in FOREIGN_NAMESPACES)):
            return f"contains an HTML or MathML element (<{tag}>)"
        if tag in CODE_ELEMENTS:
            return "contains a script"
        if tag in EMBEDDING_ELEMENTS:
            return "contains embedded HTML (foreignObject)" if tag == "foreignobject" else f"embeds a <{tag}>"
        if tag in ANIMATIONS and local(element.get("attributeName", "")) in LINK_ATTRIBUTES:
            return "animates a link into place"
        if tag == "style" and fetches("".join(element.itertext())):
            return "loads external styles"
        for name, value in element.attrib.items():
            attribute = local(name)
            if attribute.startswith("on"):
                return "contains an event handler (an on…= attribute)"
            if attribute in LINK_ATTRIBUTES and leaves_the_file(value):
                return "refers to an external address or a script URL"
            if fetches(value):
                return "loads external styles"
    return None
