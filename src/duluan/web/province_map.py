"""The 34 provinces in force since 1 July 2025 as a tile map: one square each, placed
roughly where it lies, north to south, drawn offline as SVG (no map tiles, no script).

A real map would give Hà Nội and TP.HCM a few pixels and Lai Châu a large area; tiles of
equal size let every province's colour be read. The grid (5 columns used of 6, 17 rows)
is ours, set from the provinces' geography after the 2025 mergers: the north-west
mountains on the first two rows, the Red River delta on rows 2–3, the central coast as
a diagonal, the Mekong delta at the bottom. Full names come from the gazetteer the
language core ships (text/data/gazetteer.json.gz); the short names here are checked
against it by a test.

Classes for the stylesheet:

    chart, province-map            the <svg>
    tile                           each province's <rect>, also one of q0 … q4 (five
                                   classes of value, low to high), qs (suppressed: "< k")
                                   or qn (no data)
    tile-link                      the <a> around a tile, to /places/{code}; it carries the
                                   tile's class too, so that `.tile-link.q4 text` can be light
    tile-name, tile-value          the texts on a tile
    legend, legend-swatch, legend-text
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from markupsafe import Markup, escape

from ..analysis.privacy import Figure
from ..text.places_gazetteer import load_gazetteer
from .charts import chart_words, format_number

__all__ = ["GRID", "SHORT_NAMES", "province_classes", "province_tiles"]

# code -> (column, row) on the grid; rows run north to south.
GRID: dict[str, tuple[int, int]] = {
    "12": (0, 0), "15": (1, 0), "08": (2, 0), "04": (3, 0),  # Lai Châu, Lào Cai, Tuyên Quang, Cao Bằng
    "11": (0, 1), "14": (1, 1), "19": (2, 1), "20": (3, 1),  # Điện Biên, Sơn La, Thái Nguyên, Lạng Sơn
    "25": (1, 2), "01": (2, 2), "24": (3, 2), "22": (4, 2),  # Phú Thọ, Hà Nội, Bắc Ninh, Quảng Ninh
    "38": (1, 3), "37": (2, 3), "33": (3, 3), "31": (4, 3),  # Thanh Hoá, Ninh Bình, Hưng Yên, Hải Phòng
    "40": (1, 4),  # Nghệ An
    "42": (2, 5),  # Hà Tĩnh
    "44": (2, 6),  # Quảng Trị
    "46": (3, 7),  # Huế
    "48": (3, 8),  # Đà Nẵng
    "51": (3, 9),  # Quảng Ngãi
    "52": (3, 10),  # Gia Lai
    "66": (3, 11), "56": (4, 11),  # Đắk Lắk, Khánh Hoà
    "75": (2, 12), "68": (3, 12),  # Đồng Nai, Lâm Đồng
    "80": (1, 13), "79": (2, 13),  # Tây Ninh, TP.HCM
    "91": (0, 14), "82": (1, 14), "86": (2, 14),  # An Giang, Đồng Tháp, Vĩnh Long
    "92": (1, 15),  # Cần Thơ
    "96": (0, 16),  # Cà Mau
}

# The names people use on a map: the official name without "Tỉnh"/"Thành phố", spelled as
# in the gazetteer; TP.HCM as everyone writes it.
SHORT_NAMES: dict[str, str] = {
    "01": "Hà Nội", "04": "Cao Bằng", "08": "Tuyên Quang", "11": "Điện Biên", "12": "Lai Châu",
    "14": "Sơn La", "15": "Lào Cai", "19": "Thái Nguyên", "20": "Lạng Sơn", "22": "Quảng Ninh",
    "24": "Bắc Ninh", "25": "Phú Thọ", "31": "Hải Phòng", "33": "Hưng Yên", "37": "Ninh Bình",
    "38": "Thanh Hoá", "40": "Nghệ An", "42": "Hà Tĩnh", "44": "Quảng Trị", "46": "Huế",
    "48": "Đà Nẵng", "51": "Quảng Ngãi", "52": "Gia Lai", "56": "Khánh Hoà", "66": "Đắk Lắk",
    "68": "Lâm Đồng", "75": "Đồng Nai", "79": "TP.HCM", "80": "Tây Ninh", "82": "Đồng Tháp",
    "86": "Vĩnh Long", "91": "An Giang", "92": "Cần Thơ", "96": "Cà Mau",
}  # fmt: skip

TILE = 60
GAP = 4
PAD = 4
CLASSES = 5
ONE_LINE = 8  # characters that fit on one line of a tile


def _value(value: Figure | int | None) -> tuple[int | None, str]:
    """(number or None, class when there is no number: qs or qn)."""
    if isinstance(value, Figure):
        return (None, "qs") if value.suppressed else (value.value, "")
    if value is None:
        return None, "qn"
    return int(value), ""


def _breaks(numbers: list[int]) -> list[int]:
    """The upper bounds of classes q0 … q3 (q4 is the rest): quintiles by nearest rank,
    so that the two big cities do not push every other province into the lowest class."""
    ordered = sorted(numbers)
    if not ordered:
        return []
    return [ordered[max(math.ceil(len(ordered) * i / CLASSES) - 1, 0)] for i in range(1, CLASSES)]


def province_classes(values: Mapping[str, Figure | int | None]) -> dict[str, str]:
    """Each province's class: q0 … q4 by quintile of the shown values, qs, or qn."""
    numbers = {code: n for code in GRID if (n := _value(values.get(code))[0]) is not None}
    breaks = _breaks(list(numbers.values()))
    out = {}
    for code in GRID:
        number, other = _value(values.get(code))
        out[code] = other if number is None else f"q{sum(number > b for b in breaks)}"
    return out


def _legend(values: Mapping[str, Figure | int | None], y: float, k: int | None, width: float) -> tuple[str, float]:
    """The legend under the grid, as many entries a row as fit; returns (svg, its height)."""
    numbers = sorted(n for code in GRID if (n := _value(values.get(code))[0]) is not None)
    breaks = _breaks(numbers)
    entries: list[tuple[str, str]] = []
    low = numbers[0] if numbers else 0
    for i in range(CLASSES):
        high = breaks[i] if i < len(breaks) else (numbers[-1] if numbers else 0)
        if numbers and (i == 0 or high > breaks[i - 1]):
            start = low if i == 0 else breaks[i - 1] + 1
            text = format_number(high) if start >= high else f"{format_number(start)}–{format_number(high)}"
            entries.append((f"q{i}", text))
    entries.append(("qs", f"< {k}" if k else chart_words().hidden))
    entries.append(("qn", chart_words().no_data))
    out = ['<g class="legend">']
    step = 112  # room for "không có dữ liệu" or a range such as "1.234–5.678"
    per_row = max(1, int((width - 2 * PAD + 8) // step))
    for n, (cls, text) in enumerate(entries):
        x = PAD + (n % per_row) * step
        row_y = y + (n // per_row) * 20
        out.append(f'<rect class="legend-swatch tile {cls}" x="{x}" y="{row_y}" width="12" height="12"/>')
        out.append(f'<text class="legend-text" x="{x + 16}" y="{row_y + 10}">{escape(text)}</text>')
    out.append("</g>")
    rows = -(-len(entries) // per_row)
    return "".join(out), rows * 20 + 8


def _name_lines(name: str) -> list[str]:
    """One line when short ("Hà Nội"), else two split near the middle ("Tuyên" / "Quang")."""
    words = name.split()
    if len(name) <= ONE_LINE or len(words) < 2:
        return [name]
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def province_tiles(values: Mapping[str, Figure | int | None], title: str, what: str = "tài liệu") -> Markup:
    """The tile map, each tile coloured by class and linked to its province's page.

    `values` maps 2-digit province codes to a count, a Figure (maybe suppressed) or None;
    a province missing from it has no data. `what` names the unit in tooltips.
    """
    gaz = load_gazetteer()
    classes = province_classes(values)
    columns = max(c for c, _ in GRID.values()) + 1
    rows = max(r for _, r in GRID.values()) + 1
    width = PAD * 2 + columns * (TILE + GAP) - GAP
    grid_height = PAD * 2 + rows * (TILE + GAP) - GAP
    k = next((v.k for v in values.values() if isinstance(v, Figure)), None)
    body = []
    for code, (column, row) in GRID.items():
        unit = gaz.get("new", "province", code)
        full = unit.name if unit else SHORT_NAMES[code]
        value = values.get(code)
        number, _ = _value(value)
        shown = (
            format_number(number) if number is not None
            else value.show() if isinstance(value, Figure)
            else chart_words().no_data
        )  # fmt: skip
        x, y = PAD + column * (TILE + GAP), PAD + row * (TILE + GAP)
        tip = f"{full}: {shown} {what}" if number is not None or isinstance(value, Figure) else f"{full}: {shown}"
        lines = _name_lines(SHORT_NAMES[code])
        texts = "".join(
            f'<text class="tile-name" x="{x + TILE / 2:g}" y="{y + 16 + 12 * i:g}" text-anchor="middle">{escape(line)}</text>'
            for i, line in enumerate(lines)
        )
        if number is not None or isinstance(value, Figure):
            texts += (
                f'<text class="tile-value" x="{x + TILE / 2:g}" y="{y + TILE - 8:g}" text-anchor="middle">'
                f"{escape(shown)}</text>"
            )
        body.append(
            f'<a class="tile-link {classes[code]}" href="/places/{escape(code)}" aria-label="{escape(tip)}">'
            f"<title>{escape(tip)}</title>"
            f'<rect class="tile {classes[code]}" x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="3"/>'
            f"{texts}</a>"
        )
    legend, legend_height = _legend(values, grid_height + 8, k, width)
    body.append(legend)
    height = grid_height + legend_height
    label = escape(title)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart province-map" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{label}"><title>{label}</title>'
        f"<desc>34 tỉnh, thành phố từ 1/7/2025, xếp theo vị trí từ bắc vào nam.</desc>{''.join(body)}</svg>"
    )
