"""Roles and what each may do: one table, read by the web layer before every action."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import PermissionDenied

if TYPE_CHECKING:
    from .users import User

# Ordered from least to most trusted; a role holds a permission or not, there is no
# inheritance to reason about — PERMISSIONS below is the whole truth.
ROLES = ("viewer", "analyst", "case_officer", "editor", "admin")

_READERS = frozenset({"analyst", "case_officer", "editor", "admin"})

PERMISSIONS: dict[str, frozenset[str]] = {
    # Counts, trends, topics and alerts, always above the k-anonymity floor.
    "view_aggregates": frozenset(ROLES),
    # Document text, evidence and search: people's words, so not for viewers.
    "view_documents": _READERS,
    "export": _READERS,
    # Acknowledge or dismiss an alert.
    "triage_alerts": _READERS,
    # Open a case, move it through its statuses, update it.
    "manage_cases": frozenset({"case_officer", "editor", "admin"}),
    "view_sources": _READERS,
    "manage_users": frozenset({"admin"}),
}


def can(role: str, permission: str) -> bool:
    """Whether `role` holds `permission`; an unknown permission is a bug in the caller."""
    try:
        holders = PERMISSIONS[permission]
    except KeyError:
        raise ValueError(
            f"unknown permission {permission!r}; expected one of: {', '.join(PERMISSIONS)}"
        ) from None
    return role in holders


def least_role_for(permission: str) -> str:
    """The least trusted role that holds `permission`: the one to ask an admin for."""
    return next(role for role in ROLES if can(role, permission))


def require(user: User, permission: str) -> None:
    """Raise PermissionDenied unless the user's role holds `permission`."""
    if user.disabled:
        raise PermissionDenied(f"user {user.username!r} is disabled; ask an admin")
    if can(user.role, permission):
        return
    needed = least_role_for(permission)
    raise PermissionDenied(
        f"role {user.role!r} may not {permission.replace('_', ' ')}; "
        f"ask an admin for the {needed} role"
    )
