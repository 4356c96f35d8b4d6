"""A workspace: a folder with duluan.toml, the SQLite store and the pseudonymisation secret."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from .config import SETTINGS, load_settings
from .errors import WorkspaceExists, WorkspaceNotFound
from .store.db import check_up_to_date, current_revision, make_engine, migrate, sqlite_url

TOML_NAME = "duluan.toml"
DB_NAME = "duluan.db"
SECRET_NAME = "secret.key"


@dataclass
class Workspace:
    root: Path
    settings: dict[str, Any]

    @property
    def database_url(self) -> str:
        return str(self.settings["database_url"]) or sqlite_url(self.root / DB_NAME)

    @cached_property
    def secret(self) -> bytes:
        """The key of the author hash; losing it only means new hashes for old authors."""
        return (self.root / SECRET_NAME).read_bytes()

    @cached_property
    def engine(self) -> Engine:
        engine = make_engine(self.database_url)
        if current_revision(engine) is None:
            # An empty database (a new PostgreSQL given by --database-url) is simply built;
            # one at an older revision waits for an explicit 'duluan migrate'.
            migrate(engine)
        check_up_to_date(engine)
        return engine


def _toml_template() -> str:
    lines = [
        "# duluan workspace settings. Every setting is listed with its default;",
        "# uncomment a line to change it. Environment variables DULUAN_<NAME> win over this file.",
        "[settings]",
    ]
    for setting in SETTINGS:
        value = setting.default
        rendered = f'"{value}"' if isinstance(value, str) else repr(value)
        lines.append(f"# {setting.help}")
        lines.append(f"# {setting.name} = {rendered}")
    return "\n".join(lines) + "\n"


def init_workspace(root: Path, database_url: str | None = None) -> Workspace:
    """Create the folder, settings file, secret and migrated database."""
    root = root.resolve()
    if (root / TOML_NAME).exists():
        raise WorkspaceExists(f"{root} already holds a duluan workspace ({TOML_NAME} exists)")
    root.mkdir(parents=True, exist_ok=True)
    text = _toml_template()
    if database_url:
        text = text.replace("[settings]\n", f'[settings]\ndatabase_url = "{database_url}"\n', 1)
    (root / TOML_NAME).write_text(text, encoding="utf-8")
    secret_path = root / SECRET_NAME
    # Written before anything else can read it, readable by the owner only.
    fd = os.open(secret_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(32))
    workspace = Workspace(root, load_settings(root / TOML_NAME, environ={}))
    migrate(make_engine(workspace.database_url))
    return workspace


def find_workspace(
    given: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Workspace:
    """--workspace, then DULUAN_WORKSPACE, then the current directory."""
    env = os.environ if environ is None else environ
    if given is not None:
        root, how = given, "--workspace"
    elif env.get("DULUAN_WORKSPACE"):
        root, how = Path(env["DULUAN_WORKSPACE"]), "DULUAN_WORKSPACE"
    else:
        root, how = Path.cwd(), "the current directory"
    root = root.resolve()
    if not (root / TOML_NAME).exists():
        raise WorkspaceNotFound(
            f"no duluan workspace in {root} (from {how}): run 'duluan init {root}' first, "
            "or pass --workspace DIR / set DULUAN_WORKSPACE"
        )
    return Workspace(root, load_settings(root / TOML_NAME, environ=env, overrides=overrides))


def open_migrated(workspace: Workspace) -> Engine:
    """The engine after bringing the schema up to date (for `duluan migrate`)."""
    engine = make_engine(workspace.database_url)
    migrate(engine)
    return engine
