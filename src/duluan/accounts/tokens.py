"""API tokens: long-lived secrets for scripts, shown once, stored as SHA-256 with a short prefix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert, or_, select, update

from ..errors import NotFound, UsageError
from ..store.repository import utcnow
from ..store.schema import api_tokens, users
from .hashing import new_secret, token_hash
from .users import User, user_from_row

TOKEN_PREFIX = "dl_"
PREFIX_CHARS = 8
# Writing last_used_at on every request would turn each API read into a write.
LAST_USED_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class ApiToken:
    id: int
    user_id: int
    name: str
    # The first characters of the token, enough to recognise it in a list; not a secret.
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def _token(row: Any) -> ApiToken:
    return ApiToken(
        id=row.id, user_id=row.user_id, name=row.name, prefix=row.prefix,
        created_at=row.created_at, last_used_at=row.last_used_at, revoked_at=row.revoked_at,
    )


def create_api_token(engine: Engine, user: User, name: str, now: datetime | None = None) -> tuple[str, ApiToken]:
    """A new token for `user`: (the plaintext, shown once; its record)."""
    name = (name or "").strip()
    if not 1 <= len(name) <= 100:
        raise UsageError(f"token name {name!r} must have 1 to 100 characters; say what it is for, e.g. 'nightly export'")
    if user.disabled:
        raise UsageError(f"user {user.username!r} is disabled and cannot get a token")
    now = now or utcnow()
    token = TOKEN_PREFIX + new_secret()
    with engine.begin() as conn:
        result = conn.execute(
            insert(api_tokens).values(
                user_id=user.id, name=name, token_hash=token_hash(token),
                prefix=token[:PREFIX_CHARS], created_at=now,
            )
        )
        token_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        row = conn.execute(select(api_tokens).where(api_tokens.c.id == token_id)).one()
    return token, _token(row)


def user_for_api_token(engine: Engine, token: str, now: datetime | None = None) -> User | None:
    """The user behind a live token (not revoked, user not disabled), else None."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    now = now or utcnow()
    query = (
        select(api_tokens.c.id.label("token_id"), api_tokens.c.last_used_at, users)
        .join(users, users.c.id == api_tokens.c.user_id)
        .where(api_tokens.c.token_hash == token_hash(token), api_tokens.c.revoked_at.is_(None))
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None or row.disabled:
        return None
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_PRECISION:
        stale = now - LAST_USED_PRECISION
        with engine.begin() as conn:
            # The condition is repeated so that concurrent requests write at most once.
            conn.execute(
                update(api_tokens)
                .where(
                    api_tokens.c.id == row.token_id,
                    or_(api_tokens.c.last_used_at.is_(None), api_tokens.c.last_used_at <= stale),
                )
                .values(last_used_at=now)
            )
    return user_from_row(row)


def list_api_tokens(engine: Engine, user: User) -> list[ApiToken]:
    """The user's tokens, revoked ones included, newest first."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(api_tokens).where(api_tokens.c.user_id == user.id).order_by(api_tokens.c.id.desc())
        )
        return [_token(r) for r in rows]


def revoke_api_token(engine: Engine, user: User, token_id: int, now: datetime | None = None) -> None:
    """Revoke one of the user's tokens; revoking twice keeps the first time."""
    with engine.begin() as conn:
        row = conn.execute(
            select(api_tokens.c.revoked_at)
            .where(api_tokens.c.id == token_id, api_tokens.c.user_id == user.id)
        ).first()
        if row is None:
            raise NotFound(f"user {user.username!r} has no API token {token_id}; list them to see the ids")
        if row.revoked_at is None:
            conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(revoked_at=now or utcnow()))
