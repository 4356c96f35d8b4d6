"""The province tile map: all 34 provinces placed once, no overlap, names as in the
places data, five value classes plus suppressed and no data, links and tooltips."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from duluan.analysis.places import resolve_place_filter
from duluan.analysis.privacy import Figure
from duluan.text.places_gazetteer import load_gazetteer
from duluan.web.province_map import GRID, SHORT_NAMES, province_classes, province_tiles

SVG = "{http://www.w3.org/2000/svg}"


def _new_provinces() -> dict[str, str]:
    gaz = load_gazetteer()
    return {u.code: u.name for u in gaz.units if u.era == "new" and u.level == "province"}


def test_every_province_in_force_is_placed_once_on_a_small_grid() -> None:
    provinces = _new_provinces()
    assert len(provinces) == 34 and set(GRID) == set(provinces) == set(SHORT_NAMES)
    assert len(set(GRID.values())) == 34
    assert max(c for c, _ in GRID.values()) < 6 and max(r for _, r in GRID.values()) < 18


def test_short_names_match_the_places_data() -> None:
    for code, full in _new_provinces().items():
        bare = full.removeprefix("Thành phố ").removeprefix("Tỉnh ")
        if code == "79":
            assert bare == "Hồ Chí Minh" and SHORT_NAMES[code] == "TP.HCM"
            assert resolve_place_filter("TP.HCM").codes == ("79",)  # the short form is one people type
        else:
            assert SHORT_NAMES[code] == bare, code
    assert (SHORT_NAMES["01"], SHORT_NAMES["48"]) == ("Hà Nội", "Đà Nẵng")


def test_the_grid_runs_north_to_south() -> None:
    row = {code: r for code, (_, r) in GRID.items()}
    column = {code: c for code, (c, _) in GRID.items()}
    north_to_south = ["04", "01", "38", "40", "42", "44", "46", "48", "51", "52", "66", "79", "92", "96"]
    assert [row[c] for c in north_to_south] == sorted(row[c] for c in north_to_south)
    assert column["11"] < column["01"] < column["22"]  # Điện Biên west of Hà Nội, Quảng Ninh east
    assert column["91"] < column["79"]  # An Giang west of TP.HCM


def _rects(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    out = {}
    for link in root.iter(SVG + "a"):
        rect = link.find(SVG + "rect")
        assert rect is not None
        code = (link.get("href") or "").removeprefix("/places/")
        out[code] = tuple(float(rect.get(a) or 0) for a in ("x", "y", "width", "height"))
    return out  # type: ignore[return-value]


def test_tiles_do_not_overlap_and_link_to_their_pages() -> None:
    root = ET.fromstring(str(province_tiles({}, "Bản đồ")))
    rects = _rects(root)
    assert set(rects) == set(GRID)
    boxes = list(rects.items())
    for i, (a, (ax, ay, aw, ah)) in enumerate(boxes):
        for b, (bx, by, bw, bh) in boxes[i + 1 :]:
            apart = ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay
            assert apart, f"{a} and {b} overlap"
    width, height = (float(v) for v in (root.get("viewBox") or "").split()[2:])
    assert all(x + w <= width and y + h <= height for x, y, w, h in rects.values())


def test_classes_values_tooltips_and_escaping() -> None:
    values: dict[str, Figure | int | None] = {code: n * 10 for n, code in enumerate(sorted(GRID))}
    values["01"] = 123456
    values["12"] = Figure(None, 5)
    values["11"] = Figure(40, 5)
    values["04"] = None
    del values["96"]
    classes = province_classes(values)
    assert classes["12"] == "qs" and classes["04"] == "qn" and classes["96"] == "qn"
    assert classes["01"] == "q4" and classes["08"] == "q0"  # 08 holds the smallest value, 20
    numbers = {c: v.value if isinstance(v, Figure) else v for c, v in values.items()}
    shown = {c: n for c, n in numbers.items() if n is not None}
    order = [int(classes[c][1]) for c in sorted(shown, key=lambda c: shown[c])]
    assert order == sorted(order) and set(order) == {0, 1, 2, 3, 4}  # classes rise with the value
    counts = {q: order.count(q) for q in range(5)}
    assert max(counts.values()) - min(counts.values()) <= 1  # quintiles: about equal classes

    evil = 'Phản ánh <script>alert(1)</script> & "ngập"'
    markup = province_tiles(values, evil)
    assert "<script>" not in str(markup)
    root = ET.fromstring(str(markup))
    assert root.get("role") == "img" and root.findtext(SVG + "title") == evil == root.get("aria-label")
    links = {(a.get("href") or "")[len("/places/"):]: a for a in root.iter(SVG + "a")}
    hanoi = links["01"]
    assert hanoi.findtext(SVG + "title") == "Thành phố Hà Nội: 123.456 tài liệu"
    assert [t.text for t in hanoi.iter(SVG + "text")] == ["Hà Nội", "123.456"]
    assert "q4" in (hanoi.find(SVG + "rect").get("class") or "").split()  # type: ignore[union-attr]
    assert links["12"].findtext(SVG + "title") == "Tỉnh Lai Châu: < 5 tài liệu"
    assert [t.text for t in links["79"].iter(SVG + "text")][0] == "TP.HCM"
    assert links["96"].findtext(SVG + "title") == "Tỉnh Cà Mau: không có dữ liệu"
    assert [t.text for t in links["08"].iter(SVG + "text")][:2] == ["Tuyên", "Quang"]
    legend = [t.text for t in root.iter(SVG + "text") if "legend-text" in (t.get("class") or "")]
    assert legend[-2:] == ["< 5", "không có dữ liệu"] and len(legend) == 7
    for element in root.iter():
        assert "style" not in element.attrib
    json.dumps(classes)
