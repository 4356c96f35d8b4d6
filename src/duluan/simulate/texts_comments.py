"""Comments replying to posts, by what the post is: a complaint, praise, a question, chat.

Each entry: (kind, sentiment, is_complaint, variants). "topical" comments carry the
parent's concern; "chatter" comments carry none. Slots named {the_lane}, {the_road},
{the_place}, {the_spot}, {the_street} quote the post being answered: a variant that
uses one is only chosen when the post named it. {you} is how the writer addresses the
poster ("bạn", "chị", "bác"); other slots are the commenter's own, as in `phrasing`.
"""

from __future__ import annotations

Entry = tuple[str, str, bool, tuple[str, ...]]

# Short reactions people leave anywhere; kept short, so some repeat word for word.
CHATTER = (
    "Hóng", "Hóng {you} ơi", "Ủa vậy hả", "Chia sẻ cho nhiều người biết", "Up cho nhiều người thấy",
    "Theo dõi", "Chấm", "Khổ thật", "Thương ghê", "Trời đất", "Vậy mà cũng được hả", "Share rồi nha",
    "Ghê vậy", "Thật luôn hả", "Hết nói nổi", "Xem mà bực", "Trời ơi là trời", "Ai cứu với",
    "{friend} ơi coi nè", "{friend} vô đây coi", "Tag {friend} vô đọc nè", "{friend} nhà mình đó hả",
    "Đọc mà thấy thương", "Chuẩn luôn", "Đúng vậy", "Không tin nổi", "Hóng diễn biến",
)

COMMENTS_ON_COMPLAINT: tuple[Entry, ...] = (
    ("topical", "negative", True, (
        "Chỗ {I} cũng bị y chang.",
        "Chỗ {I} ở {mylane} cũng [bị y chang|vậy luôn], [phản ánh {n} lần rồi|{days} rồi].",
        "{the_lane} đó {I} [đi qua hoài|quen lắm], [khổ thiệt|tệ thật].",
        "[Bên|Ở] {the_place} {I} cũng [gặp|thấy] hoài.",
    )),
    ("topical", "negative", True, (
        "Đúng rồi, khổ lắm {you} ơi.",
        "Nhà {I} ở {mylane} cũng vậy nè, [chịu không nổi|{days} rồi].",
        "{the_road} {I} [ngày nào cũng|sáng nào cũng] [đi|chạy ngang], [đúng y vậy|chuẩn luôn].",
    )),
    ("topical", "negative", True, (
        "Năm nào cũng hứa rồi để đó.",
        "Hứa [hoài|mấy năm] rồi để đó.",
        "[Từ hồi|Từ năm] {I} [dọn về|về ở] {the_place} tới giờ vẫn [y nguyên|như cũ], [{days}|mấy năm] rồi.",
    )),
    ("topical", "negative", True, (
        "Bức xúc thật sự, phải lên tiếng thôi.",
        "Phải [làm lớn chuyện|lên báo] mới có người [xử lý|để ý].",
        "Đọc mà [tức|bực] giùm {you}, {home} ở {mylane} [cũng bị|cũng ở cảnh này] {days}.",
    )),
    ("topical", "negative", True, (
        "Nhà {I} ở gần đó cũng vậy nè.",
        "Chỗ {I} ở {mylane} cũng [dính|bị] y vậy, {I} [chụp hình|quay clip] [từ {time}|lúc {clock}] rồi.",
        "Không riêng gì {the_spot} đâu {you}.",
    )),
    ("topical", "negative", False, (
        "Ở đây quen rồi, nói hoài cũng vậy.",
        "[Kêu|Nói] hoài rồi, có ai nghe đâu.",
        "Thôi [kệ đi|chịu khó] {you}, chỗ nào cũng vậy.",
    )),
    ("topical", "neutral", False, (
        "{you} gọi đường dây nóng của phường thử xem.",
        "Lần trước {home} ở {mylane} cũng bị, gọi tổng đài [tầm {clock}|{time}] là [có người xuống ngay|{wait} sau có người tới].",
    )),
    ("topical", "neutral", False, (
        "Gửi phản ánh qua ứng dụng đi {you}.",
        "[Tag|Gắn thẻ] trang của phường vào đi {you}.",
    )),
    ("topical", "neutral", False, (
        "{you} chụp ảnh gửi tổ dân phố đi.",
        "Làm đơn có chữ ký cả {lw} đi {you}.",
    )),
    ("topical", "neutral", False, (
        "Cụ thể là đoạn nào vậy {you}?",
        "{the_lane} hả {you}, gần {spot} phải không?",
        "{the_road} khúc nào vậy {you}, {I} [mai|chiều nay|{weekday}] [định đi qua|phải chở {kid} đi ngang].",
    )),
    ("topical", "neutral", False, (
        "Từ hôm nào vậy {you}?",
        "Có ai báo lên phường chưa {you}?",
        "Có ai [bị thương|sao] không {you}?",
    )),
    ("topical", "neutral", False, (
        "{I} thấy cũng đâu tới mức đó.",
        "{you} nói hơi quá rồi đó.",
        "{time} {I} [đi qua|ghé] {the_road} [lúc {clock}|] thấy [bình thường mà|cũng ổn]?",
    )),
    ("chatter", "neutral", False, CHATTER),
    ("chatter", "neutral", False, CHATTER),
    ("chatter", "neutral", False, CHATTER),
)

COMMENTS_ON_PRAISE: tuple[Entry, ...] = (
    ("chatter", "positive", False, ("Cảm ơn {you} đã chia sẻ", "Hay quá, cảm ơn {you}", "Quá tuyệt vời", "Đáng khen thật sự", "Tuyệt {you} ơi")),
    ("chatter", "positive", False, ("Cảm ơn [các anh|mọi người] [nhiều|nha]", "Hay quá", "Vui ghê", "Thả tim", "{friend} ơi coi nè, vui ghê")),
    ("topical", "positive", False, (
        "Tuyệt vời, mong chỗ khác cũng vậy.",
        "Ước gì {mylane} nhà {I} cũng được như vậy.",
        "Công nhận {the_road} giờ đi sướng hẳn.",
    )),
    ("topical", "neutral", False, (
        "Tốt rồi, mong giữ được lâu.",
        "Sợ [vài bữa|mấy tháng] lại đâu vào đấy.",
        "Mong đừng làm một lần rồi thôi.",
    )),
    ("topical", "negative", True, (
        "Chỗ {I} thì chưa thấy ai làm gì.",
        "Còn {mylane} bên {I} thì [vẫn y nguyên|vẫn như cũ], [phản ánh từ {time}|chờ {days}] chưa thấy ai.",
    )),
    ("chatter", "neutral", False, ("Lưu lại để đọc sau", "Lưu lại", "Đánh dấu", "Chấm")),
)

COMMENTS_ON_QUESTION: tuple[Entry, ...] = (
    ("topical", "neutral", False, (
        "{I} cũng đang muốn hỏi cái này.",
        "Cũng thắc mắc luôn, ai biết chỉ với.",
        "Hóng vì {home} cũng đang cần.",
    )),
    ("topical", "neutral", False, (
        "{you} lên phường hỏi cho chắc nha.",
        "Gọi tổng đài hỏi là nhanh nhất {you}.",
        "Hôm {weekday} {I} [mới hỏi|có hỏi] rồi, [họ chỉ lên bộ phận một cửa|bảo lên phường hỏi trực tiếp] [lúc {clock}|buổi sáng].",
    )),
    ("topical", "neutral", False, (
        "Họ bảo phải chờ thông báo mới {you}.",
        "[Nghe nói|Hình như] {the_road} [tới cuối tháng|tuần sau|sau {weekday}] mới xong.",
        "Theo {I} biết thì phải chờ thêm.",
    )),
    ("chatter", "neutral", False, ("Hóng câu trả lời", "Hóng", "Theo dõi", "Chấm", "Hóng với", "{friend} ơi vô coi nè")),
    ("topical", "negative", True, (
        "Hỏi hoài mà chẳng ai trả lời.",
        "[Hỏi|Gọi] {n} lần rồi mà chẳng ai trả lời.",
    )),
)

COMMENTS_ON_CHAT: dict[str, tuple[Entry, ...]] = {
    "sport": (
        ("chatter", "positive", False, ("Đá vậy là quá đỉnh rồi!", "Bàn thắng {minute} đẹp mê!", "Đỉnh quá")),
        ("chatter", "positive", False, ("Thủ môn xuất sắc nhất trận luôn.", "[Số 10|Tiền đạo dự bị] chơi [hay|bùng nổ] quá.", "Quá hay")),
        ("chatter", "negative", False, ("Trọng tài bắt dở quá trời.", "[Hàng tiền vệ|Hàng thủ] [chuyền hỏng|chạy chỗ] nhiều quá.", "Thua đáng")),
        ("chatter", "neutral", False, ("Trận sau đá lúc mấy giờ vậy?", "[Ở|Bên] {mylane} cũng hò hét tới {late}.", "Có ai đi xem không")),
    ),
    "entertainment": (
        ("chatter", "positive", False, ("{I} xem hai lần rồi mà vẫn khóc.", "[Diễn viên chính|Nhạc phim] quá đỉnh luôn.", "Hay thật sự")),
        ("chatter", "positive", False, ("Hóng phần hai quá!", "Hóng phần hai", "Cuối tuần {I} dẫn {kin} đi coi.")),
        ("chatter", "negative", False, ("{I} thấy cũng bình thường thôi.", "Vé mắc mà [âm thanh|chỗ ngồi] tệ quá.", "Bình thường thôi")),
        ("chatter", "neutral", False, ("Vé còn không mọi người?", "Rạp gần {spot} chiếu mấy giờ vậy {you}?", "Còn vé không")),
    ),
    "weather": (
        ("chatter", "neutral", False, ("Bên {I} cũng mưa nãy giờ.", "Bên {mylane} [cũng mưa|vừa tạnh] [từ {clock}|nãy giờ].", "Bên mình cũng vậy")),
        ("chatter", "positive", False, ("Thời tiết này ngủ ngon phải biết.", "Mát vậy [đi cà phê|chạy bộ] là đã nhất.", "Thích ghê")),
        ("chatter", "negative", False, ("Mưa hoài, phơi đồ không khô.", "[Nóng|Oi] quá, {kid} [ngủ không được|khóc cả đêm].", "Mệt ghê")),
    ),
}

# Endings of a quick reaction typed on a phone.
SHORT_ENDINGS = ("", "", ".", "!", "...", "!!", " 😮", " 🙏", "??", " 😢", " 👍")
