"""The `duluan` command: thin click wrappers around the library."""

from __future__ import annotations

import json
import signal
import threading
from pathlib import Path
from types import FrameType

import click
from rich.table import Table

from .. import __version__
from ..config import SETTINGS
from ..workspace import init_workspace, open_migrated
from .common import DuluanGroup, console, open_workspace, workspace_options


@click.group(cls=DuluanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="duluan")
def main() -> None:
    """duluan — lắng nghe dư luận trên mạng, bằng tiếng Việt.

    Listen to Vietnamese public opinion online: ingest news and public posts, normalise
    the language, group duplicates into stories. Start with `duluan demo`, or
    `duluan init DIR` then `duluan sources add` and `duluan ingest`.
    """
    stop_cleanly_on_sigterm()


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def stop_cleanly_on_sigterm() -> None:
    """SIGTERM ends a command the way Ctrl+C does: open transactions roll back and an
    ingest's worker processes are shut down, instead of being left holding its database
    connection (seen: a killed ingest's workers kept its PostgreSQL transaction open)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--database-url", default=None, help="Keep documents in this database instead of SQLite.")
def init(directory: Path, database_url: str | None) -> None:
    """Create a workspace in DIRECTORY: duluan.toml, the database and a secret."""
    workspace = init_workspace(directory, database_url)
    console.print(f"Created workspace {workspace.root}")
    console.print(f"  settings: {workspace.root / 'duluan.toml'}")
    console.print(f"  database: {workspace.database_url}")


@main.command()
@workspace_options
def migrate(workspace: Path | None, database_url: str | None) -> None:
    """Bring the database schema up to date (safe to run any time)."""
    ws = open_workspace(workspace, database_url)
    open_migrated(ws)
    console.print(f"Database {ws.database_url} is up to date.")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def settings(as_json: bool) -> None:
    """List every setting with its default and help."""
    if as_json:
        click.echo(json.dumps([{"name": s.name, "default": s.default, "env": s.env_var, "help": s.help} for s in SETTINGS], ensure_ascii=False, indent=2))
        return
    table = Table("name", "default", "environment", "help")
    for s in SETTINGS:
        table.add_row(s.name, repr(s.default), s.env_var, s.help)
    console.print(table)



from . import analysis, data, enrich, ingest, models, text  # noqa: E402  (each adds its commands)

ingest.register(main)
data.register(main)
text.register(main)
enrich.register(main)
models.register(main)
analysis.register(main)

from . import topics as topics_cli  # noqa: E402

topics_cli.register(main)

from . import users as users_cli  # noqa: E402

users_cli.register(main)

from . import serve as serve_cli  # noqa: E402

serve_cli.register(main)

from . import search as search_cli  # noqa: E402

search_cli.register(main)
