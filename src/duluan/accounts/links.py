"""One-time login links: how a new user (or the first admin) gets in before having a password."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import AuthenticationFailed, UsageError
from ..store.repository import utcnow
from ..store.schema import login_links, users
from .hashing import new_secret, token_hash, unusable_password
from .users import User, insert_user, user_from_row

FIRST_ADMIN = "admin"
BAD_LINK = "this login link is unknown, used or expired; ask an admin for a new one"


def create_login_link(engine: Engine, user: User, now: datetime | None = None, minutes: float = 60) -> str:
    """A secret that logs `user` in once, within `minutes`; only its SHA-256 is stored."""
    if not minutes > 0:
        raise UsageError(f"a login link must stay valid some time, got minutes={minutes!r}; use e.g. 60")
    if user.disabled:
        raise UsageError(f"user {user.username!r} is disabled; a login link would not let them in")
    now = now or utcnow()
    token = new_secret()
    with engine.begin() as conn:
        conn.execute(
            insert(login_links).values(
                token_hash=token_hash(token), user_id=user.id, created_at=now,
                expires_at=now + timedelta(minutes=minutes), used_at=None,
            )
        )
    return token


def redeem_login_link(engine: Engine, token: str, now: datetime | None = None) -> User:
    """The user the link is for; the link is spent, even by two requests racing."""
    if not token:
        raise AuthenticationFailed(BAD_LINK)
    now = now or utcnow()
    hashed = token_hash(token)
    with engine.begin() as conn:
        # One conditional UPDATE decides: of two concurrent redeems only one changes the row.
        spent = conn.execute(
            update(login_links)
            .where(
                login_links.c.token_hash == hashed,
                login_links.c.used_at.is_(None),
                login_links.c.expires_at > now,
            )
            .values(used_at=now)
        )
        if spent.rowcount != 1:
            raise AuthenticationFailed(BAD_LINK)
        row = conn.execute(
            select(users).join(login_links, login_links.c.user_id == users.c.id)
            .where(login_links.c.token_hash == hashed)
        ).one()
        if row.disabled:
            raise AuthenticationFailed(BAD_LINK)
        conn.execute(update(users).where(users.c.id == row.id).values(last_login_at=now))
        return user_from_row(conn.execute(select(users).where(users.c.id == row.id)).one())


def ensure_first_admin(engine: Engine, now: datetime | None = None) -> tuple[User, str] | None:
    """On an empty users table, create "admin" and return it with a login link; else None.

    The admin gets no usable password: whoever holds the link logs in and sets one, so a
    new installation has no default password to leave unchanged.
    """
    now = now or utcnow()
    try:
        with engine.begin() as conn:
            if conn.execute(select(func.count()).select_from(users)).scalar_one():
                return None
            admin = insert_user(conn, FIRST_ADMIN, unusable_password(), "admin", now)
    except (IntegrityError, UsageError):
        # Another process created the first admin at the same moment; theirs stands.
        return None
    return admin, create_login_link(engine, admin, now=now)
