"""Phrasing: alternations, concrete details and a personal voice for simulated texts.

People who complain about the same flooded lane do not write the same sentence: each
names their own lane, hour, neighbour and what they tried. A template may hold
alternations, "[mưa to|mưa như trút]" (one is chosen; "[rồi|]" may vanish), and slots,
"{lane}". A `Details` fills each slot once per text, so a text that names its lane
twice names the same lane, and a reply can quote the values of the post it answers.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")
_SPACES = re.compile(r"  +")
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.!?…:])")
_DOUBLE_COMMA = re.compile(r",\s*([,.!?])")
_SENTENCE_START = re.compile(r"([.!?] )(\w)")

NUMBER_WORDS = {2: "hai", 3: "ba", 4: "bốn", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}


def choose(rng: random.Random, template: str) -> str:
    """Resolve the [a|b] alternations of a template, innermost first."""
    while "[" in template:
        template = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    return template


def slots(template: str) -> list[str]:
    """The slot names a template uses, alternatives included."""
    return _SLOT.findall(template)


def tidy(text: str) -> str:
    """Mend the spacing an empty alternative leaves behind."""
    text = _SPACES.sub(" ", text.strip())
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return _DOUBLE_COMMA.sub(r"\1", text)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def count_word(rng: random.Random, low: int, high: int) -> str:
    """A small count as people type it: "ba" or "3"."""
    n = rng.randint(low, high)
    return NUMBER_WORDS[n] if n in NUMBER_WORDS and rng.random() < 0.6 else str(n)


# -- the vocabulary of concrete details -------------------------------------------------

STREET_NAMES = (
    "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thường Kiệt", "Quang Trung",
    "Nguyễn Huệ", "Lê Duẩn", "Phan Đình Phùng", "Nguyễn Văn Cừ", "Điện Biên Phủ", "Trần Phú",
    "Hùng Vương", "Lê Văn Sỹ", "Võ Văn Kiệt", "Phạm Văn Đồng", "Nguyễn Thị Minh Khai",
    "Cách Mạng Tháng Tám", "Bạch Đằng", "Hoàng Diệu", "Ngô Quyền", "Lạc Long Quân",
    "Tôn Đức Thắng", "Nguyễn Du", "Lê Lai", "Phan Chu Trinh", "Nguyễn Văn Linh", "Trường Chinh",
    "Lê Hồng Phong", "Nguyễn Đình Chiểu", "Võ Thị Sáu", "Nguyễn Chí Thanh", "Huỳnh Tấn Phát",
    "Lê Thánh Tông", "Bà Triệu", "Chu Văn An", "Tô Hiến Thành", "Nguyễn Khuyến", "Lý Tự Trọng",
)
SPOTS = (
    "chợ", "cổng chợ", "trường tiểu học", "trường mầm non", "cây xăng", "ngã tư", "chân cầu",
    "nhà văn hóa khu phố", "trạm y tế", "siêu thị", "công viên", "vòng xoay", "trạm xe buýt",
    "chùa", "nhà thờ", "trụ sở phường", "tiệm thuốc tây", "quán cà phê góc đường", "bệnh viện",
)
RELATIVES = ("mẹ", "ba", "bố", "bà ngoại", "ông nội", "bà nội", "vợ", "chồng", "chị gái", "em trai", "mẹ vợ", "ông ngoại")
KIDS = ("con", "con gái", "con trai", "bé út nhà", "đứa nhỏ nhà", "thằng cu nhà", "con bé nhà")
NICKNAMES = ("Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Hạnh", "Lan", "Tuấn", "Hùng", "Minh", "Thảo", "Dũng", "Hoa", "Phúc", "Nga", "Bình", "Loan")
NEIGHBOURS = (
    "bà {nick} bán tạp hóa đầu {lw}",
    "chú {nick} chạy xe ôm",
    "cô {nick} bán xôi đầu {lw}",
    "anh {nick} nhà số {num}",
    "mấy nhà sát vách",
    "nhà đối diện",
    "bác tổ trưởng",
    "chị {nick} bán nước mía",
    "ông cụ ngoài {age} tuổi cuối {lw}",
    "cô giáo {nick} ở cùng dãy",
    "mấy đứa sinh viên ở trọ bên cạnh",
)
VEHICLES = ("chiếc Wave", "chiếc Vision", "xe tay ga", "xe đạp điện", "chiếc Air Blade", "chiếc Sirius", "xe số cũ", "chiếc Lead", "xe máy điện")
DEPTHS = ("mắt cá", "ống quyển", "đầu gối", "nửa bánh xe", "gần 40 phân", "ba tấc", "ngang yên xe", "bắp chân", "gần nửa mét")
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
FRIEND_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Huỳnh", "Phan", "Vũ", "Ngô", "Dương")
FRIEND_GIVEN = (
    "Minh Anh", "Thu Hà", "Quốc Bảo", "Hoàng Nam", "Ngọc Lan", "Thanh Tùng", "Phương Thảo", "Đức Huy",
    "Mai Chi", "Tuấn Kiệt", "Bảo Ngọc", "Gia Hân", "Khánh Linh", "Văn Hậu", "Thị Hồng", "Hữu Phước",
    "Kim Yến", "Trung Kiên", "Thảo Vy", "Anh Thư", "Nhật Minh", "Quỳnh Như", "Thành Đạt", "Hải Yến",
)
PRONOUNS = (("mình", 0.45), ("tôi", 0.2), ("tui", 0.15), ("em", 0.2))
AUDIENCE = {
    "mình": ("mọi người", "cả nhà", "mọi người", "anh chị em"),
    "tôi": ("bà con", "mọi người", "các anh chị"),
    "tui": ("bà con", "mọi người", "anh em"),
    "em": ("các anh chị", "mọi người", "cả nhà", "các bác"),
}


def _clock(rng: random.Random) -> str:
    period, low, high = rng.choice(
        (("sáng", 5, 10), ("trưa", 11, 12), ("chiều", 1, 5), ("tối", 6, 10), ("đêm", 11, 12))
    )
    hour = rng.randint(low, high)
    half = " rưỡi" if rng.random() < 0.2 else ""
    unit = "h" if rng.random() < 0.3 and not half else " giờ"
    return f"{hour}{unit}{half} {period}"


def _minutes(rng: random.Random) -> str:
    return rng.choice((
        "gần một tiếng", f"hơn {count_word(rng, 2, 3)} tiếng", "cả buổi sáng", "cả buổi",
        f"{rng.choice((20, 30, 40, 45, 50))} phút", f"hơn {rng.choice((30, 40))} phút",
        "gần hai tiếng đồng hồ", "mất toi buổi sáng",
    ))


def _days(rng: random.Random) -> str:
    return rng.choice((
        f"{count_word(rng, 2, 6)} ngày nay", "cả tuần nay", "mấy bữa nay", "gần hai tuần nay",
        "hơn một tháng nay", "từ đầu tuần tới giờ", f"từ hôm {rng.choice(WEEKDAYS)} tới giờ",
        f"{count_word(rng, 2, 5)} hôm liền", "mấy tháng nay", "từ đầu tháng tới giờ",
    ))


def _time(rng: random.Random) -> str:
    return rng.choice((
        "sáng nay", "tối qua", "chiều nay", "trưa nay", "đêm qua", "hồi khuya", "hồi chiều",
        "hôm qua", "sáng hôm qua", "chiều hôm kia", f"sáng {rng.choice(WEEKDAYS)}",
        f"tối {rng.choice(WEEKDAYS)} vừa rồi", f"lúc {_clock(rng)}", f"khoảng {_clock(rng)}",
    ))


Provider = Callable[["Details"], str]


def _road(d: Details) -> str:
    return d.fill(d.rng.choice((
        "{street}", "{street}", "đoạn {street} gần {spot}", f"đường số {d.rng.randint(1, 30)}",
        "đoạn đường trước {spot}", "con đường dẫn vào {spot}", "đoạn gần {spot}",
        "khúc {street} đi ra {spot}",
    )))


def _lane(d: Details) -> str:
    number = d.rng.randint(2, 480)
    roll = d.rng.random()
    if roll < 0.2:
        return d.fill(f"{d.lane_word} {number} {{street_name}}")
    if d.lane_word == "hẻm" and roll < 0.45:
        return f"hẻm {number}/{d.rng.randint(2, 60)}"
    if d.lane_word == "ngõ" and roll < 0.35:
        return f"ngách {d.rng.randint(2, 90)}/{number}"
    return f"{d.lane_word} {number}"


def _street(d: Details) -> str:
    word = "phố" if d.lane_word == "ngõ" and d.rng.random() < 0.4 else "đường"
    return f"{word} {d.get('street_name')}"


PROVIDERS: dict[str, Provider] = {
    "lane": _lane,
    "street": _street,
    "street_name": lambda d: d.rng.choice(STREET_NAMES),
    "road": _road,
    "spot": lambda d: d.rng.choice(SPOTS),
    "time": lambda d: _time(d.rng),
    "clock": lambda d: _clock(d.rng),
    "days": lambda d: _days(d.rng),
    "wait": lambda d: _minutes(d.rng),
    "kin": lambda d: f"{d.rng.choice(RELATIVES)} {d.get('I')}",
    "kid": lambda d: f"{d.rng.choice(KIDS)} {d.get('I')}",
    "kidage": lambda d: f"{d.rng.randint(2, 11)} tuổi",
    "age": lambda d: str(d.rng.randint(62, 89)),
    "nick": lambda d: d.rng.choice(NICKNAMES),
    "neighbour": lambda d: d.fill(d.rng.choice(NEIGHBOURS)),
    "num": lambda d: str(d.rng.randint(3, 320)),
    "n": lambda d: count_word(d.rng, 2, 9),
    "dozens": lambda d: str(d.rng.randint(2, 9) * 10),
    "vehicle": lambda d: d.rng.choice(VEHICLES),
    "weekday": lambda d: d.rng.choice(WEEKDAYS),
    "bill": lambda d: d.rng.choice((f"{d.rng.randint(3, 9)}00 nghìn", f"1 triệu {d.rng.randint(1, 8)}", f"gần {d.rng.randint(4, 9)}00 nghìn", "hơn 1 triệu")),
    "home": lambda d: f"nhà {d.get('I')}",
    "folks": lambda d: d.rng.choice(AUDIENCE[d.get("I")]),
    "lw": lambda d: d.lane_word,
    "depth": lambda d: d.rng.choice(DEPTHS),
    "mylane": _lane,
    "you": lambda d: d.rng.choice(("bạn", "bạn", "bạn", "anh", "chị", "em", "bác")),
    "wage": lambda d: f"{d.rng.randint(5, 11)} triệu{d.rng.choice(('', '', ' rưỡi', ' 2', ' 8'))}",
    "lost": lambda d: d.rng.choice((f"{d.rng.randint(3, 9)} triệu", f"hơn {d.rng.randint(2, 9)}0 triệu", "mấy chục triệu", f"{d.rng.randint(1, 3)} trăm triệu", "gần hết tiền tiết kiệm")),
    "rival": lambda d: d.rng.choice(("Thái Lan", "Indonesia", "Malaysia", "Philippines", "Singapore", "Myanmar", "Lào", "Campuchia")),
    "score": lambda d: d.rng.choice(("1–0", "2–0", "2–1", "3–1", "3–0", "4–2")),
    "minute": lambda d: f"phút {d.rng.randint(3, 90)}",
    "friend": lambda d: f"{d.rng.choice(FRIEND_FAMILY)} {d.rng.choice(FRIEND_GIVEN)}",
    "n0": lambda d: str(d.rng.randint(2, 9)),
    "n1": lambda d: str(d.rng.randint(2, 9)),
    "shirt0": lambda d: str(d.rng.randint(1, 12)),
    "age0": lambda d: str(d.rng.randint(19, 45)),
    "clock0": lambda d: f"{d.rng.randint(3, 6)} giờ sáng",
    "shirt": lambda d: str(d.rng.randint(2, 23)),
    "pct": lambda d: f"{d.rng.randint(8, 45)}%",
    "cm": lambda d: f"{(low := d.rng.randint(1, 4) * 10)}–{low + d.rng.choice((10, 20, 30))} cm",
    "late": lambda d: d.rng.choice(("9 giờ tối", "10 giờ tối", "10 giờ rưỡi tối", "11 giờ đêm", "nửa đêm", "12 giờ khuya", "1 giờ sáng", "gần sáng")),
    "elder": lambda d: f"{d.rng.choice(('mẹ', 'ba', 'bố', 'bà ngoại', 'ông nội', 'bà nội', 'ông ngoại'))} {d.get('I')}",
    "hot": lambda d: f"{d.rng.randint(35, 39)} độ",
}


class Details:
    """The concrete facts of one text, drawn on first use and kept for the whole text."""

    rng: random.Random
    lane_word: str
    values: dict[str, str]

    def __init__(self, rng: random.Random, place: str = "", lane_word: str = "hẻm", **fixed: str) -> None:
        self.rng = rng
        self.lane_word = lane_word
        pronoun = rng.choices([p for p, _ in PRONOUNS], [w for _, w in PRONOUNS])[0]
        self.values = {"place": place, "prov": place, "I": pronoun, **fixed}

    def get(self, name: str) -> str:
        if name not in self.values:
            self.values[name] = PROVIDERS[name](self)
        return self.values[name]

    def fill(self, template: str) -> str:
        """The template with its alternations chosen and its slots filled."""
        return _SLOT.sub(lambda m: self.get(m.group(1)), choose(self.rng, template))

    def sentence(self, template: str) -> str:
        """A filled template with each of its sentences capitalised."""
        text = capitalise(tidy(self.fill(template)))
        return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)
