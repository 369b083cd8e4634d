"""Material's navigation, tabs and header made once for the pages that show them alike. Material
renders them on every page (the navigation alone about a millisecond a page, the costliest part of
its template), yet they differ only by the sections open (the page's ancestors in the navigation)
and by where the page sits, as every link in them is relative to it. Pages that are not in the
navigation themselves (a record, a report) share them with every page of the same folder and the
same open sections: the first such page's, reused. Pages in the navigation (whose entry shows their
own table of contents) are made as Material makes them; so is the header's page title.

Learn Aloud's `partials/nav.html` and `partials/tabs.html` call `la_shared` around Material's own
(`material/partials/…`), and its `partials/header.html` around all but the title; a site that
overrides one of them makes its own, every page."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, PrefixLoader
from markupsafe import Markup
from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page

# Where Material's own templates are found when Learn Aloud's override has the same name.
MATERIAL_PREFIX = "material"


def with_material(loader: BaseLoader | None, material_templates: str) -> ChoiceLoader:
    """The theme's loader, and Material's templates under `material/` (checked first: the name
    always means Material's own)."""
    material = PrefixLoader({MATERIAL_PREFIX: FileSystemLoader(material_templates)})
    return ChoiceLoader([material, *([loader] if loader is not None else [])])


def walk(items: Iterable[StructureItem]) -> Iterator[StructureItem]:
    for item in items:
        yield item
        yield from walk(getattr(item, "children", None) or [])


class SharedNavigation:
    """The shared parts' HTML by the page's place, for one build's navigation. `linked`: the other
    addresses they link (the logo, a configured home page, other languages, search)."""

    def __init__(self, nav: Navigation, linked: Iterable[object] = ()) -> None:
        self.made: dict[tuple[str, str, bool, tuple[int, ...]], Markup] = {}
        items = list(walk(nav.items))
        urls = [item.url for item in items if isinstance(item, Page | Link)]
        # A page at or above an address it links links it differently from its neighbours (`x/`
        # links `x/reports/` as `reports/`, `y/` as `../x/reports/`): such a page makes its own.
        self.at_or_above: set[str] = set()
        for url in (*urls, *linked):
            if not isinstance(url, str):
                continue
            # Read as MkDocs' `url` filter reads it (normalize_url): `\\` as `/`, and `.`, `..`
            # and empty segments resolved (`./x/`, `../x/`, `a/../x/`, `a//x/` all link `x/`).
            address = urlsplit(url.replace("\\", "/"))
            if address.scheme or address.netloc:
                continue  # the same from every page
            parts = posixpath.normpath("/" + address.path).strip("/").split("/")
            self.at_or_above.update("/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1))
            self.at_or_above.add("/".join(parts))
        # Material's blog shows an entry's pages (`nav_item.pages`) by the page being made.
        self.usable = not any(hasattr(item, "pages") for item in items)

    def place(self, page: Page | None) -> tuple[str, bool, tuple[int, ...]] | None:
        """What the navigation of a page depends on: its folder, the form of its address and the
        sections open; None for a page that shows its own entry, or is at or above one."""
        if not self.usable or not isinstance(page, Page) or page.url in self.at_or_above:
            return None
        open_sections: list[int] = []
        parent = page.parent
        while parent is not None:
            open_sections.append(id(parent))
            parent = parent.parent
        return posixpath.dirname(page.url.rstrip("/")), page.url.endswith("/"), tuple(open_sections)

    def shared(self, name: str, page: Page | None, caller: Callable[[], str]) -> Markup:
        """`{% call la_shared(name, page) %}…{% endcall %}`: the call's HTML, made once a place."""
        place = self.place(page)
        if place is None:
            return Markup(caller())
        key = (name, *place)
        if (made := self.made.get(key)) is None:
            made = self.made[key] = Markup(caller())
        return made
