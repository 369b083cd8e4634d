"""Atomic publishing: a build writes into a staging folder beside the site, which takes the site's
place only when the whole build succeeded. Whatever fails — the content, a Markdown extension, a
template, another plugin — the last good site stays byte-identical."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StagedSite:
    site: Path

    @property
    def staging(self) -> Path:
        return self.site.with_name(self.site.name + ".learnaloud-staging")

    @property
    def previous(self) -> Path:
        return self.site.with_name(self.site.name + ".learnaloud-previous")

    def start(self) -> Path:
        """An empty staging folder (a build stopped halfway may have left one)."""
        self.abandon()
        shutil.rmtree(self.previous, ignore_errors=True)
        return self.staging

    def publish(self) -> None:
        """The staged site in the site's place: two renames, so a reader never sees half of one."""
        self.staging.mkdir(parents=True, exist_ok=True)
        if self.site.exists():
            self.site.rename(self.previous)
        self.staging.rename(self.site)
        shutil.rmtree(self.previous, ignore_errors=True)

    def abandon(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
