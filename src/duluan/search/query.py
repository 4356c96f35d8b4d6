"""Searching documents: words (diacritics and teencode ignored) and filters, a page at a time.

A page is found in two steps: (1) the ids and sort keys of the next `limit` matches, from
the full-text index joined to the filter tables, without reading any text; (2) the rows
of those ids only, with source and enrichment, and a snippet around the first match.
Pages follow each other by a cursor holding the last sort key and id (keyset
pagination): no OFFSET, so page 500 costs what page 1 does, and documents ingested
meanwhile neither repeat a hit nor shift one out of sight.

Order. "newest" (the default): published_at descending, then id; on SQLite with words,
the index's time keys (the second of publication, then id: index.py), which lets the
scan stop after one page however frequent the words. "relevance": BM25 on
SQLite, ts_rank on PostgreSQL. Measured on 200,000 documents (benchmarks/search.py,
benchmarks/RESULTS.md) relevance costs more for frequent words (every match is scored)
and, on PostgreSQL, re-parses the text of every match; and analysts follow what people say
now, so newest comes first unless asked. A relevance cursor is stable while the index does
not change; ingestion between two pages changes the scores slightly.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, text
from sqlalchemy.sql import Executable
from sqlalchemy.sql.elements import BindParameter

from ..analysis.privacy import public_url
from ..errors import UsageError
from ..records import DATE_FROM_FETCH, DOCUMENT_KINDS
from ..store.schema import UTCDateTime, documents, enrichments, sources
from .index import FTS_TABLE, ID_BITS, ID_MASK, seconds_key
from .normalise import Term, parse_query
from .snippets import snippet

__all__ = ["MAX_LIMIT", "SORTS", "Hit", "SearchPage", "SearchQuery", "Matches", "check_query", "count_matches", "search_documents"]

MAX_LIMIT = 200
MAX_QUERY_CHARS = 1000
SORTS = ("newest", "relevance")
SENTIMENTS = ("negative", "neutral", "positive")
COMPLAINT_P = 0.5


@dataclass(frozen=True)
class SearchQuery:
    """What to look for. Empty `text` means every document the filters allow, newest first."""

    text: str = ""
    start: datetime | None = None  # published_at >= start (aware)
    end: datetime | None = None  # published_at < end (aware)
    kinds: tuple[str, ...] = ()  # document kinds: news, post, comment, page
    source_kinds: tuple[str, ...] = ()  # feed, page, jsonl, csv, folder
    concern: str | None = None
    category: str | None = None
    sentiment: str | None = None
    complaint_only: bool = False  # complaint_p >= 0.5
    province_code: str | None = None  # new-unit codes (since 1 July 2025)
    ward_codes: tuple[str, ...] = ()
    topic_id: int | None = None
    dated_only: bool = False  # leave out documents dated by their fetch (as the alerts count)
    limit: int = 20  # 1..200
    cursor: str | None = None  # opaque, from the previous page
    sort: str = "newest"  # or "relevance" (text queries only)


@dataclass(frozen=True)
class Hit:
    document_id: int
    story_id: int
    kind: str
    source: str | None
    source_kind: str | None
    url: str | None
    title: str | None
    snippet: str  # plain text, redacted at ingestion; the web layer escapes it
    published_at: datetime
    category: str | None
    sentiment: str | None
    concern: str | None


@dataclass(frozen=True)
class SearchPage:
    hits: list[Hit]
    next_cursor: str | None
    query: SearchQuery
    terms: tuple[str, ...]  # the normalised terms searched: "ngap", "thu duc", "ngap*"


class BadCursor(UsageError):
    pass


def _choices(values: tuple[str, ...], allowed: tuple[str, ...], what: str) -> None:
    for value in values:
        if value not in allowed:
            raise UsageError(f"unknown {what} {value!r}; choose one of: {', '.join(allowed)}")


def check_query(query: SearchQuery) -> SearchQuery:
    """The query if it can run, else a UsageError naming the bad value and the choices.

    A category may be given by its id or its name ("Pháp luật"); the id is returned.
    """
    if not 1 <= query.limit <= MAX_LIMIT:
        raise UsageError(f"limit {query.limit} is out of range; choose 1 to {MAX_LIMIT}")
    if len(query.text) > MAX_QUERY_CHARS:
        raise UsageError(f"the query has {len(query.text)} characters; shorten it to {MAX_QUERY_CHARS}")
    for name in ("start", "end"):
        value = getattr(query, name)
        if value is not None and value.tzinfo is None:
            raise UsageError(f"{name} {value.isoformat()} has no time zone; give an aware datetime")
    if query.start and query.end and query.start > query.end:
        raise UsageError(f"start {query.start.isoformat()} is after end {query.end.isoformat()}")
    _choices(query.kinds, DOCUMENT_KINDS, "document kind")
    _choices((query.sort,), SORTS, "sort order")
    if query.sentiment is not None:
        _choices((query.sentiment,), SENTIMENTS, "sentiment")
    # The label sets live beside their models; imported only when asked for (the models'
    # modules take a second to import).
    if query.source_kinds:
        from ..sources.registry import SOURCE_KINDS

        _choices(query.source_kinds, SOURCE_KINDS, "source kind")
    if query.concern is not None:
        from ..enrich.concerns import CONCERN_IDS

        _choices((query.concern,), CONCERN_IDS, "concern")
    if query.category is not None:
        from ..enrich.pipeline import CATEGORY_NAMES

        by_name = {name.casefold(): key for key, name in CATEGORY_NAMES.items()}
        category = by_name.get(query.category.casefold(), query.category)
        _choices((category,), tuple(CATEGORY_NAMES), "category")
        query = replace(query, category=category)
    return query


# ---------------------------------------------------------------------------- cursors


# What a cursor's sort key is: a publication time, an FTS time key (SQLite, newest
# first with words; see index.py) or a relevance score.
SortKey = datetime | int | float


def encode_cursor(order: str, key: SortKey, document_id: int) -> str:
    value = key.isoformat() if isinstance(key, datetime) else key
    raw = json.dumps({"s": order, "k": value, "i": document_id}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, order: str) -> tuple[SortKey, int]:
    """(sort key, document id) after which the next page of this `order` starts."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        key, document_id = data["k"], data["i"]
        if data["s"] != order or type(document_id) is not int:
            raise ValueError("another order")
        if order == "newest":
            key = datetime.fromisoformat(key)
            if key.tzinfo is None:
                raise ValueError("naive time")
        elif order == "newest-key" and type(key) is not int:
            raise ValueError("not a key")
        elif order == "relevance":
            if type(key) not in (int, float):
                raise ValueError("not a score")
            key = float(key)
        return key, document_id
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error, UnicodeDecodeError) as exc:
        raise BadCursor("bad cursor; start again without one") from exc


# ---------------------------------------------------------------------------- SQL


def match_expression(terms: tuple[Term, ...], dialect: str) -> str:
    """The FTS5 MATCH or tsquery text, built from normalised words only.

    Words hold letters and digits alone (see normalise.py), and each is quoted besides,
    so nothing a person types can act as query syntax.
    """
    parts = []
    for term in terms:
        if dialect == "sqlite":
            part = '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")
            parts.append(f'({part} OR "{term.literal}")' if term.literal else part)
        else:
            words = [f"'{w}'" for w in term.words]
            if term.prefix:
                words[-1] += ":*"
            part = " <-> ".join(words)
            parts.append(f"({part} | '{term.literal}')" if term.literal else f"({part})")
    return (" AND " if dialect == "sqlite" else " & ").join(parts)


@dataclass
class _Plan:
    """The pieces of step 1's SELECT, collected from the query."""

    tables: list[str]
    where: list[str]
    params: dict[str, Any]
    joiner: str
    rank: str | None = None


def _plan(query: SearchQuery, terms: tuple[Term, ...], dialect: str, order: str) -> _Plan:
    has_text = bool(terms)
    # With words, the full-text index drives the loop and each filter is a lookup per
    # match; CROSS JOIN tells SQLite to keep that order (it might otherwise probe the
    # index once per row of a filter). Without words, the planner picks the most
    # selective index, so filters are written as joins and IN subqueries it can start from.
    plan = _Plan(tables=[], where=[], params={}, joiner=" CROSS JOIN " if has_text and dialect == "sqlite" else ", ")
    if has_text:
        plan.params["match"] = match_expression(terms, dialect)
        if dialect == "sqlite":
            plan.tables = [FTS_TABLE, "documents AS d"]
            plan.where += [f"{FTS_TABLE} MATCH :match", f"d.id = ({FTS_TABLE}.rowid & {ID_MASK})"]
            plan.rank = f"bm25({FTS_TABLE})"
            # A date range is also a range of the index's time keys: read only that part.
            if query.start is not None:
                plan.where.append(f"{FTS_TABLE}.rowid >= :k_start")
                plan.params["k_start"] = seconds_key(query.start)
            if query.end is not None:
                plan.where.append(f"{FTS_TABLE}.rowid < :k_end")
                plan.params["k_end"] = seconds_key(query.end) + (1 << ID_BITS)
        else:
            # A plain join: with the words stored as a tsvector column (migration 0008)
            # and its statistics, PostgreSQL chooses. Frequent words: it walks the
            # documents newest first and checks each one's stored words until a page is
            # full (under a millisecond at 1M). Rare words: it collects the few matches
            # from the GIN index, then sorts them. (Before 0008 each check parsed the
            # text again, so the matches had to be collected first: seconds when frequent.)
            plan.tables = ["document_search AS ds", "documents AS d"]
            plan.where += ["d.id = ds.document_id", "ds.words @@ to_tsquery('simple', :match)"]
            # In double precision: a real (float4) would not survive the trip through the cursor.
            plan.rank = "-CAST(ts_rank(ds.words, to_tsquery('simple', :match)) AS double precision)"
    else:
        plan.tables = ["documents AS d"]
    if query.start is not None:
        plan.where.append("d.published_at >= :start")
        plan.params["start"] = query.start
    if query.end is not None:
        plan.where.append("d.published_at < :end")
        plan.params["end"] = query.end
    if query.dated_only:
        plan.where.append("d.flags NOT LIKE :undated")
        plan.params["undated"] = f"%{DATE_FROM_FETCH}%"
    if query.kinds:
        plan.where.append("d.kind IN :kinds")
        plan.params["kinds"] = list(query.kinds)
    if query.source_kinds:
        plan.tables.append("sources AS s")
        plan.where += ["s.id = d.source_id", "s.kind IN :source_kinds"]
        plan.params["source_kinds"] = list(query.source_kinds)
    if query.concern or query.category or query.sentiment or query.complaint_only:
        # A concern, category or sentiment holds a large share of all documents: reading
        # the newest documents and checking each is faster than collecting the whole
        # share and sorting it, so SQLite is kept off their indexes (unary +).
        plus = "+" if dialect == "sqlite" else ""
        plan.tables.append("enrichments AS e")
        plan.where.append("e.document_id = d.id")
        for name in ("concern", "category", "sentiment"):
            if getattr(query, name):
                plan.where.append(f"{plus}e.{name} = :{name}")
                plan.params[name] = getattr(query, name)
        if query.complaint_only:
            plan.where.append(f"e.complaint_p >= {COMPLAINT_P}")
    # The same reasoning for a province (a large share: checked per document), while a
    # ward holds few documents: without words they are collected first, then sorted.
    if query.province_code:
        plan.params["province"] = query.province_code
        plan.where.append(
            "EXISTS (SELECT 1 FROM document_places AS p WHERE p.document_id = d.id AND p.province_code = :province)"
        )
    if query.ward_codes:
        plan.params["wards"] = list(query.ward_codes)
        if has_text:
            plan.where.append(
                "EXISTS (SELECT 1 FROM document_places AS p WHERE p.document_id = d.id AND p.ward_code IN :wards)"
            )
        else:
            plan.where.append("d.id IN (SELECT p.document_id FROM document_places AS p WHERE p.ward_code IN :wards)")
    if query.topic_id is not None:
        plan.params["topic"] = query.topic_id
        if has_text:
            plan.where.append(
                "EXISTS (SELECT 1 FROM story_topics AS st WHERE st.story_id = d.story_id AND st.topic_id = :topic)"
            )
        else:
            plan.where.append("d.story_id IN (SELECT st.story_id FROM story_topics AS st WHERE st.topic_id = :topic)")
    return plan


def order_of(query: SearchQuery, terms: tuple[Term, ...], dialect: str) -> str:
    """How this page is sorted: "relevance", "newest-key" (SQLite's time keys) or "newest"."""
    if not terms:
        return "newest"
    if query.sort == "relevance":
        return "relevance"
    return "newest-key" if dialect == "sqlite" else "newest"


def _step_one(query: SearchQuery, terms: tuple[Term, ...], dialect: str, order: str, limit: int) -> Executable:
    plan = _plan(query, terms, dialect, order)
    key = after = None
    if query.cursor:
        key, after = decode_cursor(query.cursor, order)
    if order == "relevance" and plan.rank is not None:
        columns, order_by = f"d.id AS id, {plan.rank} AS rank", "rank, d.id"
        if key is not None:
            plan.where.append(f"({plan.rank} > :c_key OR ({plan.rank} = :c_key AND d.id > :c_id))")
    elif order == "newest-key":
        # In the index's own order: no sort, and the scan stops after one page.
        columns, order_by = f"d.id AS id, {FTS_TABLE}.rowid AS key", f"{FTS_TABLE}.rowid DESC"
        if key is not None:
            # The key holds the id: it alone says where the page ended.
            plan.where.append(f"{FTS_TABLE}.rowid < :c_key")
            after = None
    else:
        columns, order_by = "d.id AS id, d.published_at AS published_at", "d.published_at DESC, d.id DESC"
        if key is not None:
            # The first condition alone can use the published_at index.
            plan.where.append("d.published_at <= :c_key AND (d.published_at < :c_key OR d.id < :c_id)")
    if key is not None:
        plan.params["c_key"] = key
    if after is not None:
        plan.params["c_id"] = after
    where = " AND ".join(plan.where) or "1 = 1"
    sql = f"SELECT {columns} FROM {plan.joiner.join(plan.tables)} WHERE {where} ORDER BY {order_by} LIMIT :limit"
    binds = _binds(plan)
    if isinstance(key, datetime):
        binds.append(bindparam("c_key", type_=UTCDateTime))
    statement = text(sql).bindparams(*binds, limit=limit, **plan.params)
    return statement.columns(published_at=UTCDateTime) if "published_at" in columns else statement


def _binds(plan: _Plan) -> list[BindParameter[Any]]:
    binds: list[BindParameter[Any]] = []
    for name in ("kinds", "source_kinds", "wards"):
        if name in plan.params:
            binds.append(bindparam(name, expanding=True))
    for name in ("start", "end"):
        if name in plan.params:
            binds.append(bindparam(name, type_=UTCDateTime))
    return binds


@dataclass(frozen=True)
class Matches:
    documents: int  # up to the cap
    stories: int  # distinct stories among those documents (copies of one count once)


def count_matches(engine: Engine, query: SearchQuery, cap: int) -> Matches:
    """How many documents match `query` from the start (its cursor ignored), and how many
    stories they make, counted over at most `cap` documents: a page says "1,000 or more"
    rather than scan every match of a common word."""
    query = check_query(query)
    terms = parse_query(query.text)
    if query.text.strip() and not terms:
        return Matches(0, 0)
    with engine.connect() as conn:
        dialect = conn.dialect.name
        plan = _plan(query, terms, dialect, order_of(query, terms, dialect))
        where = " AND ".join(plan.where) or "1 = 1"
        sql = (
            "SELECT COUNT(*), COUNT(DISTINCT story_id) FROM "
            f"(SELECT d.story_id AS story_id FROM {plan.joiner.join(plan.tables)} WHERE {where} LIMIT :cap) AS matches"
        )
        documents, stories = conn.execute(text(sql).bindparams(*_binds(plan), cap=cap, **plan.params)).one()
        return Matches(int(documents), int(stories))


def find_ids(conn: Connection, query: SearchQuery, terms: tuple[Term, ...], limit: int) -> list[tuple[int, SortKey]]:
    """Step 1: (document id, sort key) of up to `limit` matches after the cursor, in order."""
    order = order_of(query, terms, conn.dialect.name)
    rows = conn.execute(_step_one(query, terms, conn.dialect.name, order, limit)).all()
    return [(row[0], row[1]) for row in rows]


def load_rows(conn: Connection, ids: list[int], with_text: bool = True) -> dict[int, Any]:
    """Step 2: documents by id, with their source and enrichment; never an author field."""
    if not ids:
        return {}
    query = (
        select(
            documents.c.id, documents.c.story_id, documents.c.kind, documents.c.url, documents.c.title,
            documents.c.text, documents.c.published_at, documents.c.lang,
            sources.c.name.label("source"), sources.c.kind.label("source_kind"),
            enrichments.c.category, enrichments.c.sentiment, enrichments.c.concern,
            enrichments.c.complaint_p,
        )
        .select_from(
            documents.outerjoin(sources, sources.c.id == documents.c.source_id)
            .outerjoin(enrichments, enrichments.c.document_id == documents.c.id)
        )
        .where(documents.c.id.in_(ids))
    )
    return {row.id: row for row in conn.execute(query)}


def cursor_after(order: str, last: tuple[int, SortKey]) -> str:
    document_id, key = last
    if order == "relevance" and not isinstance(key, datetime):
        key = float(key)  # a score, even when it happens to be whole
    return encode_cursor(order, key, document_id)


def search_documents(engine: Engine, query: SearchQuery) -> SearchPage:
    """One page of the documents matching `query`, and the cursor of the next page."""
    query = check_query(query)
    terms = parse_query(query.text)
    shown = tuple(str(t) for t in terms)
    if query.text.strip() and not terms:
        # Only punctuation or symbols: nothing to search for, and not "everything".
        return SearchPage([], None, query, shown)
    with engine.connect() as conn:
        order = order_of(query, terms, conn.dialect.name)
        found = find_ids(conn, query, terms, query.limit + 1)
        page, more = found[: query.limit], len(found) > query.limit
        rows = load_rows(conn, [document_id for document_id, _ in page])
    hits = [_hit(rows[document_id], terms) for document_id, _ in page if document_id in rows]
    return SearchPage(hits, cursor_after(order, page[-1]) if more else None, query, shown)


def _hit(row: Any, terms: tuple[Term, ...]) -> Hit:
    return Hit(
        document_id=row.id, story_id=row.story_id, kind=row.kind, source=row.source,
        source_kind=row.source_kind, url=public_url(row.kind, row.url), title=row.title, snippet=snippet(row.text, terms),
        published_at=row.published_at, category=row.category, sentiment=row.sentiment,
        concern=row.concern,
    )
