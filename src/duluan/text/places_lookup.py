"""Look-ups for the API and the CLI: a unit by its code, the units a name may mean."""

from __future__ import annotations

from dataclasses import dataclass

from duluan.text.places_aliases import ALIASES, PREFIXES
from duluan.text.places_gazetteer import Unit, load_gazetteer, name_tokens

__all__ = ["PlaceMatch", "province_by_code", "resolve_place", "ward_by_code"]

_LEVEL_RANK = {"province": 0, "district": 1, "ward": 2}


@dataclass(slots=True)
class PlaceMatch:
    """One unit a name may refer to, as answered by `resolve_place`."""

    code: str
    era: str
    level: str
    name: str
    new_codes: list[str]
    province_code_new: str
    score: float


def province_by_code(code: str) -> PlaceMatch | None:
    """The province with this code, the one in force first ("79" → TP Hồ Chí Minh)."""
    gaz = load_gazetteer()
    unit = gaz.get("new", "province", code) or gaz.get("old", "province", code)
    return _as_match(unit, 1.0) if unit else None


def ward_by_code(code: str) -> PlaceMatch | None:
    """The ward with this code, the one in force first, else the pre-2025 one."""
    gaz = load_gazetteer()
    unit = gaz.get("new", "ward", code) or gaz.get("old", "ward", code)
    return _as_match(unit, 1.0) if unit else None


def _as_match(unit: Unit, score: float) -> PlaceMatch:
    return PlaceMatch(unit.code, unit.era, unit.level, unit.name, list(unit.new_codes),
                      unit.province_new, round(score, 2))  # fmt: skip


def resolve_place(name: str, *, province: str | None = None) -> list[PlaceMatch]:
    """Units that `name` may mean ("quận 1", "Bến Nghé", "Sài Gòn"), best first.

    `province` (a name or code of either era) keeps the units inside it.
    """
    gaz = load_gazetteer()
    tokens = name_tokens(name)
    levels = frozenset(_LEVEL_RANK)
    kind = ""
    for length in (2, 1):
        prefix = PREFIXES.get(tokens[:length])
        if prefix and len(tokens) > length:
            levels, kind = prefix
            tokens = tokens[length:]
            break
    units = [u for u in gaz.by_key.get(tokens, []) if u.level in levels]
    alias = ALIASES.get(name_tokens(name)) or ALIASES.get(tokens)
    if alias and (unit := gaz.get(*alias)) is not None:
        units.insert(0, unit)
    if province is not None:
        inside = gaz.provinces_named(province)
        if not inside:
            return []
        new = {u.province_new for u in inside}
        old = {u.code for u in inside if u.era == "old"}
        units = [
            u for u in units if u.province_new in new or (u.era == "old" and u.province in old)
        ]

    def score(u: Unit) -> float:
        s = 1.0 if u.era == "new" else 0.9
        if kind and u.kind == kind:
            s += 0.05
        return s - 0.05 * _LEVEL_RANK[u.level]

    ranked = sorted(dict.fromkeys(units), key=score, reverse=True)
    share = 1 / len(ranked) if ranked else 0.0
    return [_as_match(u, min(1.0, score(u) * (share**0.5))) for u in ranked]
