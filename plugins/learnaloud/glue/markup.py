"""A Markdown extension that keeps contributor ids and classes in slug form before the table of
contents is made: Material writes toc ids into attributes raw, so `{ id='x" onfocus=…' }` or
`{: #__config }` must never reach it."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..core.sanitize import safe_classes, safe_id

# After attr_list (8) has set attributes, before toc (5) reads them.
PRIORITY = 6


class SafeNames(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            element.attrib.pop("data-toc-label", None)  # toc would place it as the entry's markup
            for name, rule in (("id", safe_id), ("class", safe_classes)):
                value = element.get(name)
                if value is None:
                    continue
                safe = rule(value)
                if safe is None:
                    del element.attrib[name]
                else:
                    element.set(name, safe)


class SafeNamesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(SafeNames(md), "learnaloud_safe_names", PRIORITY)
