"""Accounts: passwords, roles, sessions, API tokens, login links, rate limiting and the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, delete, select, update

from conftest import NOW
from duluan import accounts
from duluan.accounts import (
    PERMISSIONS,
    ROLES,
    LoginRateLimiter,
    authenticate,
    can,
    create_api_token,
    create_login_link,
    create_user,
    disable_user,
    end_session,
    ensure_first_admin,
    find_user,
    get_user,
    list_api_tokens,
    list_audit,
    list_users,
    record_audit,
    redeem_login_link,
    require,
    revoke_api_token,
    session_for_token,
    set_password,
    set_role,
    start_session,
    user_for_api_token,
)
from duluan.accounts.hashing import Passwords, token_hash, use_password_hasher
from duluan.errors import AuthenticationFailed, NotFound, PermissionDenied, RateLimited, UsageError
from duluan.store.schema import api_tokens, audit_log, login_links, users, web_sessions

PASSWORD = "mật khẩu đủ dài"  # 15 characters, not ASCII on purpose


class CountingHasher(PasswordHasher):
    """A cheap argon2id hasher that counts its verifications."""

    def __init__(self, time_cost: int = 1) -> None:
        super().__init__(time_cost=time_cost, memory_cost=64, parallelism=1)
        self.verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:  # noqa: A002 (argon2's name)
        self.verified += 1
        return super().verify(hash, password)


@pytest.fixture(autouse=True)
def hasher() -> Iterator[CountingHasher]:
    """Low-cost argon2 for speed; production keeps argon2-cffi's defaults (tested below)."""
    cheap = CountingHasher()
    previous = use_password_hasher(cheap)
    yield cheap
    use_password_hasher(previous)


def _row(engine: Engine, table: Any, *where: Any) -> Any:
    with engine.connect() as conn:
        return conn.execute(select(table).where(*where)).one()


# ---------------------------------------------------------------------------- roles


EXPECTED_PERMISSIONS = {
    # role:          aggregates, documents, export, triage, cases, sources, users
    "viewer":       (True, False, False, False, False, False, False),
    "analyst":      (True, True, True, True, False, True, False),
    "case_officer": (True, True, True, True, True, True, False),
    "editor":       (True, True, True, True, True, True, False),
    "admin":        (True, True, True, True, True, True, True),
}
PERMISSION_ORDER = ("view_aggregates", "view_documents", "export", "triage_alerts", "manage_cases",
                    "view_sources", "manage_users")


def test_every_role_and_permission_has_the_expected_answer() -> None:
    assert ROLES == ("viewer", "analyst", "case_officer", "editor", "admin")
    assert set(PERMISSIONS) == set(PERMISSION_ORDER)
    for role, expected in EXPECTED_PERMISSIONS.items():
        assert tuple(can(role, p) for p in PERMISSION_ORDER) == expected, role
    assert not can("superuser", "view_aggregates")
    with pytest.raises(ValueError, match="unknown permission 'delete_everything'"):
        can("admin", "delete_everything")


def test_require_names_the_role_and_the_role_to_ask_for() -> None:
    viewer = accounts.User(1, "lan", "viewer", False, NOW, None)
    with pytest.raises(PermissionDenied) as denied:
        require(viewer, "export")
    assert str(denied.value) == "role 'viewer' may not export; ask an admin for the analyst role"
    with pytest.raises(PermissionDenied, match="ask an admin for the case_officer role"):
        require(accounts.User(2, "minh", "analyst", False, NOW, None), "manage_cases")
    require(accounts.User(3, "an", "admin", False, NOW, None), "manage_users")
    with pytest.raises(PermissionDenied, match="'an' is disabled"):
        require(accounts.User(3, "an", "admin", True, NOW, None), "view_aggregates")


# ---------------------------------------------------------------------------- users and passwords


def test_passwords_are_argon2id_hashes_and_checked(sqlite_engine: Engine) -> None:
    user = create_user(sqlite_engine, "Lan.Nguyen", PASSWORD, "analyst", now=NOW)
    assert (user.username, user.role, user.disabled, user.created_at, user.last_login_at) == (
        "lan.nguyen", "analyst", False, NOW, None)
    stored = _row(sqlite_engine, users, users.c.id == user.id).password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored

    later = NOW + timedelta(hours=1)
    logged_in = authenticate(sqlite_engine, " LAN.nguyen ", PASSWORD, now=later)
    assert logged_in.id == user.id and logged_in.last_login_at == later
    assert get_user(sqlite_engine, user.id).last_login_at == later
    with pytest.raises(AuthenticationFailed, match="^wrong username or password$"):
        authenticate(sqlite_engine, "lan.nguyen", PASSWORD + "!")
    with pytest.raises(AuthenticationFailed, match="^wrong username or password$"):
        authenticate(sqlite_engine, "lan.nguyen", "")


def test_production_hashing_keeps_argon2_cffi_defaults() -> None:
    default, ours = PasswordHasher(), Passwords().hasher
    assert (ours.time_cost, ours.memory_cost, ours.parallelism, ours.type) == (
        default.time_cost, default.memory_cost, default.parallelism, default.type)


def test_an_unknown_or_disabled_user_costs_a_verification_and_gets_the_same_message(
    sqlite_engine: Engine, hasher: CountingHasher
) -> None:
    create_user(sqlite_engine, "admin", PASSWORD, "admin")
    create_user(sqlite_engine, "lan", PASSWORD, "viewer")
    disable_user(sqlite_engine, "lan")
    messages = []
    for username in ("nobody", "NOT VALID AT ALL", "lan"):
        before = hasher.verified
        with pytest.raises(AuthenticationFailed) as failed:
            authenticate(sqlite_engine, username, PASSWORD)
        assert hasher.verified == before + 1, username
        messages.append(str(failed.value))
    assert messages == ["wrong username or password"] * 3


def test_a_hash_made_with_old_parameters_is_upgraded_at_login(sqlite_engine: Engine) -> None:
    user = create_user(sqlite_engine, "lan", PASSWORD, "viewer")
    old = _row(sqlite_engine, users, users.c.id == user.id).password_hash
    stronger = CountingHasher(time_cost=2)
    use_password_hasher(stronger)
    assert stronger.check_needs_rehash(old)
    authenticate(sqlite_engine, "lan", PASSWORD)
    new = _row(sqlite_engine, users, users.c.id == user.id).password_hash
    assert new != old and "t=2" in new and not stronger.check_needs_rehash(new)
    authenticate(sqlite_engine, "lan", PASSWORD)
    assert _row(sqlite_engine, users, users.c.id == user.id).password_hash == new


@pytest.mark.parametrize(
    ("username", "password", "role", "message"),
    [
        ("lan nguyen", PASSWORD, "viewer", "username 'lan nguyen' is not allowed"),
        ("", PASSWORD, "viewer", "username '' is not allowed"),
        ("x" * 61, PASSWORD, "viewer", "is not allowed; use 1 to 60 characters"),
        ("lan@example", PASSWORD, "viewer", "'lan@example' is not allowed"),
        ("lan", "ngắn", "viewer", "the password has 4 characters; use at least 10"),
        ("lan", PASSWORD, "boss", "unknown role 'boss'; choose one of: viewer, analyst"),
    ],
)
def test_bad_users_are_refused_with_the_fix(
    sqlite_engine: Engine, username: str, password: str, role: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        create_user(sqlite_engine, username, password, role)
    assert list_users(sqlite_engine) == []


def test_usernames_are_unique_whatever_the_case(sqlite_engine: Engine) -> None:
    create_user(sqlite_engine, "lan", PASSWORD, "viewer")
    with pytest.raises(UsageError, match="a user named 'lan' exists already"):
        create_user(sqlite_engine, "LAN", PASSWORD, "admin")
    with pytest.raises(NotFound, match="no user named 'minh'"):
        find_user(sqlite_engine, "minh")
    with pytest.raises(NotFound, match="no user with id 99"):
        get_user(sqlite_engine, 99)
    assert [u.username for u in list_users(sqlite_engine)] == ["lan"]


def test_the_last_admin_cannot_be_demoted_or_disabled(sqlite_engine: Engine) -> None:
    create_user(sqlite_engine, "an", PASSWORD, "admin")
    with pytest.raises(UsageError, match="'an' is the last admin; make another user admin first"):
        set_role(sqlite_engine, "an", "editor")
    with pytest.raises(UsageError, match="last admin"):
        disable_user(sqlite_engine, "an")
    create_user(sqlite_engine, "binh", PASSWORD, "viewer")
    assert set_role(sqlite_engine, "binh", "admin").role == "admin"
    assert set_role(sqlite_engine, "an", "editor").role == "editor"
    assert find_user(sqlite_engine, "an").role == "editor"


# ---------------------------------------------------------------------------- sessions


def test_a_session_lives_until_it_expires_and_stores_only_a_hash(sqlite_engine: Engine) -> None:
    user = create_user(sqlite_engine, "lan", PASSWORD, "analyst")
    token, session = start_session(sqlite_engine, user, now=NOW, hours=2)
    assert session.expires_at == NOW + timedelta(hours=2) and session.user == user
    assert len(token) >= 40 and len(session.csrf_token) >= 40 and token != session.csrf_token
    row = _row(sqlite_engine, web_sessions, web_sessions.c.user_id == user.id)
    assert row.token_hash == token_hash(token) != token

    alive = session_for_token(sqlite_engine, token, now=NOW + timedelta(hours=1, minutes=59))
    assert alive is not None and alive.user.id == user.id and alive.csrf_token == session.csrf_token
    assert session_for_token(sqlite_engine, token, now=NOW + timedelta(hours=2)) is None
    assert session_for_token(sqlite_engine, "not-a-token", now=NOW) is None
    assert session_for_token(sqlite_engine, "", now=NOW) is None

    other, _ = start_session(sqlite_engine, user, now=NOW)
    end_session(sqlite_engine, other)
    assert session_for_token(sqlite_engine, other, now=NOW) is None
    assert session_for_token(sqlite_engine, token, now=NOW) is not None  # only that one ended


def test_a_new_session_sweeps_the_users_expired_ones(sqlite_engine: Engine) -> None:
    user = create_user(sqlite_engine, "lan", PASSWORD, "analyst")
    start_session(sqlite_engine, user, now=NOW, hours=1)
    start_session(sqlite_engine, user, now=NOW + timedelta(hours=3))
    with sqlite_engine.connect() as conn:
        assert len(conn.execute(select(web_sessions)).all()) == 1


def test_a_session_sees_a_role_change_at_once(sqlite_engine: Engine) -> None:
    create_user(sqlite_engine, "an", PASSWORD, "admin")
    user = create_user(sqlite_engine, "lan", PASSWORD, "analyst")
    token, _ = start_session(sqlite_engine, user, now=NOW)
    set_role(sqlite_engine, "lan", "viewer")
    session = session_for_token(sqlite_engine, token, now=NOW)
    assert session is not None and session.user.role == "viewer"


def test_a_new_password_ends_every_session(sqlite_engine: Engine) -> None:
    user = create_user(sqlite_engine, "lan", PASSWORD, "analyst")
    token, _ = start_session(sqlite_engine, user, now=NOW)
    set_password(sqlite_engine, "lan", "một mật khẩu mới")
    assert session_for_token(sqlite_engine, token, now=NOW) is None
    assert authenticate(sqlite_engine, "lan", "một mật khẩu mới").id == user.id
    with pytest.raises(AuthenticationFailed):
        authenticate(sqlite_engine, "lan", PASSWORD)
    with pytest.raises(UsageError, match="use at least 10"):
        set_password(sqlite_engine, "lan", "short")


def test_a_disabled_user_loses_sessions_tokens_and_links(sqlite_engine: Engine) -> None:
    create_user(sqlite_engine, "an", PASSWORD, "admin")
    user = create_user(sqlite_engine, "lan", PASSWORD, "analyst")
    session_token, _ = start_session(sqlite_engine, user, now=NOW)
    api_token, record = create_api_token(sqlite_engine, user, "export", now=NOW)
    link = create_login_link(sqlite_engine, user, now=NOW)
    later = NOW + timedelta(minutes=5)

    disabled = disable_user(sqlite_engine, "lan", now=later)
    assert disabled.disabled and find_user(sqlite_engine, "lan").disabled
    assert session_for_token(sqlite_engine, session_token, now=later) is None
    assert user_for_api_token(sqlite_engine, api_token, now=later) is None
    assert _row(sqlite_engine, api_tokens, api_tokens.c.id == record.id).revoked_at == later
    with pytest.raises(AuthenticationFailed):
        redeem_login_link(sqlite_engine, link, now=later)
    with pytest.raises(AuthenticationFailed, match="wrong username or password"):
        authenticate(sqlite_engine, "lan", PASSWORD)
    with pytest.raises(UsageError, match="disabled"):
        start_session(sqlite_engine, disabled, now=later)


def test_a_user_disabled_behind_our_back_is_refused_anyway(sqlite_engine: Engine) -> None:
    """Sessions and tokens check the user's flag themselves, not only disable_user's cleanup."""
    user = create_user(sqlite_engine, "lan", PASSWORD, "analyst")
    session_token, _ = start_session(sqlite_engine, user, now=NOW)
    api_token, _ = create_api_token(sqlite_engine, user, "export", now=NOW)
    with sqlite_engine.begin() as conn:
        conn.execute(update(users).where(users.c.id == user.id).values(disabled=True))
    assert session_for_token(sqlite_engine, session_token, now=NOW) is None
    assert user_for_api_token(sqlite_engine, api_token, now=NOW) is None


# ---------------------------------------------------------------------------- API tokens


def test_api_tokens_are_shown_once_used_and_revoked(sqlite_engine: Engine) -> None:
    user = create_user(sqlite_engine, "lan", PASSWORD, "analyst")
    other = create_user(sqlite_engine, "minh", PASSWORD, "analyst")
    token, record = create_api_token(sqlite_engine, user, " nightly export ", now=NOW)
    assert token.startswith("dl_") and len(token) > 40
    assert (record.name, record.prefix, record.user_id, record.created_at) == ("nightly export", token[:8], user.id, NOW)
    assert record.last_used_at is None and record.revoked_at is None
    assert _row(sqlite_engine, api_tokens, api_tokens.c.id == record.id).token_hash == token_hash(token)

    found = user_for_api_token(sqlite_engine, token, now=NOW + timedelta(seconds=5))
    assert found is not None and found.id == user.id
    [listed] = list_api_tokens(sqlite_engine, user)
    assert listed.last_used_at == NOW + timedelta(seconds=5)
    # Within the minute the stamp is not rewritten; after it, it is.
    user_for_api_token(sqlite_engine, token, now=NOW + timedelta(seconds=30))
    assert list_api_tokens(sqlite_engine, user)[0].last_used_at == NOW + timedelta(seconds=5)
    user_for_api_token(sqlite_engine, token, now=NOW + timedelta(minutes=2))
    assert list_api_tokens(sqlite_engine, user)[0].last_used_at == NOW + timedelta(minutes=2)

    assert user_for_api_token(sqlite_engine, token[:-1] + "x", now=NOW) is None
    assert user_for_api_token(sqlite_engine, token[3:], now=NOW) is None
    with pytest.raises(NotFound, match=f"user 'minh' has no API token {record.id}"):
        revoke_api_token(sqlite_engine, other, record.id)
    assert user_for_api_token(sqlite_engine, token, now=NOW) is not None

    revoke_api_token(sqlite_engine, user, record.id, now=NOW + timedelta(hours=1))
    assert user_for_api_token(sqlite_engine, token, now=NOW + timedelta(hours=2)) is None
    revoke_api_token(sqlite_engine, user, record.id, now=NOW + timedelta(hours=3))
    assert list_api_tokens(sqlite_engine, user)[0].revoked_at == NOW + timedelta(hours=1)
    assert list_api_tokens(sqlite_engine, other) == []
    with pytest.raises(UsageError, match="1 to 100 characters"):
        create_api_token(sqlite_engine, user, "   ")


# ---------------------------------------------------------------------------- login links and the first admin


def test_a_login_link_works_once_and_expires(sqlite_engine: Engine) -> None:
    user = create_user(sqlite_engine, "lan", PASSWORD, "analyst")
    link = create_login_link(sqlite_engine, user, now=NOW, minutes=30)
    assert _row(sqlite_engine, login_links, login_links.c.user_id == user.id).token_hash == token_hash(link)
    redeemed = redeem_login_link(sqlite_engine, link, now=NOW + timedelta(minutes=29))
    assert redeemed.id == user.id and redeemed.last_login_at == NOW + timedelta(minutes=29)
    with pytest.raises(AuthenticationFailed, match="unknown, used or expired"):
        redeem_login_link(sqlite_engine, link, now=NOW + timedelta(minutes=29))

    late = create_login_link(sqlite_engine, user, now=NOW, minutes=30)
    with pytest.raises(AuthenticationFailed, match="unknown, used or expired"):
        redeem_login_link(sqlite_engine, late, now=NOW + timedelta(minutes=30))
    with pytest.raises(AuthenticationFailed):
        redeem_login_link(sqlite_engine, "made-up", now=NOW)
    # The expired attempt did not spend the link: it is simply dead.
    assert _row(sqlite_engine, login_links, login_links.c.token_hash == token_hash(late)).used_at is None


def test_the_first_admin_is_made_once_and_gets_in_only_by_link(sqlite_engine: Engine) -> None:
    first = ensure_first_admin(sqlite_engine, now=NOW)
    assert first is not None
    admin, link = first
    assert (admin.username, admin.role, admin.has_password) == ("admin", "admin", False)
    assert ensure_first_admin(sqlite_engine, now=NOW) is None
    assert len(list_users(sqlite_engine)) == 1
    stored = _row(sqlite_engine, users, users.c.id == admin.id).password_hash
    for guess in ("", stored, stored[1:], "admin", PASSWORD):
        with pytest.raises(AuthenticationFailed):
            authenticate(sqlite_engine, "admin", guess)
    assert redeem_login_link(sqlite_engine, link, now=NOW + timedelta(minutes=1)).id == admin.id
    set_password(sqlite_engine, "admin", PASSWORD)
    assert authenticate(sqlite_engine, "admin", PASSWORD).has_password


def test_no_first_admin_when_someone_exists(sqlite_engine: Engine) -> None:
    create_user(sqlite_engine, "lan", PASSWORD, "viewer")
    assert ensure_first_admin(sqlite_engine) is None
    assert [u.username for u in list_users(sqlite_engine)] == ["lan"]


# ---------------------------------------------------------------------------- rate limiting


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_rate_limiter_pauses_a_key_after_max_failures() -> None:
    clock = FakeClock()
    limiter = LoginRateLimiter(max_failures=3, window_seconds=60, clock=clock)
    key = "10.0.0.1|lan"
    for _ in range(3):
        limiter.check(key)
        limiter.failed(key)
        clock.now += 10
    with pytest.raises(RateLimited) as limited:
        limiter.check(key)
    # The first failure (at 1000) leaves the window at 1060; it is now 1030.
    assert limited.value.retry_after == 30 and "try again in 30 seconds" in str(limited.value)
    limiter.check("10.0.0.2|lan")  # other keys are free
    clock.now = 1060
    limiter.check(key)  # one failure has left the window
    limiter.failed(key)
    with pytest.raises(RateLimited):
        limiter.check(key)
    limiter.succeeded(key)
    limiter.check(key)


def test_the_rate_limiter_keeps_memory_bounded() -> None:
    clock = FakeClock()
    limiter = LoginRateLimiter(max_failures=2, window_seconds=60, clock=clock, max_keys=100)
    for i in range(500):
        limiter.failed(f"ip{i}|x")
    assert len(limiter) == 100
    # The most recent keys are kept, the oldest dropped.
    limiter.failed("ip499|x")
    with pytest.raises(RateLimited):
        limiter.check("ip499|x")
    limiter.failed("ip0|x")
    limiter.check("ip0|x")  # forgotten, so one failure only
    clock.now += 61
    limiter.failed("late|x")
    assert len(limiter) == 1  # every expired key was swept
    with pytest.raises(ValueError, match="max_failures=0"):
        LoginRateLimiter(max_failures=0)


def test_the_rate_limiter_reads_the_settings() -> None:
    limiter = LoginRateLimiter.from_settings({"login_max_failures": 7, "login_window_seconds": 120.0})
    assert (limiter.max_failures, limiter.window_seconds) == (7, 120.0)


# ---------------------------------------------------------------------------- audit log


def test_audit_rows_are_written_and_filtered(sqlite_engine: Engine) -> None:
    lan = create_user(sqlite_engine, "lan", PASSWORD, "analyst")
    record_audit(sqlite_engine, None, "login_failed", "user:lan", {"ip": "10.0.0.1"}, now=NOW)
    record_audit(sqlite_engine, lan, "login", "user:lan", now=NOW + timedelta(seconds=1))
    record_audit(sqlite_engine, lan, "export", "documents", {"q": "ngập lụt", "rows": 12}, now=NOW + timedelta(seconds=2))

    entries = list_audit(sqlite_engine)
    assert [e.action for e in entries] == ["export", "login", "login_failed"]
    export = entries[0]
    assert (export.user_id, export.username, export.target, export.detail, export.at) == (
        lan.id, "lan", "documents", {"q": "ngập lụt", "rows": 12}, NOW + timedelta(seconds=2))
    assert (entries[2].user_id, entries[2].username) == (None, "")
    assert [e.action for e in list_audit(sqlite_engine, action="login")] == ["login"]
    assert [e.action for e in list_audit(sqlite_engine, username="LAN")] == ["export", "login"]
    assert [e.action for e in list_audit(sqlite_engine, limit=1)] == ["export"]
    with pytest.raises(ValueError, match="audit action 'Bad Action'"):
        record_audit(sqlite_engine, lan, "Bad Action", "x")
    with pytest.raises(UsageError, match="limit 0 is out of range"):
        list_audit(sqlite_engine, limit=0)


def test_audit_rows_outlive_their_user(sqlite_engine: Engine) -> None:
    lan = create_user(sqlite_engine, "lan", PASSWORD, "analyst")
    record_audit(sqlite_engine, lan, "view_documents", "document:7", now=NOW)
    with sqlite_engine.begin() as conn:
        conn.execute(delete(users).where(users.c.id == lan.id))
    [entry] = list_audit(sqlite_engine)
    assert (entry.user_id, entry.username, entry.target) == (None, "lan", "document:7")
    with sqlite_engine.connect() as conn:
        assert len(conn.execute(select(audit_log)).all()) == 1


# ---------------------------------------------------------------------------- both databases


def test_the_whole_account_flow(engine: Engine) -> None:
    """Runs on SQLite and on the real PostgreSQL (marker `postgres`)."""
    admin, link = ensure_first_admin(engine, now=NOW) or pytest.fail("no first admin")
    assert redeem_login_link(engine, link, now=NOW).id == admin.id
    with pytest.raises(AuthenticationFailed):
        redeem_login_link(engine, link, now=NOW)
    lan = create_user(engine, "lan", PASSWORD, "viewer", now=NOW)
    with pytest.raises(UsageError, match="exists already"):
        create_user(engine, "lan", PASSWORD, "viewer")
    assert set_role(engine, "lan", "analyst").role == "analyst"
    user = authenticate(engine, "lan", PASSWORD, now=NOW + timedelta(minutes=1))
    assert user.last_login_at == NOW + timedelta(minutes=1)
    token, session = start_session(engine, user, now=NOW, hours=12)
    found = session_for_token(engine, token, now=NOW + timedelta(hours=11))
    assert found is not None and found.csrf_token == session.csrf_token and found.expires_at == session.expires_at
    assert session_for_token(engine, token, now=NOW + timedelta(hours=12)) is None
    api, record = create_api_token(engine, user, "script", now=NOW)
    assert user_for_api_token(engine, api, now=NOW) == get_user(engine, lan.id)
    revoke_api_token(engine, user, record.id, now=NOW)
    assert user_for_api_token(engine, api, now=NOW) is None
    record_audit(engine, user, "alert_acknowledged", "alert:3", {"reason": "đã xử lý"}, now=NOW)
    assert list_audit(engine, username="lan")[0].detail == {"reason": "đã xử lý"}
    disable_user(engine, "lan")
    assert [u.disabled for u in list_users(engine)] == [False, True]


def test_the_audit_writer_queues_rows_and_writes_them_in_one_batch(sqlite_engine: Engine) -> None:
    from duluan.accounts import AuditWriter

    user = create_user(sqlite_engine, "ghi-nhat-ky", "mật-khẩu-dài-dài", "analyst")
    writer = AuditWriter(sqlite_engine, interval=60)  # no timed flush during the test
    writer.record(user, "view_documents", "alert:1", {"documents": [1, 2]})
    writer.record(None, "login_failed", "user:ai-do")
    assert list_audit(sqlite_engine, action="view_documents") == []  # queued, not yet written
    writer.flush()
    rows = list_audit(sqlite_engine)
    assert [(r.username, r.action, r.target) for r in rows][:2] == [("", "login_failed", "user:ai-do"),
                                                                    ("ghi-nhat-ky", "view_documents", "alert:1")]
    with pytest.raises(ValueError, match="audit action"):
        writer.record(user, "Bad Action", "x")
    writer.record(user, "export", "documents")
    writer.close()  # a closing writer writes what is left
    assert list_audit(sqlite_engine, limit=1)[0].action == "export"
