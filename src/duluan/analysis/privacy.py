"""k-anonymity for aggregates: a figure resting on fewer than k social authors is not shown.

News articles are signed by outlets and are public record; posts and comments come from
people. A count that includes any social document is shown only when those documents
come from at least k distinct (pseudonymous) authors; otherwise it becomes "< k".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """A count as it may be shown: the value, or None with the reason it is suppressed."""

    value: int | None
    k: int
    # A total shown as "at least" the parts shown beside it, when the exact total would
    # give a hidden part away (see `hide_complement`).
    at_least: bool = False
    # Hidden although it rests on k or more authors: beside a part under k, so that the
    # total minus the parts shown gives only a sum resting on k or more (`hide_complement`).
    secondary: bool = False

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def show(self) -> str:
        if self.value is None:
            return SECONDARY if self.secondary else f"< {self.k}"
        return f"≥ {self.value}" if self.at_least else str(self.value)

    def as_json(self) -> int | str:
        if self.value is None:
            return SECONDARY if self.secondary else f"< {self.k}"
        return f"≥ {self.value}" if self.at_least else self.value


# How a figure hidden by secondary suppression reads in JSON and the CLI ("< k" would be
# false: it may rest on many authors). Pages translate it.
SECONDARY = "hidden"


def guarded(value: int, social: int, authors: int, k: int) -> Figure:
    """`value` if the social part of it comes from at least k authors (or there is none)."""
    if social > 0 and authors < k:
        return Figure(None, k)
    return Figure(value, k)


def hide_complement(
    parts: Sequence[Figure], social: Sequence[int], total: Figure, *, keep_parts: bool = False,
    hidden_elsewhere: bool = False,
) -> tuple[list[Figure], Figure]:
    """Secondary suppression: parts shown beside their total must not give a hidden part
    away by subtraction.

    When the total is shown and any part is hidden, the hidden parts' sum is the total
    minus the parts shown. Each hidden part rests on fewer than k authors, and together
    they may still be fewer. Two ways out:

    - `keep_parts` (a series by day, where the days are the point): the total becomes a
      lower bound, "≥" the sum of the parts shown, which gives nothing away;
    - otherwise (a few shares of one total, where the total is the point): one more part
      is hidden, the smallest shown part with social documents (`social[i]` > 0), whose
      own k or more authors make the sum that can be worked out rest on at least k. With
      no such part, the total becomes the lower bound.

    `hidden_elsewhere`: another figure on the same page hides part of the same documents
    (a day of the volume chart), and these parts add up to nearly the same total: shown
    exactly, they would give that hidden figure away. The parts are then treated as if
    one of them were hidden, and the total is a lower bound either way.
    """
    if total.value is None:
        return list(parts), total
    if not hidden_elsewhere and not any(p.suppressed for p in parts):
        return list(parts), total
    if keep_parts:
        return list(parts), _lower_bound(parts, total.k)
    kept = _hide_smallest_social(parts, social)
    if hidden_elsewhere or kept == list(parts):  # with no part that could be hidden too
        return kept, _lower_bound(kept, total.k)
    return kept, total


def _lower_bound(parts: Sequence[Figure], k: int) -> Figure:
    return Figure(sum(p.value for p in parts if p.value is not None), k, at_least=True)


def _hide_smallest_social(parts: Sequence[Figure], social: Sequence[int]) -> list[Figure]:
    """`parts` with the smallest shown part that has social documents hidden too (all of
    them as they are when there is none: press figures are never suppressed)."""
    candidates = [
        (part.value, i) for i, part in enumerate(parts)
        if part.value is not None and social[i] > 0
    ]  # fmt: skip
    if not candidates:
        return list(parts)
    _, smallest = min(candidates)
    return [Figure(None, p.k, secondary=True) if i == smallest else p for i, p in enumerate(parts)]


# A post's or comment's address names its author on most platforms (facebook.com/<name>/
# posts/…), so evidence and search show links only for press articles and web pages.
AUTHORED_KINDS = ("post", "comment")


def public_url(kind: str, url: str | None) -> str | None:
    """The link that may be shown for a document: none for posts and comments."""
    return None if kind in AUTHORED_KINDS else url
