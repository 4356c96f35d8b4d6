"""Dashboard sessions: a random cookie token, kept in the database only as its SHA-256."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, insert, select

from ..errors import UsageError
from ..store.repository import utcnow
from ..store.schema import users, web_sessions
from .hashing import new_secret, token_hash
from .users import User, user_from_row


@dataclass(frozen=True)
class Session:
    user: User
    # Sent back with every form; an attacker's page cannot read it, so cannot forge a post.
    csrf_token: str
    expires_at: datetime


def start_session(engine: Engine, user: User, now: datetime | None = None, hours: float = 12) -> tuple[str, Session]:
    """A new session for a user who just proved who they are: (cookie token, session)."""
    if not hours > 0:
        raise UsageError(f"a session must last some time, got hours={hours!r}; use e.g. 12")
    if user.disabled:
        raise UsageError(f"user {user.username!r} is disabled and cannot start a session")
    now = now or utcnow()
    token, csrf = new_secret(), new_secret()
    expires_at = now + timedelta(hours=hours)
    with engine.begin() as conn:
        # Sweep this user's dead sessions here, so the table stays small without a cron job.
        conn.execute(delete(web_sessions).where(web_sessions.c.user_id == user.id, web_sessions.c.expires_at <= now))
        conn.execute(
            insert(web_sessions).values(
                token_hash=token_hash(token), user_id=user.id, csrf_token=csrf,
                created_at=now, expires_at=expires_at,
            )
        )
    return token, Session(user=user, csrf_token=csrf, expires_at=expires_at)


def session_for_token(engine: Engine, token: str, now: datetime | None = None) -> Session | None:
    """The live session behind a cookie token, with the user as they are now; else None."""
    if not token:
        return None
    now = now or utcnow()
    query = (
        select(web_sessions.c.csrf_token, web_sessions.c.expires_at, users)
        .join(users, users.c.id == web_sessions.c.user_id)
        .where(web_sessions.c.token_hash == token_hash(token))
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None or row.expires_at <= now or row.disabled:
        return None
    return Session(user=user_from_row(row), csrf_token=row.csrf_token, expires_at=row.expires_at)


def end_session(engine: Engine, token: str) -> None:
    """Log out: forget the session (harmless when it is already gone)."""
    if not token:
        return
    with engine.begin() as conn:
        conn.execute(delete(web_sessions).where(web_sessions.c.token_hash == token_hash(token)))
