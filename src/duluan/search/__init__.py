"""Full-text search over documents that ignores diacritics and understands teencode.

"ngap nuoc thu duc" finds "Ngập nước ở Thủ Đức", "ko co dien" finds "không có điện":
documents are indexed, and queries read, in one normal form (normalise.py). SQLite
searches with FTS5, PostgreSQL with a GIN text-search index (index.py); both answer the
same `SearchQuery` with a `SearchPage` of hits and the cursor of the next page (query.py),
and `export_documents` writes every match as CSV or JSON Lines (export.py).

    from duluan.search import SearchQuery, search_documents
    page = search_documents(engine, SearchQuery("ngap nuoc thu duc", kinds=("post",)))
"""

from __future__ import annotations

from .export import EXPORT_FORMATS, export_documents
from .index import index_documents, reindex
from .normalise import normalise_query, search_form
from .query import (
    SORTS,
    BadCursor,
    Hit,
    Matches,
    SearchPage,
    SearchQuery,
    check_query,
    count_matches,
    search_documents,
)

__all__ = [
    "EXPORT_FORMATS",
    "SORTS",
    "BadCursor",
    "Hit",
    "Matches",
    "SearchPage",
    "SearchQuery",
    "check_query",
    "count_matches",
    "export_documents",
    "index_documents",
    "normalise_query",
    "reindex",
    "search_documents",
    "search_form",
]
