"""The same storage tests on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, select

from duluan.search.index import PG_WORDS
from duluan.store import repository as repo
from duluan.store.db import current_revision, head_revision, migrate
from duluan.store.schema import documents, metadata, rejects


def test_migrations_build_exactly_the_declared_schema(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        # The full-text index (SQLite's FTS5 tables, PostgreSQL's GIN index and the stored
        # tsvector column it reads) is not declared: it is duluan.search.index's.
        opts = {
            "compare_type": True,
            "include_name": lambda name, type_, parents: not (name or "").startswith("document_search_fts")
            and not (type_ == "column" and name == PG_WORDS and parents.get("table_name") == "document_search"),
        }
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), metadata)
    assert diff == []


def test_migrate_twice_is_harmless(engine: Engine) -> None:
    migrate(engine)
    assert current_revision(engine) == head_revision()


def test_sources_round_trip(engine: Engine) -> None:
    source_id = repo.add_source(engine, "tin-tuc", "feed", "/tmp/a.xml", {"default_kind": "news"})
    row = repo.get_source(engine, "tin-tuc")
    assert (row.id, row.kind, row.options) == (source_id, "feed", {"default_kind": "news"})
    repo.record_source_run(engine, source_id, {"etag": '"abc"'}, None)
    assert repo.get_source(engine, "tin-tuc").fetch_state == {"etag": '"abc"'}
    repo.remove_source(engine, "tin-tuc")
    assert repo.list_sources(engine) == []


def test_duplicate_source_name_is_a_usage_error(engine: Engine) -> None:
    import pytest

    from duluan.errors import UsageError

    repo.add_source(engine, "a", "csv", "/tmp/a.csv", {})
    with pytest.raises(UsageError, match="exists already"):
        repo.add_source(engine, "a", "csv", "/tmp/b.csv", {})


def test_rejects_are_stored_once(engine: Engine) -> None:
    run_id = repo.start_run(engine, "test", None)
    row = {
        "run_id": run_id, "source_id": None, "origin": "x.jsonl:3", "reason": "broken_json",
        "message": "line 3", "raw": "{oops", "raw_hash": repo.reject_hash(None, "x.jsonl:3", "broken_json", "{oops"),
        "created_at": repo.utcnow(),
    }
    with engine.begin() as conn:
        assert repo.insert_rejects(conn, [row, dict(row)]) == 1
    with engine.begin() as conn:
        assert repo.insert_rejects(conn, [row]) == 0
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(rejects)).scalar_one() == 1
        assert conn.execute(select(func.count()).select_from(documents)).scalar_one() == 0


def test_upgrade_from_first_revision_keeps_data(tmp_path) -> None:
    from duluan.store.db import make_engine, sqlite_url

    engine = make_engine(sqlite_url(tmp_path / "old.db"))
    migrate(engine, "0001")
    assert current_revision(engine) == "0001"
    repo.add_source(engine, "cu", "csv", "/tmp/cu.csv", {})
    migrate(engine)
    assert current_revision(engine) == head_revision() != "0001"
    assert [s.name for s in repo.list_sources(engine)] == ["cu"]


def test_an_outdated_workspace_asks_for_migrate(tmp_path) -> None:
    import pytest

    from duluan.errors import StoreError
    from duluan.store.db import check_up_to_date, make_engine, sqlite_url

    engine = make_engine(sqlite_url(tmp_path / "old.db"))
    migrate(engine, "0001")
    with pytest.raises(StoreError, match="duluan migrate"):
        check_up_to_date(engine)
