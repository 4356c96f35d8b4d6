"""A hand-picked table of real places: provinces and wards in force since 1 July 2025.

Names and codes come from the official list of administrative units; each ward carries
old (pre-2025) names that map to it, so the stream can use both the way people do.
An old district name ("quận 1") usually spans several new wards: `level` says so.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OldName:
    """A pre-2025 name people still use for (part of) a new unit."""

    surface: str
    level: str  # "ward", "district" or "province"


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    aliases: tuple[str, ...]  # short forms in current use: "TP.HCM", "Sài Gòn"
    old_provinces: tuple[str, ...]  # pre-2025 provinces merged into this one
    lane: str  # what a small street is called locally: ngõ, hẻm, kiệt


@dataclass(frozen=True)
class Ward:
    code: str
    name: str  # official name, e.g. "Phường Sài Gòn"
    province: str
    old_names: tuple[OldName, ...]

    @property
    def short(self) -> str:
        """The name as written inside a sentence: "phường Sài Gòn"."""
        return self.name[0].lower() + self.name[1:]


def _w(code: str, name: str, province: str, *old: str) -> Ward:
    # Old names that name a district or city span several new wards; a comma means
    # "ward, district" and maps (mostly) into this ward.
    names = tuple(
        OldName(surface, "ward" if "," in surface else "district") for surface in old
    )
    return Ward(code, name, province, names)


PROVINCES: tuple[Province, ...] = (
    Province("01", "Thành phố Hà Nội", ("Hà Nội", "TP Hà Nội", "thủ đô"), (), "ngõ"),
    Province("22", "Tỉnh Quảng Ninh", ("Quảng Ninh",), (), "ngõ"),
    Province("31", "Thành phố Hải Phòng", ("Hải Phòng", "TP Hải Phòng"), ("tỉnh Hải Dương",), "ngõ"),
    Province("38", "Tỉnh Thanh Hoá", ("Thanh Hóa", "xứ Thanh"), (), "ngõ"),
    Province("40", "Tỉnh Nghệ An", ("Nghệ An", "xứ Nghệ"), (), "ngõ"),
    Province("48", "Thành phố Đà Nẵng", ("Đà Nẵng", "TP Đà Nẵng"), ("tỉnh Quảng Nam",), "kiệt"),
    Province("56", "Tỉnh Khánh Hoà", ("Khánh Hòa",), ("tỉnh Ninh Thuận",), "hẻm"),
    Province("68", "Tỉnh Lâm Đồng", ("Lâm Đồng",), ("tỉnh Bình Thuận", "tỉnh Đắk Nông"), "hẻm"),
    Province("75", "Thành phố Đồng Nai", ("Đồng Nai",), ("tỉnh Bình Phước",), "hẻm"),
    Province(
        "79",
        "Thành phố Hồ Chí Minh",
        ("TP.HCM", "TP Hồ Chí Minh", "Sài Gòn"),
        ("tỉnh Bình Dương", "tỉnh Bà Rịa - Vũng Tàu"),
        "hẻm",
    ),
    Province("91", "Tỉnh An Giang", ("An Giang",), ("tỉnh Kiên Giang",), "hẻm"),
    Province("92", "Thành phố Cần Thơ", ("Cần Thơ", "TP Cần Thơ"), ("tỉnh Hậu Giang", "tỉnh Sóc Trăng"), "hẻm"),
)

WARDS: tuple[Ward, ...] = (
    # Hà Nội
    _w("00070", "Phường Hoàn Kiếm", "01", "phường Hàng Trống, quận Hoàn Kiếm", "phường Hàng Bạc, quận Hoàn Kiếm", "quận Hoàn Kiếm"),
    _w("00004", "Phường Ba Đình", "01", "phường Trúc Bạch, quận Ba Đình", "phường Quán Thánh, quận Ba Đình", "quận Ba Đình"),
    _w("00166", "Phường Cầu Giấy", "01", "phường Dịch Vọng, quận Cầu Giấy", "phường Quan Hoa, quận Cầu Giấy", "quận Cầu Giấy"),
    _w("00199", "Phường Láng", "01", "phường Láng Hạ, quận Đống Đa", "quận Đống Đa"),
    _w("00235", "Phường Đống Đa", "01", "phường Thịnh Quang, quận Đống Đa", "quận Đống Đa"),
    _w("00292", "Phường Bạch Mai", "01", "phường Bạch Mai, quận Hai Bà Trưng", "quận Hai Bà Trưng"),
    _w("00331", "Phường Hoàng Mai", "01", "phường Thịnh Liệt, quận Hoàng Mai", "quận Hoàng Mai"),
    _w("00316", "Phường Định Công", "01", "phường Định Công, quận Hoàng Mai", "phường Đại Kim, quận Hoàng Mai", "quận Hoàng Mai"),
    _w("00367", "Phường Thanh Xuân", "01", "phường Thanh Xuân Bắc, quận Thanh Xuân", "quận Thanh Xuân"),
    _w("09556", "Phường Hà Đông", "01", "phường Hà Cầu, quận Hà Đông", "quận Hà Đông"),
    _w("00145", "Phường Long Biên", "01", "phường Long Biên, quận Long Biên", "quận Long Biên"),
    # Quảng Ninh, Hải Phòng, Thanh Hoá, Nghệ An
    _w("06673", "Phường Bãi Cháy", "22", "phường Bãi Cháy, TP Hạ Long", "TP Hạ Long"),
    _w("06685", "Phường Hồng Gai", "22", "phường Trần Hưng Đạo, TP Hạ Long", "TP Hạ Long"),
    _w("11311", "Phường Hồng Bàng", "31", "phường Minh Khai, quận Hồng Bàng", "quận Hồng Bàng"),
    _w("11383", "Phường Lê Chân", "31", "phường Trần Nguyên Hãn, quận Lê Chân", "quận Lê Chân"),
    _w("10525", "Phường Hải Dương", "31", "phường Trần Hưng Đạo, TP Hải Dương", "TP Hải Dương"),
    _w("14797", "Phường Hạc Thành", "38", "phường Đông Hải, TP Thanh Hóa", "TP Thanh Hóa"),
    _w("16681", "Phường Thành Vinh", "40", "phường Quang Trung, TP Vinh", "TP Vinh"),
    _w("16690", "Phường Trường Vinh", "40", "phường Trường Thi, TP Vinh", "TP Vinh"),
    # Đà Nẵng
    _w("20242", "Phường Hải Châu", "48", "phường Phước Ninh, quận Hải Châu", "quận Hải Châu"),
    _w("20209", "Phường Thanh Khê", "48", "phường Xuân Hà, quận Thanh Khê", "quận Thanh Khê"),
    _w("20263", "Phường Sơn Trà", "48", "phường Thọ Quang, quận Sơn Trà", "quận Sơn Trà"),
    _w("20285", "Phường Ngũ Hành Sơn", "48", "phường Khuê Mỹ, quận Ngũ Hành Sơn", "quận Ngũ Hành Sơn"),
    _w("20410", "Phường Hội An", "48", "phường Sơn Phong, TP Hội An", "TP Hội An"),
    # Khánh Hoà, Lâm Đồng, Đồng Nai
    _w("22366", "Phường Nha Trang", "56", "phường Tân Tiến, TP Nha Trang", "TP Nha Trang"),
    _w("22333", "Phường Bắc Nha Trang", "56", "phường Vĩnh Phước, TP Nha Trang", "TP Nha Trang"),
    _w("24781", "Phường Xuân Hương - Đà Lạt", "68", "phường 2, TP Đà Lạt", "TP Đà Lạt"),
    _w("22945", "Phường Phan Thiết", "68", "phường Lạc Đạo, TP Phan Thiết", "TP Phan Thiết"),
    _w("26041", "Phường Trấn Biên", "75", "phường Trung Dũng, TP Biên Hòa", "TP Biên Hòa"),
    _w("26017", "Phường Tam Hiệp", "75", "phường Tam Hiệp, TP Biên Hòa", "TP Biên Hòa"),
    # Thành phố Hồ Chí Minh
    _w("26740", "Phường Sài Gòn", "79", "phường Bến Nghé, quận 1", "quận 1"),
    _w("26743", "Phường Bến Thành", "79", "phường Bến Thành, quận 1", "phường Phạm Ngũ Lão, quận 1", "quận 1"),
    _w("26737", "Phường Tân Định", "79", "phường Tân Định, quận 1", "quận 1"),
    _w("26824", "Phường Thủ Đức", "79", "phường Linh Chiểu, TP Thủ Đức", "phường Bình Thọ, TP Thủ Đức", "quận Thủ Đức", "TP Thủ Đức"),
    _w("26809", "Phường Hiệp Bình", "79", "phường Hiệp Bình Chánh, TP Thủ Đức", "phường Hiệp Bình Phước, TP Thủ Đức", "quận Thủ Đức"),
    _w("26800", "Phường Linh Xuân", "79", "phường Linh Trung, TP Thủ Đức", "quận Thủ Đức"),
    _w("27094", "Phường An Khánh", "79", "phường Thảo Điền, quận 2", "phường An Phú, quận 2", "quận 2"),
    _w("27112", "Phường Cát Lái", "79", "phường Thạnh Mỹ Lợi, quận 2", "phường Cát Lái, quận 2", "quận 2"),
    _w("26956", "Phường Thạnh Mỹ Tây", "79", "phường 22, quận Bình Thạnh", "phường 25, quận Bình Thạnh", "quận Bình Thạnh"),
    _w("27478", "Phường Tân Thuận", "79", "phường Tân Thuận Đông, quận 7", "phường Bình Thuận, quận 7", "quận 7"),
    _w("27475", "Phường Tân Hưng", "79", "phường Tân Hưng, quận 7", "phường Tân Quy, quận 7", "quận 7"),
    _w("27259", "Phường Xóm Chiếu", "79", "phường 13, quận 4", "phường 16, quận 4", "quận 4"),
    _w("27439", "Phường Bình Hưng Hoà", "79", "phường Bình Hưng Hòa A, quận Bình Tân", "quận Bình Tân"),
    _w("27460", "Phường An Lạc", "79", "phường An Lạc, quận Bình Tân", "phường An Lạc A, quận Bình Tân", "quận Bình Tân"),
    _w("27637", "Xã Bình Chánh", "79", "xã Bình Chánh, huyện Bình Chánh", "huyện Bình Chánh"),
    _w("27601", "Xã Vĩnh Lộc", "79", "xã Vĩnh Lộc A, huyện Bình Chánh", "huyện Bình Chánh"),
    _w("25747", "Phường Thủ Dầu Một", "79", "phường Phú Cường, TP Thủ Dầu Một", "TP Thủ Dầu Một"),
    _w("25942", "Phường Dĩ An", "79", "phường Dĩ An, TP Dĩ An", "TP Dĩ An"),
    _w("26506", "Phường Vũng Tàu", "79", "phường 1, TP Vũng Tàu", "TP Vũng Tàu"),
    # Cần Thơ, An Giang
    _w("31135", "Phường Ninh Kiều", "92", "phường Tân An, quận Ninh Kiều", "quận Ninh Kiều"),
    _w("31120", "Phường Cái Khế", "92", "phường An Hòa, quận Ninh Kiều", "quận Ninh Kiều"),
    _w("31186", "Phường Cái Răng", "92", "phường Lê Bình, quận Cái Răng", "quận Cái Răng"),
    _w("30307", "Phường Long Xuyên", "91", "phường Mỹ Hòa, TP Long Xuyên", "TP Long Xuyên"),
    _w("30742", "Phường Rạch Giá", "91", "phường Vĩnh Thanh Vân, TP Rạch Giá", "TP Rạch Giá"),
)

# Wards where a planted flood or rubbish surge is plausible (low-lying, dense).
FLOOD_PRONE = ("26824", "26956", "27478", "27439", "00331", "00316", "20242", "31135", "31186", "27601")
DENSE = ("26743", "27259", "27460", "00292", "00235", "20209", "11383", "26809", "25942", "00367")

_PROVINCE_BY_CODE = {p.code: p for p in PROVINCES}
_WARD_BY_CODE = {w.code: w for w in WARDS}


def province(code: str) -> Province:
    """The province with this new-unit code."""
    return _PROVINCE_BY_CODE[code]


def ward(code: str) -> Ward:
    """The ward with this new-unit code."""
    return _WARD_BY_CODE[code]
