"""Who a token or cookie stands for is remembered briefly, and forgotten on any change."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from duluan.accounts import create_api_token, create_user, disable_user, find_user, revoke_api_token
from duluan.web import create_app
from duluan.web import credentials as credentials_module
from duluan.web.credentials import CredentialCache
from duluan.web.state import WebOptions
from duluan.workspace import init_workspace


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(credentials_module.time, "monotonic", clock)
    return clock


def test_an_answer_is_remembered_for_its_seconds_then_looked_up_again(clock: Clock) -> None:
    cache = CredentialCache(5.0)
    asked: list[str] = []

    def find() -> str:
        asked.append("db")
        return "lan"

    assert cache.lookup("token", "dl_abc", find) == "lan"
    clock.now += 4.9
    assert cache.lookup("token", "dl_abc", find) == "lan"
    assert asked == ["db"]
    clock.now += 0.2
    assert cache.lookup("token", "dl_abc", find) == "lan"
    assert asked == ["db", "db"]
    # Another kind or another token is another answer.
    assert cache.lookup("session", "dl_abc", find) == "lan"
    assert len(asked) == 3


def test_unknown_tokens_are_never_remembered_and_clear_forgets_everything(clock: Clock) -> None:
    cache = CredentialCache(5.0)
    answers = iter([None, "lan", "minh"])
    assert cache.lookup("token", "dl_new", lambda: next(answers)) is None
    assert cache.lookup("token", "dl_new", lambda: next(answers)) == "lan"  # created since: found at once
    cache.clear()
    assert cache.lookup("token", "dl_new", lambda: next(answers)) == "minh"


def test_zero_seconds_turns_the_cache_off(clock: Clock) -> None:
    cache = CredentialCache(0)
    answers = iter(["lan", "minh"])
    assert cache.lookup("token", "dl_x", lambda: next(answers)) == "lan"
    assert cache.lookup("token", "dl_x", lambda: next(answers)) == "minh"


def test_the_cache_keeps_no_usable_secret(clock: Clock) -> None:
    cache = CredentialCache(5.0)
    cache.lookup("token", "dl_secret-value", lambda: "lan")
    assert all("dl_secret-value" not in kind + key for kind, key in cache._entries)


@pytest.fixture
def served(tmp_path: Path) -> tuple[TestClient, object, str]:
    ws = init_workspace(tmp_path / "ws")
    user = create_user(ws.engine, "lan", "mật-khẩu-đủ-dài-2026", "analyst")
    token, _ = create_api_token(ws.engine, user, "thử")
    app = create_app(ws, WebOptions(auth_cache_seconds=5.0, warm_cache=False))
    client = TestClient(app, raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {token}"
    return client, ws, token


def test_a_token_revoked_through_the_api_stops_working_at_once(served, clock: Clock) -> None:
    client, _, _ = served
    me = client.get("/api/v1/me/tokens")
    assert me.status_code == 200
    token_id = me.json()["tokens"][0]["id"]
    assert client.delete(f"/api/v1/me/tokens/{token_id}").status_code < 400
    assert client.get("/api/v1/me").status_code == 401  # no wait: the change emptied the cache


def test_a_change_made_outside_the_server_reaches_it_within_the_cache_seconds(served, clock: Clock) -> None:
    client, ws, _ = served
    assert client.get("/api/v1/me").status_code == 200
    disable_user(ws.engine, "lan")  # as `duluan users disable` does
    assert client.get("/api/v1/me").status_code == 200  # remembered for a few seconds...
    clock.now += 5.1
    assert client.get("/api/v1/me").status_code == 401  # ...and no longer


def test_a_revoked_token_outside_the_server_is_refused_after_the_cache_seconds(served, clock: Clock) -> None:
    client, ws, _ = served
    assert client.get("/api/v1/me").status_code == 200
    user = find_user(ws.engine, "lan")
    revoke_api_token(ws.engine, user, 1)
    clock.now += 5.1
    assert client.get("/api/v1/me").status_code == 401


def test_web_options_read_the_workspace_settings_then_the_command_line() -> None:
    options = WebOptions.from_settings(
        {"session_hours": 2, "auth_cache_seconds": "0", "page_cache_seconds": 30, "timezone": "Asia/Ho_Chi_Minh"},
        port=9000,
    )
    assert options.session_hours == 2.0 and options.auth_cache_seconds == 0.0
    assert options.page_cache_seconds == 30.0 and options.port == 9000
    assert WebOptions.from_settings({"session_hours": 2}, session_hours=3).session_hours == 3
