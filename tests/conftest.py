"""Shared fixtures: real SQLite files always, the real PostgreSQL at 127.0.0.1:5432 when it answers."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from duluan.store.db import make_engine, migrate, sqlite_url

# `duluan ingest` run in-process lowers its CPU priority (setting ingest_nice); the test
# process itself should keep its own. tests/test_cli_priority.py checks the setting.
os.environ.setdefault("DULUAN_INGEST_NICE", "0")

PG_URL = os.environ.get("DULUAN_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
DATA_DIR = Path(os.environ.get("DULUAN_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


def _postgres_available() -> str | None:
    """None when PostgreSQL answers, else the reason to skip."""
    try:
        engine = make_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure means: no server here
        return f"PostgreSQL not reachable at {PG_URL}: {type(exc).__name__}"


_PG_SKIP = _postgres_available()


def require_postgres() -> None:
    if _PG_SKIP is None:
        return
    # CI on a machine with PostgreSQL sets this so a broken server fails instead of skipping.
    if os.environ.get("DULUAN_REQUIRE_POSTGRES") == "1":
        pytest.fail(_PG_SKIP)
    pytest.skip(_PG_SKIP)


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    """A migrated PostgreSQL schema of its own, dropped afterwards."""
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine = make_engine(f"{PG_URL}?options=-csearch_path%3D{schema}")
    migrate(engine)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(sqlite_url(tmp_path / "test.db"))
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Engine:
    """Each storage test runs on both databases."""
    name = "sqlite_engine" if request.param == "sqlite" else "pg_engine"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database with no schema yet, on each dialect (for tests of the migrations)."""
    if request.param == "sqlite":
        engine = make_engine(sqlite_url(tmp_path / "old.db"))
        yield engine
        engine.dispose()
        return
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine = make_engine(f"{PG_URL}?options=-csearch_path%3D{schema}")
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def require_data(*relative: str) -> Path:
    path = DATA_DIR.joinpath(*relative)
    if not path.exists():
        pytest.skip(f"data set {path} is absent (set DULUAN_DATA to ../shared/data)")
    return path


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The `duluan demo` workspace (16 simulated days, seed 7): the realistic fixture of the
    web tests, built once per test session (about 40 s)."""
    from duluan.demo import DemoOptions, run_demo

    result = run_demo(DemoOptions(directory=tmp_path_factory.mktemp("demo") / "ws", days=16, seed=7))
    return result.workspace
