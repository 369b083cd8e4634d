"""A Markdown extension that keeps contributor ids and classes in slug form before the table of
contents is made: Material writes toc ids into attributes raw, so `{ id='x" onfocus=…' }` or
`{: #__config }` must never reach it. The ids the site's templates use (`la-…`) stay theirs: the
table of contents makes no heading id of that form."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..core.sanitize import contributor_slug, safe_classes, safe_id

# After attr_list (8) has set attributes, before toc (5) reads them.
PRIORITY = 6


class SafeNames(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        keep_site_ids(self.md)
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


def keep_site_ids(md: Markdown) -> None:
    """Have the table of contents (which runs next) make no heading id in the site's own `la-`
    form, whatever slugify the site configured; its links and permalinks follow."""
    if "toc" not in md.treeprocessors:
        return
    toc = md.treeprocessors["toc"]
    slugify = getattr(toc, "slugify", None)
    if slugify is None or getattr(slugify, "keeps_site_ids", False):
        return

    def contributor_slugify(value: str, separator: str) -> str:
        return contributor_slug(slugify(value, separator))

    contributor_slugify.keeps_site_ids = True  # type: ignore[attr-defined]
    toc.slugify = contributor_slugify  # type: ignore[attr-defined]


class SafeNamesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(SafeNames(md), "learnaloud_safe_names", PRIORITY)
