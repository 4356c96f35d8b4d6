"""Accounts: users and roles, passwords, sessions, API tokens, login links, the audit log.

The web layer calls only what is exported here. Secrets (session cookies, API tokens,
login links) are random 256-bit strings stored as their SHA-256; passwords are argon2id.

    roles.py      ROLES, PERMISSIONS, can, require
    hashing.py    argon2id passwords, random secrets and their hashes
    users.py      create, find, change role or password, disable, authenticate
    sessions.py   dashboard sessions with a CSRF token
    tokens.py     API tokens for scripts
    links.py      one-time login links and the first admin
    ratelimit.py  a pause after repeated failed logins
    audit.py      the append-only audit log
"""

from .audit import AuditEntry, AuditWriter, list_audit, record_audit
from .links import create_login_link, ensure_first_admin, redeem_login_link
from .ratelimit import LoginRateLimiter
from .roles import PERMISSIONS, ROLES, can, require
from .sessions import Session, end_session, session_for_token, start_session
from .tokens import (
    ApiToken,
    create_api_token,
    list_api_tokens,
    revoke_api_token,
    user_for_api_token,
)
from .users import (
    User,
    authenticate,
    create_user,
    disable_user,
    find_user,
    get_user,
    list_users,
    set_password,
    set_role,
)

__all__ = [
    "ROLES",
    "PERMISSIONS",
    "can",
    "require",
    "User",
    "create_user",
    "get_user",
    "find_user",
    "list_users",
    "set_role",
    "set_password",
    "disable_user",
    "authenticate",
    "Session",
    "start_session",
    "session_for_token",
    "end_session",
    "ApiToken",
    "create_api_token",
    "user_for_api_token",
    "list_api_tokens",
    "revoke_api_token",
    "create_login_link",
    "redeem_login_link",
    "ensure_first_admin",
    "LoginRateLimiter",
    "AuditEntry",
    "record_audit",
    "AuditWriter",
    "list_audit",
]
