"""Users: create them, change their role or password, disable them, check a password."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import AuthenticationFailed, NotFound, UsageError
from ..store.repository import utcnow
from ..store.schema import api_tokens, login_links, users, web_sessions
from .hashing import UNUSABLE_PREFIX, check_password, passwords
from .roles import ROLES

USERNAME_RE = re.compile(r"[a-z0-9._-]{1,60}")
# One message for every failed login, so that it does not tell which usernames exist.
WRONG_LOGIN = "wrong username or password"


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    disabled: bool
    created_at: datetime
    last_login_at: datetime | None
    # False for the first admin until they set one: only a login link lets them in.
    has_password: bool = True


def user_from_row(row: Any) -> User:
    return User(
        id=row.id, username=row.username, role=row.role, disabled=bool(row.disabled),
        created_at=row.created_at, last_login_at=row.last_login_at,
        has_password=not row.password_hash.startswith(UNUSABLE_PREFIX),
    )


def normalise_username(username: str) -> str:
    """Lowercased and checked: 1-60 characters of a-z, 0-9, '.', '_' and '-'."""
    name = (username or "").strip().lower()
    if not USERNAME_RE.fullmatch(name):
        raise UsageError(
            f"username {username!r} is not allowed; use 1 to 60 characters from a-z, 0-9, "
            "'.', '_' and '-' (for example 'lan.nguyen')"
        )
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r}; choose one of: {', '.join(ROLES)}")
    return role


def _taken(username: str) -> UsageError:
    return UsageError(f"a user named {username!r} exists already; choose another username")


def insert_user(conn: Connection, username: str, password_hash: str, role: str, now: datetime) -> User:
    """Insert one user row; the caller turns an IntegrityError (a race on the name) into _taken."""
    if conn.execute(select(users.c.id).where(users.c.username == username)).first():
        raise _taken(username)
    result = conn.execute(
        insert(users).values(
            username=username, password_hash=password_hash, role=role,
            disabled=False, created_at=now, last_login_at=None,
        )
    )
    user_id = int(result.inserted_primary_key[0])  # type: ignore[index]
    return user_from_row(conn.execute(select(users).where(users.c.id == user_id)).one())


def create_user(engine: Engine, username: str, password: str, role: str, now: datetime | None = None) -> User:
    """Create a user who can log in with `password`."""
    name = normalise_username(username)
    check_role(role)
    # Hash outside the transaction: argon2 takes a while and the database need not wait.
    hashed = passwords().hash(check_password(password))
    try:
        with engine.begin() as conn:
            return insert_user(conn, name, hashed, role, now or utcnow())
    except IntegrityError:
        # Another process took the name between our check and our insert.
        raise _taken(name) from None


def get_user(engine: Engine, user_id: int) -> User:
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.id == user_id)).first()
    if row is None:
        raise NotFound(f"no user with id {user_id}; `duluan users list` shows them")
    return user_from_row(row)


def _row_by_name(conn: Connection, username: str) -> Any:
    name = (username or "").strip().lower()
    row = conn.execute(select(users).where(users.c.username == name)).first()
    if row is None:
        raise NotFound(f"no user named {username!r}; `duluan users list` shows them")
    return row


def find_user(engine: Engine, username: str) -> User:
    with engine.connect() as conn:
        return user_from_row(_row_by_name(conn, username))


def list_users(engine: Engine) -> list[User]:
    with engine.connect() as conn:
        return [user_from_row(r) for r in conn.execute(select(users).order_by(users.c.username))]


def _guard_last_admin(conn: Connection, row: Any, change: str) -> None:
    """Refuse to leave the workspace without an enabled admin: nobody could manage users."""
    if row.role != "admin" or row.disabled:
        return
    admins = conn.execute(
        select(func.count()).select_from(users).where(users.c.role == "admin", users.c.disabled.is_(False))
    ).scalar_one()
    if admins <= 1:
        raise UsageError(
            f"{row.username!r} is the last admin; make another user admin first, then {change}"
        )


def set_role(engine: Engine, username: str, role: str) -> User:
    check_role(role)
    with engine.begin() as conn:
        row = _row_by_name(conn, username)
        if role != "admin":
            _guard_last_admin(conn, row, f"change the role of {row.username!r}")
        conn.execute(update(users).where(users.c.id == row.id).values(role=role))
        return user_from_row(conn.execute(select(users).where(users.c.id == row.id)).one())


def end_user_sessions(conn: Connection, user_id: int) -> None:
    conn.execute(delete(web_sessions).where(web_sessions.c.user_id == user_id))


def set_password(engine: Engine, username: str, password: str) -> None:
    """Set a new password and log the user out everywhere (a changed password is often a leaked one)."""
    hashed = passwords().hash(check_password(password))
    with engine.begin() as conn:
        row = _row_by_name(conn, username)
        conn.execute(update(users).where(users.c.id == row.id).values(password_hash=hashed))
        end_user_sessions(conn, row.id)


def disable_user(engine: Engine, username: str, now: datetime | None = None) -> User:
    """Disable a user: end their sessions, revoke their API tokens, void their login links."""
    now = now or utcnow()
    with engine.begin() as conn:
        row = _row_by_name(conn, username)
        _guard_last_admin(conn, row, f"disable {row.username!r}")
        conn.execute(update(users).where(users.c.id == row.id).values(disabled=True))
        end_user_sessions(conn, row.id)
        conn.execute(
            update(api_tokens)
            .where(api_tokens.c.user_id == row.id, api_tokens.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        conn.execute(delete(login_links).where(login_links.c.user_id == row.id, login_links.c.used_at.is_(None)))
        return user_from_row(conn.execute(select(users).where(users.c.id == row.id)).one())


def authenticate(engine: Engine, username: str, password: str, now: datetime | None = None) -> User:
    """The user if the password is right; one AuthenticationFailed message for every failure."""
    hashing = passwords()
    name = (username or "").strip().lower()
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == name)).first() if USERNAME_RE.fullmatch(name) else None
    if row is None:
        # Do the work of a real check so that the answer takes as long as for a real user.
        hashing.spend_decoy_time(password)
        raise AuthenticationFailed(WRONG_LOGIN)
    # A disabled user's password is checked too, for the same reason.
    if not hashing.verify(row.password_hash, password) or row.disabled:
        raise AuthenticationFailed(WRONG_LOGIN)
    now = now or utcnow()
    values: dict[str, Any] = {"last_login_at": now}
    if hashing.needs_rehash(row.password_hash):
        # Parameters changed since this hash was made (argon2-cffi upgrade, new settings).
        values["password_hash"] = hashing.hash(password)
    with engine.begin() as conn:
        conn.execute(update(users).where(users.c.id == row.id).values(**values))
        return user_from_row(conn.execute(select(users).where(users.c.id == row.id)).one())
