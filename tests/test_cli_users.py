"""`duluan users …` end to end on a workspace."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner

from duluan.accounts import (
    authenticate,
    find_user,
    list_audit,
    redeem_login_link,
    user_for_api_token,
)
from duluan.accounts.hashing import use_password_hasher
from duluan.cli import main
from duluan.errors import AuthenticationFailed
from duluan.workspace import find_workspace

PASSWORD = "mật khẩu đủ dài"


@pytest.fixture(autouse=True)
def cheap_hashing() -> Iterator[None]:
    previous = use_password_hasher(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    yield
    use_password_hasher(previous)


@pytest.fixture
def ws(tmp_path: Path) -> tuple[CliRunner, list[str], Path]:
    runner = CliRunner()
    root = tmp_path / "ws"
    assert runner.invoke(main, ["init", str(root)]).exit_code == 0
    return runner, ["-w", str(root)], root


def test_add_list_role_password_and_disable(ws: tuple[CliRunner, list[str], Path]) -> None:
    runner, opts, root = ws
    added = runner.invoke(main, ["users", "add", "Lan", "--role", "admin", *opts], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert added.exit_code == 0, added.output
    assert "Added lan (admin)." in added.output
    piped = runner.invoke(main, ["users", "add", "minh", "--password-stdin", *opts], input=PASSWORD + "\n")
    assert piped.exit_code == 0, piped.output

    listed = json.loads(runner.invoke(main, ["users", "list", "--json", *opts]).output)
    assert [(u["username"], u["role"], u["disabled"], u["has_password"]) for u in listed] == [
        ("lan", "admin", False, True), ("minh", "viewer", False, True)]
    table = runner.invoke(main, ["users", "list", *opts]).output
    assert "minh" in table and "viewer" in table and "never" in table

    engine = find_workspace(root).engine
    assert authenticate(engine, "minh", PASSWORD).role == "viewer"
    moved = runner.invoke(main, ["users", "set-role", "minh", "case_officer", *opts])
    assert moved.exit_code == 0 and "minh is now case_officer (was viewer)." in moved.output
    assert find_user(engine, "minh").role == "case_officer"

    changed = runner.invoke(main, ["users", "password", "minh", "--password-stdin", *opts], input="một mật khẩu khác\n")
    assert changed.exit_code == 0, changed.output
    assert authenticate(engine, "minh", "một mật khẩu khác").id
    with pytest.raises(AuthenticationFailed):
        authenticate(engine, "minh", PASSWORD)

    assert runner.invoke(main, ["users", "disable", "minh", *opts]).exit_code == 0
    assert find_user(engine, "minh").disabled
    last_admin = runner.invoke(main, ["users", "disable", "lan", *opts])
    assert last_admin.exit_code == 2 and "'lan' is the last admin" in last_admin.output

    audit = json.loads(runner.invoke(main, ["users", "audit", "--json", *opts]).output)
    assert [(e["action"], e["target"]) for e in audit] == [
        ("user_disabled", "user:minh"), ("password_changed", "user:minh"), ("role_changed", "user:minh"),
        ("user_created", "user:minh"), ("user_created", "user:lan")]
    assert audit[2]["detail"]["old"] == "viewer" and audit[2]["detail"]["via"] == "cli"
    only = json.loads(runner.invoke(main, ["users", "audit", "--action", "user_created", "--limit", "1", "--json", *opts]).output)
    assert [e["target"] for e in only] == ["user:minh"]
    assert "role_changed" in runner.invoke(main, ["users", "audit", *opts]).output


def test_mistakes_exit_2_with_the_fix(ws: tuple[CliRunner, list[str], Path]) -> None:
    runner, opts, _ = ws
    short = runner.invoke(main, ["users", "add", "lan", "--password-stdin", *opts], input="ngắn\n")
    assert short.exit_code == 2 and "use at least 10" in short.output
    bad_name = runner.invoke(main, ["users", "add", "lan nguyen", *opts])
    assert bad_name.exit_code == 2 and "username 'lan nguyen' is not allowed" in bad_name.output
    bad_role = runner.invoke(main, ["users", "add", "lan", "--role", "boss", *opts])
    assert bad_role.exit_code == 2 and "'boss' is not one of" in bad_role.output
    assert runner.invoke(main, ["users", "add", "lan", "--password-stdin", *opts], input=PASSWORD + "\n").exit_code == 0
    # A taken name is refused before the password prompt (no input is given here).
    taken = runner.invoke(main, ["users", "add", "LAN", *opts])
    assert taken.exit_code == 2 and "a user named 'lan' exists already" in taken.output
    missing = runner.invoke(main, ["users", "set-role", "nobody", "analyst", *opts])
    assert missing.exit_code == 2 and "no user named 'nobody'" in missing.output
    empty = runner.invoke(main, ["users", "password", "lan", "--password-stdin", *opts], input="\n")
    assert empty.exit_code == 2 and "read an empty line" in empty.output


def test_tokens_and_login_links_work_once_printed(ws: tuple[CliRunner, list[str], Path]) -> None:
    runner, opts, root = ws
    runner.invoke(main, ["users", "add", "lan", "--role", "analyst", "--password-stdin", *opts], input=PASSWORD + "\n")
    engine = find_workspace(root).engine

    made = runner.invoke(main, ["users", "token", "lan", "--name", "nightly export", *opts])
    assert made.exit_code == 0, made.output
    token = made.stdout.strip().splitlines()[0]
    user = user_for_api_token(engine, token)
    assert user is not None and user.username == "lan"
    [listed] = json.loads(runner.invoke(main, ["users", "tokens", "lan", "--json", *opts]).output)
    assert listed["name"] == "nightly export" and listed["prefix"] == token[:8] and token not in json.dumps(listed)
    revoked = runner.invoke(main, ["users", "revoke-token", "lan", str(listed["id"]), *opts])
    assert revoked.exit_code == 0, revoked.output
    assert user_for_api_token(engine, token) is None
    assert runner.invoke(main, ["users", "revoke-token", "lan", "999", *opts]).exit_code == 2

    linked = runner.invoke(main, ["users", "login-link", "lan", "--base-url", "https://duluan.example.vn/", *opts])
    assert linked.exit_code == 0, linked.output
    url = urlsplit(linked.stdout.strip().splitlines()[0])
    assert (url.scheme, url.netloc, url.path) == ("https", "duluan.example.vn", "/login/link")
    link_token = parse_qs(url.query)["token"][0]
    assert redeem_login_link(engine, link_token).username == "lan"
    with pytest.raises(AuthenticationFailed):
        redeem_login_link(engine, link_token)
    default = runner.invoke(main, ["users", "login-link", "lan", *opts]).stdout
    assert default.startswith("http://127.0.0.1:8000/login/link?token=")
    actions = [e.action for e in list_audit(engine)]
    assert actions[:4] == ["login_link_created", "login_link_created", "token_revoked", "token_created"]


def test_every_users_command_teaches_by_example() -> None:
    runner = CliRunner()
    for name in ("add", "list", "set-role", "password", "disable", "token", "tokens", "revoke-token",
                 "login-link", "audit"):
        shown = runner.invoke(main, ["users", name, "--help"])
        assert shown.exit_code == 0 and "duluan users " + name in shown.output, name
