"""What makes two articles on the same theme different stories: the people quoted,
the officials who answer, and each newsroom's habits of wording.

An article quotes a resident in the words residents use (a "detail" sentence of the
social pools, said as "tôi") and, for local themes, an official's answer. Each story
also fixes one house style: "cho biết" or "cho hay", "phản ánh" or "phản ảnh".
"""

from __future__ import annotations

FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Phan", "Vũ", "Ngô", "Dương", "Lý", "Trương")
WOMEN = ("Thị Hoa", "Thị Lan", "Thị Mai", "Thị Hồng", "Thị Thu", "Ngọc Anh", "Thị Hạnh", "Kim Loan", "Thị Nga", "Thu Trang", "Thị Bích", "Mỹ Linh")
MEN = ("Văn Minh", "Văn Hùng", "Văn Tâm", "Quốc Dũng", "Văn Sơn", "Minh Tuấn", "Văn Phúc", "Hữu Nghĩa", "Văn Thành", "Đức Long", "Văn Bình", "Thanh Hải")

# How the press introduces a resident: {who} "bà Nguyễn Thị Hoa", {age}, {home}.
RESIDENT_FRAMES = (
    "“{quote}”, {who} ({age} tuổi, ngụ {home}) cho biết.",
    "{Who} ({age} tuổi, sống tại {home}) kể: “{quote}”",
    "“{quote}”, {who}, một người dân ở {home}, bức xúc nói.",
    "Theo {who} ({age} tuổi), “{quote}”",
)

OFFICIAL_TITLES = (
    "Chủ tịch UBND {place}",
    "Phó Chủ tịch UBND {place}",
    "Trưởng phòng Kinh tế, Hạ tầng và Đô thị {place}",
    "đại diện UBND {place}",
)

OFFICIAL_QUOTES = (
    "Chúng tôi đã [ghi nhận|tiếp nhận] phản ánh của người dân và [sẽ kiểm tra thực tế|đang phối hợp với các đơn vị liên quan] [trong tuần này|trong thời gian sớm nhất]",
    "[Địa phương|Phường] [đã có văn bản báo cáo|đã kiến nghị] lên thành phố, [chờ bố trí kinh phí|mong sớm được hỗ trợ] để xử lý dứt điểm",
    "[Trước mắt|Trong lúc chờ], phường [bố trí lực lượng túc trực|yêu cầu đơn vị liên quan khắc phục] [ngay trong ngày|tại các điểm nóng]",
    "[Chúng tôi|Địa phương] [thừa nhận|hiểu] bức xúc của bà con và [cam kết|sẽ cố gắng] [có câu trả lời|xử lý] [trước cuối tháng|trong tuần tới]",
)
OFFICIAL_FRAMES = (
    "Trao đổi với phóng viên, ông {official_name}, {official}, cho biết: “{official_quote}.”",
    "Bà {official_name}, {official}, cho biết: “{official_quote}.”",
    "“{official_quote}”, ông {official_name}, {official}, nói.",
)

# One pick per story for each row: the story keeps it, its copies too.
PRESS_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("cho biết", "cho hay"),
    ("phản ánh", "phản ảnh"),
    ("khuyến cáo", "khuyến nghị"),
    ("cơ quan chức năng", "lực lượng chức năng", "các đơn vị chức năng"),
    ("chính quyền địa phương", "chính quyền sở tại"),
    ("thời gian tới", "thời gian sắp tới"),
    ("Người dân", "Bà con", "Cư dân"),
    ("người dân", "bà con", "cư dân"),
    ("nhiều hộ dân", "không ít hộ dân", "hàng chục hộ dân"),
    (" đã ", " "),
    (" đang ", " hiện đang "),
    (" khiến ", " làm "),
    ("nhiều người", "không ít người"),
    (" cho khu dân cư", " cho cả khu dân cư"),
)
