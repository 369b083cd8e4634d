"""Pure functions over the published view: who wrote what, about which theme, learned from whom."""

from .indexes import Indexes, index_published

__all__ = ["Indexes", "index_published"]
