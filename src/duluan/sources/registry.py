"""Make a source from its kind, location and options, as the CLI and config name them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from ..errors import UnknownSourceKind, UsageError
from .base import Source
from .exports import CsvExportSource, FieldMapping, JsonlExportSource
from .feeds import FeedSource
from .folders import FolderSource
from .http import FetchState, PoliteFetcher
from .pages import PageSource

T = TypeVar("T")

SOURCE_KINDS = ("feed", "page", "jsonl", "csv", "folder")

# The options each kind understands; anything else is a typo worth reporting.
_OPTIONS: dict[str, tuple[str, ...]] = {
    "feed": ("fetcher", "state"),
    "page": ("fetcher", "default_kind"),
    "jsonl": ("mapping", "default_kind"),
    "csv": ("mapping", "default_kind"),
    "folder": ("recursive", "default_kind"),
}


def make_source(kind: str, location: str, options: Mapping[str, object] | None = None) -> Source:
    """The reader for `kind` at `location`; options carry `mapping`, `default_kind`..."""
    if kind not in SOURCE_KINDS:
        raise UnknownSourceKind(
            f"unknown source kind '{kind}'; expected one of: {', '.join(SOURCE_KINDS)}"
        )
    options = dict(options or {})
    unknown = sorted(set(options) - set(_OPTIONS[kind]))
    if unknown:
        raise UsageError(
            f"unknown option '{unknown[0]}' for source kind '{kind}'; "
            f"expected one of: {', '.join(_OPTIONS[kind])}"
        )
    fetcher = _optional(options, "fetcher", PoliteFetcher)
    if kind == "feed":
        return FeedSource(location, fetcher, _optional(options, "state", FetchState))
    if kind == "page":
        return PageSource([location], fetcher, kind=str(options.get("default_kind") or "page"))
    if kind == "folder":
        return FolderSource(
            location,
            recursive=bool(options.get("recursive", True)),
            kind=str(options.get("default_kind") or "page"),
        )
    mapping = options.get("mapping")
    if mapping is not None and not isinstance(mapping, str | FieldMapping):
        raise UsageError(f"option 'mapping' should be text like 'text=message', not {mapping!r}")
    if not isinstance(mapping, FieldMapping):
        mapping = FieldMapping.from_spec(mapping)
    default_kind = str(options.get("default_kind") or "post")
    if kind == "jsonl":
        return JsonlExportSource(location, mapping, default_kind)
    return CsvExportSource(location, mapping, default_kind)


def _optional(options: Mapping[str, object], name: str, expected: type[T]) -> T | None:
    value = options.get(name)
    if value is None or isinstance(value, expected):
        return value
    raise UsageError(f"option '{name}' should be a {expected.__name__}, not {type(value).__name__}")
