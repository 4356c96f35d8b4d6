"""A private copy of a workspace, so a test that changes things leaves the shared one alone."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from duluan.workspace import DB_NAME, SECRET_NAME, TOML_NAME, Workspace, find_workspace


def clone_workspace(source: Workspace, destination: Path) -> Workspace:
    destination.mkdir(parents=True)
    for name in (TOML_NAME, SECRET_NAME):
        shutil.copy2(source.root / name, destination / name)
    # The SQLite backup API copies a consistent snapshot even with WAL and open readers.
    with sqlite3.connect(source.root / DB_NAME) as src, sqlite3.connect(destination / DB_NAME) as dst:
        src.backup(dst)
    return find_workspace(destination, environ={})
