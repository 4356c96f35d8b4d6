"""Engines for SQLite and PostgreSQL, and the Alembic migrations that build the schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from ..errors import StoreError, UsageError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(url: str) -> Engine:
    """An engine tuned for our use: WAL and foreign keys on SQLite, pre-ping on PostgreSQL."""
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            if url.startswith("postgresql://"):
                # psycopg 3 is the driver we install; plain postgresql:// would ask for psycopg2.
                url = "postgresql+psycopg://" + url[len("postgresql://"):]
            engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise UsageError(
            f"cannot use database URL {url!r}: {exc}; expected sqlite:///path or "
            "postgresql://user@host:port/dbname (pip install 'duluan[postgres]')"
        ) from exc
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the dashboard read while an ingest writes; NORMAL sync is safe in WAL
    # (a crash loses at most the last transaction, never corrupts).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # A 256 MiB page cache keeps the LSH and hash indexes hot during large ingests.
    cursor.execute("PRAGMA cache_size=-262144")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Create or upgrade the schema to `revision`; harmless when already there."""
    config = _alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except OperationalError as exc:
        raise StoreError(f"cannot migrate database {engine.url!r}: {exc.orig}") from exc


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back down to `revision` (to roll back an upgrade; tests use it to
    check that every migration goes both ways)."""
    config = _alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    except OperationalError as exc:
        raise StoreError(f"cannot downgrade database {engine.url!r}: {exc.orig}") from exc


def check_up_to_date(engine: Engine) -> None:
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise StoreError(
            f"database schema is at {current or 'nothing'}, this duluan needs {head}; "
            "run 'duluan migrate' to upgrade"
        )
