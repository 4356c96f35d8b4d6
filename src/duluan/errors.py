"""The one exception hierarchy of duluan.

    DuluanError                      base: every error we raise on purpose
    ├── UsageError                   the caller asked for something wrong (CLI exits 2)
    │   ├── WorkspaceNotFound        no workspace where one was expected
    │   ├── WorkspaceExists          `init` into a folder that already holds one
    │   ├── SettingError             unknown setting or a value of the wrong type
    │   ├── UnknownSourceKind        a source kind we do not read
    │   └── NotFound                 no record with this id (alert, case, topic, place…)
    ├── AuthError                    who is asking, and may they? (web and API)
    │   ├── AuthenticationFailed     no valid session, token or password (HTTP 401)
    │   ├── PermissionDenied         the role may not do this (HTTP 403)
    │   └── RateLimited              too many failed logins; `retry_after` seconds (HTTP 429)
    ├── SourceError                  a source could not be read at all (CLI exits 1)
    │   └── FetchError               the network answered badly or not at all
    ├── InputRejected                one input item cannot become a document;
    │                                carries a reason code, stored as a reject
    └── StoreError                   the database refused or is out of date

An error the dashboard can show also carries its message in Vietnamese (`vi`): the pages
are Vietnamese first, the CLI and the API speak English.

Edges translate these: the CLI prints one line and exits 2 for usage errors, 1 otherwise;
the web API answers {"error": {"code", "message"}} with 400 for usage errors, 404 for
NotFound, 401/403/429 for AuthError, and 500 only for a bug.
"""

from __future__ import annotations


class DuluanError(Exception):
    """Base of every error duluan raises on purpose; `vi` is its message in Vietnamese."""

    def __init__(self, *args: object, vi: str | None = None) -> None:
        super().__init__(*args)
        self.vi = vi

    def message_in(self, language: str) -> str:
        """The message in `language` ("vi" or "en"), English when no translation was given."""
        return self.vi if language == "vi" and self.vi else str(self)


class UsageError(DuluanError):
    """The caller asked for something that cannot work; the message says the fix."""


class WorkspaceNotFound(UsageError):
    pass


class WorkspaceExists(UsageError):
    pass


class SettingError(UsageError):
    pass


class UnknownSourceKind(UsageError):
    pass


class NotFound(UsageError):
    """No record has the id the caller gave."""


class AuthError(DuluanError):
    """Base of authentication and authorisation failures."""


class AuthenticationFailed(AuthError):
    pass


class PermissionDenied(AuthError):
    pass


class RateLimited(AuthError):
    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class SourceError(DuluanError):
    """A whole source could not be read (missing file, unreachable feed)."""


class FetchError(SourceError):
    pass


class InputRejected(DuluanError):
    """One input item cannot become a document; `reason` is a short stable code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


class StoreError(DuluanError):
    pass
