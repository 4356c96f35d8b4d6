"""k-anonymity for aggregates: a figure resting on fewer than k social authors is not shown.

News articles are signed by outlets and are public record; posts and comments come from
people. A count that includes any social document is shown only when those documents
come from at least k distinct (pseudonymous) authors; otherwise it becomes "< k".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """A count as it may be shown: the value, or None with the reason it is suppressed."""

    value: int | None
    k: int

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def show(self) -> str:
        return f"< {self.k}" if self.value is None else str(self.value)

    def as_json(self) -> int | str:
        return f"< {self.k}" if self.value is None else self.value


def guarded(value: int, social: int, authors: int, k: int) -> Figure:
    """`value` if the social part of it comes from at least k authors (or there is none)."""
    if social > 0 and authors < k:
        return Figure(None, k)
    return Figure(value, k)


# A post's or comment's address names its author on most platforms (facebook.com/<name>/
# posts/…), so evidence and search show links only for press articles and web pages.
AUTHORED_KINDS = ("post", "comment")


def public_url(kind: str, url: str | None) -> str | None:
    """The link that may be shown for a document: none for posts and comments."""
    return None if kind in AUTHORED_KINDS else url
