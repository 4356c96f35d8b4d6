"""How Vietnamese people write place names: unit prefixes, short forms, and the words
around a name that say it is not a place. All keys are folded tokens (see `fold`)."""

from __future__ import annotations

__all__ = [
    "ALIASES",
    "BLOCK_AFTER",
    "BLOCK_PHRASES",
    "COMMON_AFTER_PREFIX",
    "COMMON_WORDS",
    "DOTTED_PREFIXES",
    "NAMED_AFTER",
    "PERSON_TITLES",
    "PREFIXES",
    "SURNAMES",
]

# Unit prefix → the levels it may introduce and the official type word it stands for.
# "thành phố" names both a province (TP Hồ Chí Minh) and an old district (TP Thủ Đức).
PREFIXES: dict[tuple[str, ...], tuple[frozenset[str], str]] = {
    ("tinh",): (frozenset({"province"}), "tinh"),
    ("thanh", "pho"): (frozenset({"province", "district"}), "thanh pho"),
    ("tp",): (frozenset({"province", "district"}), "thanh pho"),
    ("quan",): (frozenset({"district"}), "quan"),
    ("q",): (frozenset({"district"}), "quan"),
    ("huyen",): (frozenset({"district"}), "huyen"),
    ("huyen", "dao"): (frozenset({"district"}), "huyen"),  # "huyện đảo Lý Sơn"
    ("thi", "xa"): (frozenset({"district"}), "thi xa"),
    ("tx",): (frozenset({"district"}), "thi xa"),
    ("phuong",): (frozenset({"ward"}), "phuong"),
    ("p",): (frozenset({"ward"}), "phuong"),
    ("xa",): (frozenset({"ward"}), "xa"),
    ("thi", "tran"): (frozenset({"ward"}), "thi tran"),
    ("tt",): (frozenset({"ward"}), "thi tran"),
    ("dac", "khu"): (frozenset({"ward"}), "dac khu"),
    ("h",): (frozenset({"district"}), "huyen"),
    ("x",): (frozenset({"ward"}), "xa"),
}
# One-letter prefixes count only when written with their dot ("H. Củ Chi", "X. Bình Chánh"):
# a bare "h" is the hour in "5h chiều".
DOTTED_PREFIXES = frozenset({("h",), ("x",)})

# Short and former names → (era, level, code). Province codes are the official ones.
ALIASES: dict[tuple[str, ...], tuple[str, str, str]] = {
    ("hcm",): ("new", "province", "79"),
    ("tphcm",): ("new", "province", "79"),
    ("tp", "hcm"): ("new", "province", "79"),
    ("hcmc",): ("new", "province", "79"),
    ("thanh", "pho", "hcm"): ("new", "province", "79"),
    ("sai", "gon"): ("new", "province", "79"),
    ("sg",): ("new", "province", "79"),  # social writing: "vô sg làm", "sg hnay nóng"
    ("hn",): ("new", "province", "01"),
    ("tp", "hn"): ("new", "province", "01"),
    ("thua", "thien", "hue"): ("old", "province", "46"),
    ("tt", "hue"): ("old", "province", "46"),
    ("brvt",): ("old", "province", "77"),
    ("br", "vt"): ("old", "province", "77"),
    ("daklak",): ("new", "province", "66"),
    ("dac", "lac"): ("new", "province", "66"),
    ("dak", "lac"): ("new", "province", "66"),
    ("daknong",): ("old", "province", "67"),
    ("dac", "nong"): ("old", "province", "67"),
    ("kontum",): ("old", "province", "62"),
    ("qui", "nhon"): ("old", "district", "540"),
    ("bmt",): ("old", "district", "643"),  # Buôn Ma Thuột
    ("pleiku",): ("old", "district", "622"),  # no given name or word reads "Pleiku"
}

# Phrases that contain a place name but are not a place: the Pacific Ocean is not Bình Dương.
BLOCK_PHRASES: frozenset[tuple[str, ...]] = frozenset({
    ("thai", "binh", "duong"),
    ("hoa", "binh", "thuong", "ton"),
})  # fmt: skip

# A bare name right after these words names a street, a river, a market, a monument,
# a doctrine: "đường Hà Nội", "sông Sài Gòn", "tư tưởng Hồ Chí Minh", "chợ nổi Cái Răng".
BLOCK_AFTER: frozenset[tuple[str, ...]] = frozenset({
    ("duong",), ("pho",), ("xa", "lo"), ("dai", "lo"), ("quoc", "lo"), ("song",), ("cau",),
    ("deo",), ("cho",), ("cho", "noi"), ("kenh",), ("rach",), ("hem",), ("nui",), ("vinh",),
    ("lang",), ("tu", "tuong"), ("chu", "tich"), ("mang", "ten"), ("ten",), ("hieu",),
    ("benh", "vien"), ("thuy", "dien"),  # a hospital, a power plant named after the place
    ("duong", "mon"),  # a trail: "đường mòn Hồ Chí Minh"
})  # fmt: skip

# A bare name after these is the person the youth unions are named after ("Đoàn TNCS Hồ
# Chí Minh", "Cộng sản Hồ Chí Minh"); a short form is still the city ("công sản TP.HCM").
NAMED_AFTER: frozenset[tuple[str, ...]] = frozenset({("tncs",), ("tntp",), ("cong", "san")})

# A bare name after a title or a surname is a person: "anh Long An", "Lê Thị Bình Minh".
# Written with their diacritics: "chỉ Hà Nội" (only Hà Nội) is a place, "chị Hà Nội" a person.
PERSON_TITLES = frozenset({
    "anh", "chị", "ông", "bà", "cô", "chú", "bác", "bé", "thị", "văn", "sĩ", "cháu",
})  # fmt: skip
SURNAMES = frozenset({
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi",
    "đỗ", "ngô", "dương", "lý", "trịnh", "đinh", "lâm", "mai", "trương", "cao", "lưu",
})  # fmt: skip

# Unit names that are everyday words after a unit word too: "phường trung tâm" is "the
# central ward", "Phường Trung Tâm" a ward. Without Title Case they are not matched.
COMMON_AFTER_PREFIX: frozenset[tuple[str, ...]] = frozenset({
    ("trung", "tam"), ("thong", "nhat"), ("doan", "ket"), ("thang", "loi"), ("doc", "lap"),
    ("tien", "bo"), ("chien", "thang"), ("quyet", "thang"), ("moi",), ("cu",), ("nay",),
})  # fmt: skip

# Names that are also everyday words: a bare match needs Title Case ("Hòa Bình", not
# "hòa bình" = peace; "Thanh Xuân", not "thanh xuân" = youth).
COMMON_WORDS: frozenset[tuple[str, ...]] = frozenset({
    ("hoa", "binh"), ("binh", "an"), ("cao", "bang"), ("thai", "binh"), ("thanh", "xuan"),
    ("tan", "binh"), ("nha", "be"), ("binh", "minh"), ("thong", "nhat"), ("hai", "ba", "trung"),
    ("an", "khang"), ("thinh", "vuong"), ("phu", "quy"), ("long", "an"), ("vinh", "long"),
    ("dien", "bien"),  # "diễn biến" (how things unfold) folds to it: "hóng diễn biến"
})  # fmt: skip
