"""`duluan serve`: the dashboard and REST API on this machine."""

from __future__ import annotations

from pathlib import Path

import click

from ..web.state import WebOptions
from ..workspace import Workspace
from .common import console, err_console, open_workspace, workspace_options


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback exposes the dashboard: put TLS in front.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--behind-tls", is_flag=True,
              help="A TLS proxy sits in front: mark cookies Secure and trust its X-Forwarded-Proto.")
@click.option("--login-link", "link_for", default=None, metavar="USERNAME",
              help="Also print a one-time login link for this user.")
@workspace_options
def serve(host: str, port: int, behind_tls: bool, link_for: str | None,
          workspace: Path | None, database_url: str | None) -> None:
    """Serve the web dashboard and the REST API (/api/v1, OpenAPI at /api/v1/openapi.json).

    The first run creates the user 'admin' and prints a one-time login link; open it,
    then set a password on the Account page. Add people with `duluan users add`.

    \b
    Examples:
      duluan serve -w ./ws
      duluan serve -w ./ws --port 9000 --login-link lan
      duluan serve -w ./ws --host 0.0.0.0 --behind-tls   # only behind an HTTPS proxy
    """
    from ..web.state import WebOptions

    ws = open_workspace(workspace, database_url)
    options = WebOptions.from_settings(ws.settings, host=host, port=port, force_secure_cookies=behind_tls)
    serve_workspace(ws, options, link_for)


def serve_workspace(ws: Workspace, options: WebOptions, link_for: str | None = None) -> None:
    """Print how to get in, then serve until stopped (shared with `duluan demo`)."""
    from ..web.serving import prepare, run_server

    plan = prepare(ws, options, link_for=link_for)
    for warning in plan.warnings:
        err_console.print(f"[yellow]warning:[/yellow] {warning}")
    console.print(f"Serving duluan on {plan.url} (Ctrl+C stops it)")
    if plan.login_link:
        console.print(f"Open this one-time login link: {plan.login_link}", markup=False, soft_wrap=True)
    else:
        console.print("Log in with your user, or get a link: duluan users login-link NAME")
    run_server(ws, options)


def register(main: click.Group) -> None:
    main.add_command(serve)
