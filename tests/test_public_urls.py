"""A post's or comment's address can name its author: evidence, search and exports show
links only for press articles and web pages."""

from __future__ import annotations

import io
import json

from sqlalchemy import Engine, update

from analysis_data import START, add_posts
from duluan.analysis.evidence import evidence_documents
from duluan.search import SearchQuery, export_documents, reindex, search_documents
from duluan.store.schema import documents


def test_links_are_shown_for_news_and_withheld_for_posts(sqlite_engine: Engine) -> None:
    [post] = add_posts(sqlite_engine, START, 1, text="Rác tràn ra đường ở đầu hẻm")
    [news] = add_posts(sqlite_engine, START, 1, kind="news", text="Rác tràn ra đường, phường ra quân thu gom")
    with sqlite_engine.begin() as conn:
        conn.execute(update(documents).where(documents.c.id == post).values(url="https://facebook.com/nguyen.van.a/posts/1"))
        conn.execute(update(documents).where(documents.c.id == news).values(url="https://bao.example.vn/rac-tran.html"))
    reindex(sqlite_engine)
    links = {d.id: d.url for d in evidence_documents(sqlite_engine, [post, news])}
    assert links == {post: None, news: "https://bao.example.vn/rac-tran.html"}
    hits = {h.document_id: h.url for h in search_documents(sqlite_engine, SearchQuery(text="rac tran")).hits}
    assert hits == {post: None, news: "https://bao.example.vn/rac-tran.html"}
    out = io.StringIO()
    export_documents(sqlite_engine, SearchQuery(text="rac tran"), "jsonl", out)
    exported = {row["id"]: row["url"] for row in map(json.loads, out.getvalue().splitlines())}
    assert exported == {post: None, news: "https://bao.example.vn/rac-tran.html"}
    assert "nguyen.van.a" not in out.getvalue()
