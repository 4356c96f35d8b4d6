"""Passwords (argon2id) and the random secrets behind sessions, API tokens and login links."""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import UsageError

MIN_PASSWORD_CHARS = 10
# argon2 is fine with long input, but a megabyte "password" is a way to waste our CPU.
MAX_PASSWORD_CHARS = 1024
# Stored instead of a hash for an account that must first use a login link: no argon2
# hash starts with "!", so no password can ever match it.
UNUSABLE_PREFIX = "!"


def check_password(password: str) -> str:
    """The password if it is acceptable, else UsageError saying why (never echoing it)."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise UsageError(
            f"the password has {len(password)} characters; use at least {MIN_PASSWORD_CHARS}"
            " (a few words make a good one)"
        )
    if len(password) > MAX_PASSWORD_CHARS:
        raise UsageError(f"the password is longer than {MAX_PASSWORD_CHARS} characters; use a shorter one")
    return password


class Passwords:
    """argon2id hashing, plus a decoy hash so an unknown user costs the same time as a known one."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        # argon2-cffi's defaults follow RFC 9106's recommendation; tests pass a cheap hasher.
        self.hasher = hasher or PasswordHasher()
        self._decoy: str | None = None
        self._lock = threading.Lock()

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def verify(self, stored: str, password: str) -> bool:
        if stored.startswith(UNUSABLE_PREFIX):
            self.spend_decoy_time(password)
            return False
        try:
            return self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        """True when the hash was made with other parameters than ours (upgrade on login)."""
        if stored.startswith(UNUSABLE_PREFIX):
            return False
        try:
            return self.hasher.check_needs_rehash(stored)
        except InvalidHashError:
            return True

    def spend_decoy_time(self, password: str) -> None:
        """Verify against a hash of a random secret: the work of a real check, never a match."""
        with self._lock:
            if self._decoy is None:
                self._decoy = self.hasher.hash(secrets.token_urlsafe(16))
            decoy = self._decoy
        with contextlib.suppress(VerificationError, InvalidHashError):
            self.hasher.verify(decoy, password)


_current = Passwords()


def passwords() -> Passwords:
    """The hashing in use by this process."""
    return _current


def use_password_hasher(hasher: PasswordHasher) -> PasswordHasher:
    """Hash with `hasher` from now on (tests use cheap parameters); returns the previous one."""
    global _current
    previous = _current.hasher
    _current = Passwords(hasher)
    return previous


def unusable_password() -> str:
    return UNUSABLE_PREFIX + secrets.token_hex(16)


def new_secret() -> str:
    """A random secret for a cookie or a link: 256 bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the database keeps of a secret: its SHA-256 in hex.

    The secrets are 256 random bits, so a fast hash is enough: there is nothing to guess,
    and a stolen database copy still opens no session.
    """
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
