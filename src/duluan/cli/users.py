"""`duluan users …`: accounts for the dashboard and the API, from the server's shell."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from .. import accounts
from ..accounts.users import normalise_username
from ..errors import UsageError
from ..workspace import Workspace
from .common import console, err_console, open_workspace, workspace_options

role_choice = click.Choice(accounts.ROLES)
password_stdin_option = click.option(
    "--password-stdin", is_flag=True,
    help="Read the password from the first line of standard input instead of a prompt (for scripts).",
)


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UsageError("--password-stdin read an empty line; pipe the password in, e.g. `cat pw.txt | duluan users …`")
        return line
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


def _audit(ws: Workspace, action: str, user: accounts.User, **detail: Any) -> None:
    """Changes made from the shell go in the audit log too, with the operating-system user."""
    try:
        by = getpass.getuser()
    except (KeyError, OSError):
        by = "unknown"
    accounts.record_audit(ws.engine, None, action, f"user:{user.username}", {"via": "cli", "os_user": by, **detail})


def _user_dict(user: accounts.User) -> dict[str, Any]:
    return {
        "id": user.id, "username": user.username, "role": user.role, "disabled": user.disabled,
        "has_password": user.has_password, "created_at": user.created_at.isoformat(),
        "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
    }


def _state(user: accounts.User) -> str:
    if user.disabled:
        return "disabled"
    return "active" if user.has_password else "no password yet (login link only)"


@click.group()
def users() -> None:
    """Who may use the dashboard and the API, with which role.

    Roles, from least to most trusted: viewer (aggregates only), analyst (documents,
    search, export, alert triage), case_officer (also the case desk), editor, admin (also
    users). Start with `duluan users add NAME --role admin`; someone who forgot a password,
    or the first admin of `duluan serve`, gets in once with `duluan users login-link NAME`.
    Changes made here go in the audit log.

    \b
    Examples:
      duluan users add lan --role analyst
      duluan users list
      duluan users login-link lan
    """


@users.command("add")
@click.argument("username")
@click.option("--role", type=role_choice, default="viewer", show_default=True, help="What the user may do.")
@password_stdin_option
@workspace_options
def users_add(username: str, role: str, password_stdin: bool, workspace: Path | None, database_url: str | None) -> None:
    """Add a user; the password is asked twice (at least 10 characters).

    \b
    Examples:
      duluan users add lan --role analyst
      echo 'mật khẩu đủ dài' | duluan users add minh --role case_officer --password-stdin
    """
    ws = open_workspace(workspace, database_url)
    name = normalise_username(username)
    # Say a name is taken before asking for a password, not after.
    try:
        accounts.find_user(ws.engine, name)
    except UsageError:
        pass
    else:
        raise UsageError(f"a user named {name!r} exists already; choose another username")
    user = accounts.create_user(ws.engine, name, _read_password(password_stdin), role)
    _audit(ws, "user_created", user, role=role)
    console.print(f"Added {user.username} ({user.role}).", markup=False)


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@workspace_options
def users_list(as_json: bool, workspace: Path | None, database_url: str | None) -> None:
    """List users with their role, state and last login.

    \b
    Example:
      duluan users list --json
    """
    ws = open_workspace(workspace, database_url)
    found = accounts.list_users(ws.engine)
    if as_json:
        _json([_user_dict(u) for u in found])
        return
    if not found:
        console.print("No users yet; `duluan users add NAME --role admin` creates the first.")
        return
    table = Table("id", "username", "role", "state", "created", "last login")
    for u in found:
        table.add_row(str(u.id), escape(u.username), u.role, _state(u), f"{u.created_at:%Y-%m-%d}",
                      f"{u.last_login_at:%Y-%m-%d %H:%M} UTC" if u.last_login_at else "never")
    console.print(table)


@users.command("set-role")
@click.argument("username")
@click.argument("role", type=role_choice)
@workspace_options
def users_set_role(username: str, role: str, workspace: Path | None, database_url: str | None) -> None:
    """Give a user another role; it applies to their next request.

    \b
    Example:
      duluan users set-role lan case_officer
    """
    ws = open_workspace(workspace, database_url)
    before = accounts.find_user(ws.engine, username)
    user = accounts.set_role(ws.engine, username, role)
    _audit(ws, "role_changed", user, old=before.role, role=role)
    console.print(f"{user.username} is now {user.role} (was {before.role}).", markup=False)


@users.command("password")
@click.argument("username")
@password_stdin_option
@workspace_options
def users_password(username: str, password_stdin: bool, workspace: Path | None, database_url: str | None) -> None:
    """Set a user's password; this also logs them out everywhere.

    \b
    Example:
      duluan users password lan
    """
    ws = open_workspace(workspace, database_url)
    user = accounts.find_user(ws.engine, username)
    accounts.set_password(ws.engine, user.username, _read_password(password_stdin))
    _audit(ws, "password_changed", user)
    console.print(f"Password of {user.username} changed; their sessions are ended.", markup=False)


@users.command("disable")
@click.argument("username")
@workspace_options
def users_disable(username: str, workspace: Path | None, database_url: str | None) -> None:
    """Disable a user: no more logins, sessions ended, API tokens revoked. History stays.

    \b
    Example:
      duluan users disable lan
    """
    ws = open_workspace(workspace, database_url)
    user = accounts.disable_user(ws.engine, username)
    _audit(ws, "user_disabled", user)
    console.print(f"{user.username} is disabled; their sessions and API tokens no longer work.", markup=False)


@users.command("token")
@click.argument("username")
@click.option("--name", required=True, help="What the token is for, e.g. 'nightly export'.")
@workspace_options
def users_token(username: str, name: str, workspace: Path | None, database_url: str | None) -> None:
    """Create an API token for a user and print it once (send it as `Authorization: Bearer …`).

    \b
    Example:
      duluan users token lan --name "nightly export"
    """
    ws = open_workspace(workspace, database_url)
    user = accounts.find_user(ws.engine, username)
    token, record = accounts.create_api_token(ws.engine, user, name)
    _audit(ws, "token_created", user, token_id=record.id, name=record.name)
    click.echo(token)
    err_console.print(f"API token {record.id} ({record.name}) for {user.username}: shown only now, store it safely.",
                      markup=False)


@users.command("tokens")
@click.argument("username")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@workspace_options
def users_tokens(username: str, as_json: bool, workspace: Path | None, database_url: str | None) -> None:
    """List a user's API tokens (their first characters only, never the secret).

    \b
    Example:
      duluan users tokens lan
    """
    ws = open_workspace(workspace, database_url)
    found = accounts.list_api_tokens(ws.engine, accounts.find_user(ws.engine, username))
    if as_json:
        _json([vars(t) for t in found])
        return
    table = Table("id", "name", "token", "created", "last used", "revoked")
    for t in found:
        table.add_row(str(t.id), escape(t.name), t.prefix + "…", f"{t.created_at:%Y-%m-%d}",
                      f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never",
                      f"{t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "")
    console.print(table)


@users.command("revoke-token")
@click.argument("username")
@click.argument("token_id", type=int)
@workspace_options
def users_revoke_token(username: str, token_id: int, workspace: Path | None, database_url: str | None) -> None:
    """Revoke one of a user's API tokens by its id (see `duluan users tokens`).

    \b
    Example:
      duluan users revoke-token lan 3
    """
    ws = open_workspace(workspace, database_url)
    user = accounts.find_user(ws.engine, username)
    accounts.revoke_api_token(ws.engine, user, token_id)
    _audit(ws, "token_revoked", user, token_id=token_id)
    console.print(f"API token {token_id} of {user.username} is revoked.", markup=False)


@users.command("login-link")
@click.argument("username")
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True,
              help="Where the dashboard is reached, as the user will open it.")
@click.option("--minutes", type=click.FloatRange(min=1), default=None,
              help="How long the link stays valid (setting login_link_minutes, 60).")
@workspace_options
def users_login_link(username: str, base_url: str, minutes: float | None,
                     workspace: Path | None, database_url: str | None) -> None:
    """Print a one-time login link for a user (a new user, or one who forgot the password).

    \b
    Example:
      duluan users login-link lan --base-url https://duluan.example.vn
    """
    ws = open_workspace(workspace, database_url)
    user = accounts.find_user(ws.engine, username)
    minutes = minutes or float(ws.settings["login_link_minutes"])
    token = accounts.create_login_link(ws.engine, user, minutes=minutes)
    _audit(ws, "login_link_created", user, minutes=minutes)
    click.echo(f"{base_url.rstrip('/')}/login/link?token={token}")
    err_console.print(f"Valid once, for {minutes:g} minutes; send it to {user.username} privately.", markup=False)


@users.command("audit")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True, help="Rows to show, latest first.")
@click.option("--action", default=None, help="Only this action, e.g. login_failed, export, role_changed.")
@click.option("--user", "username", default=None, help="Only what this user did.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@workspace_options
def users_audit(limit: int, action: str | None, username: str | None, as_json: bool,
                workspace: Path | None, database_url: str | None) -> None:
    """Read the audit log: logins, document views, exports, triage and account changes.

    \b
    Examples:
      duluan users audit --limit 20
      duluan users audit --action login_failed --json
    """
    ws = open_workspace(workspace, database_url)
    entries = accounts.list_audit(ws.engine, limit=limit, action=action, username=username)
    if as_json:
        _json([vars(e) for e in entries])
        return
    table = Table("when (UTC)", "user", "action", "target", "detail")
    for e in entries:
        who = e.username or (f"cli ({e.detail.get('os_user', '?')})" if e.detail.get("via") == "cli" else "—")
        table.add_row(f"{e.at:%Y-%m-%d %H:%M:%S}", escape(who), e.action, escape(e.target),
                      escape(json.dumps(e.detail, ensure_ascii=False)) if e.detail else "")
    console.print(table)


def register(main: click.Group) -> None:
    main.add_command(users)
