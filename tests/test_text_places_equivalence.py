"""The fast `find_places` returns exactly what the frozen reference implementation did."""

from __future__ import annotations

import importlib.util
import json
import sys
import unicodedata
from dataclasses import astuple
from itertools import product
from pathlib import Path

import pytest

from duluan.text.fold import fold_keep_case
from duluan.text.places import find_places

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "places_eval.jsonl"
_spec = importlib.util.spec_from_file_location("places_reference", HERE / "places_reference.py")
places_reference = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
sys.modules["places_reference"] = places_reference  # dataclasses look their module up
_spec.loader.exec_module(places_reference)  # type: ignore[union-attr]

# Names in every shape the matcher knows: prefixed, abbreviated, aliased, bare, blocked,
# person-like, everyday words, numbered units, multi-token names and their near misses.
_PLACES = [
    "Hà Nội", "TP.HCM", "TPHCM", "Tp. Hồ Chí Minh", "Sài Gòn", "thành phố Hồ Chí Minh",
    "phường Bến Nghé", "P.Bến Nghé", "quận 1", "Q.1", "Q1", "P7", "phường 7, quận 3",
    "huyện Củ Chi", "H. Củ Chi", "X. Bình Chánh", "xã Tân Thành", "thị trấn Đông Anh",
    "TP Thủ Đức", "Thủ Đức", "đặc khu Côn Đảo", "tỉnh Bình Dương", "Bình Dương",
    "Bà Rịa - Vũng Tàu", "BR-VT", "Thừa Thiên Huế", "TT.Huế", "Huế", "Huệ", "Đà Nẵng",
    "Đắk Lắk", "Daklak", "Kon Tum", "Qui Nhơn", "Mỹ Tho", "Mỹ Thọ", "Long An", "long an",
    "Hòa Bình", "hòa bình", "Thanh Xuân", "thanh xuân", "Thái Bình Dương", "Thái Bình",
    "đường Hà Nội", "sông Sài Gòn", "anh Long An", "Nguyễn Bình Minh", "chị Hà Nội",
    "chỉ Hà Nội", "phường trung tâm", "Phường Trung Tâm", "xa lộ Hà Nội", "Gia Lâm",
    "huyen Gia Lam", "quan Ba Dinh", "Ba Đình", "Cầu Giấy", "Q.Tân Bình", "Tân Phú",
    "huyện Tân Phú", "quận Tân Phú", "TP Hà Tĩnh", "Hà Tĩnh", "Tây Ninh", "An Giang",
    "huyện Châu Thành, An Giang", "xã Tân Thành, Tây Ninh", "phường Tân Định",
    "phường Tân Định, quận 1", "Q1/2025", "5h chiều", "Hạ Long", "vịnh Hạ Long",
    "Long Thành", "sân bay Long Thành", "Sóc Sơn", "Phú Quốc", "Nha Trang", "Cần Thơ",
    "Cái Răng", "chợ nổi Cái Răng", "Đan Phượng", "người dân phường Bến Thành",
    "phuong ben thanh", "HN", "HCM", "tp hcm", "Hải Phòng", "Quảng Ninh", "Lào Cai",
]  # fmt: skip
_FRAMES = [
    "{}",
    "Mưa lớn ở {} chiều nay.",
    "{} ngập sâu, người dân bức xúc.",
    "UBND {} cho biết sẽ xử lý dứt điểm vụ việc trong tuần tới, theo báo cáo gửi {}.",
    "Theo ghi nhận, tại {} và {}, giá nhà tiếp tục tăng.",
    "Cơ quan chức năng đang điều tra vụ cháy xảy ra hôm qua, ảnh hưởng tới nhiều hộ dân "
    "sống quanh khu vực, thiệt hại ước tính hàng tỉ đồng, gần {}",
    "ngap o {} tu sang den chieu",
    "Giá xăng giảm, còn {}",
]  # fmt: skip


def _synthetic() -> list[str]:
    texts = []
    pairs = list(zip(_PLACES, _PLACES[1:] + _PLACES[:1], strict=True))
    for n, (frame, (a, b)) in enumerate(product(_FRAMES, pairs)):
        if n % 3 and frame.count("{}") == 1 and frame != "{}":
            continue  # keep the set near 400 sentences, every place in every frame kind
        texts.append(frame.format(a, b) if frame.count("{}") == 2 else frame.format(a))
    texts += [  # edges: nothing, no candidate, letters that fold to two, decomposed input
        "",
        "   ",
        "Hôm nay trời đẹp.",
        "İstanbul và Hà Nội",
        "quận",
        "Q.",
        "phường",
        unicodedata.normalize("NFD", "Ngập ở Thủ Đức và quận 1, TP.HCM"),
        " ".join(["Hà Nội"] * 40),
        "tinh " * 30 + "Bình Dương",
    ]
    return texts


def _eval_texts() -> list[str]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    return [r["text"] for r in rows] + [fold_keep_case(r["text"]) for r in rows]


def _as_rows(found: list) -> list[tuple]:
    return [astuple(m) for m in found]


@pytest.mark.parametrize("source", ["eval", "synthetic"])
def test_same_mentions_as_the_reference(source):
    texts = _eval_texts() if source == "eval" else _synthetic()
    assert len(texts) >= 300
    found_any = 0
    for text in texts:
        expected = places_reference.find_places(text)
        got = find_places(text)
        assert _as_rows(got) == _as_rows(expected), text
        found_any += bool(expected)
    assert found_any > len(texts) // 2  # the set exercises matching, not only misses
