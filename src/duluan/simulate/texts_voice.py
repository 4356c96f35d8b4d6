"""How people frame a post: openers, closers, and what they already tried.

Syntax as in `phrasing`. "ACTIONS" + "OUTCOMES" make the sentence a local complaint
often carries: who the writer called, and what came of it.
"""

from __future__ import annotations

OPENERS: dict[str, tuple[str, ...]] = {
    "complaint": (
        "Bức xúc thật sự.",
        "{folks} ơi,",
        "Phản ánh:",
        "Không biết kêu ai nữa.",
        "Chịu hết nổi rồi.",
        "Trời ơi,",
        "Xin phép admin cho {I} đăng bài.",
        "Lại nữa rồi [{folks} ơi|].",
        "Thật sự không hiểu nổi.",
        "Đăng lên đây vì không biết báo ai[ nữa|].",
        "Mới sáng ra đã bực mình.",
        "Nói thật là {I} hết chịu nổi rồi.",
        "[Than|Kể] chút cho nhẹ lòng.",
    ),
    "request": (
        "Kiến nghị:",
        "Xin phép admin cho {I} đăng bài.",
        "Kính gửi chính quyền địa phương:",
        "[Nhờ|Mong] admin duyệt giúp bài này.",
        "{I} xin [phản ánh|kiến nghị] một việc.",
    ),
    "question": (
        "Cho {I} hỏi chút.",
        "Hỏi nhanh:",
        "Nhờ [cả nhà|{folks}] tư vấn giúp.",
        "[Ai biết|Ai rành] chỉ {I} với.",
        "Xin lỗi làm phiền {folks} chút.",
    ),
    "praise": (
        "Phải khen một câu.",
        "Tin vui nè {folks}!",
        "Ghi nhận:",
        "[Hiếm lắm mới|Lâu lắm mới] thấy [vui|vui vậy].",
        "Cho {I} khen một chút.",
    ),
    "info": (
        "Thông tin cho ai cần.",
        "Tin nhanh:",
        "Chia sẻ để {folks} biết.",
        "[Cập nhật|Báo tin] cho {folks}:",
        "[Lưu ý|Nhắc nhẹ] {folks}:",
    ),
}

CLOSERS: dict[str, tuple[str, ...]] = {
    "complaint": (
        "Mong cơ quan chức năng sớm vào cuộc.",
        "Phản ánh mấy lần rồi mà vẫn vậy.",
        "Ai có cách gì thì chỉ {I} với.",
        "Đã báo tổ dân phố mà chưa thấy ai xuống.",
        "Nói hoài mà không ai nghe.",
        "Mong phường xuống xem giùm[ dân|].",
        "Cứ thế này chắc {I} dọn đi chỗ khác quá.",
        "Không biết tới bao giờ mới hết cảnh này.",
        "Ai ở gần đây thì share giúp {I} với.",
        "[Thật sự|Quá] mệt mỏi.",
        "Dân mình biết kêu ai bây giờ?",
        "Khổ gì đâu.",
        "[Bực|Tức] cả mình.",
    ),
    "request": (
        "Xin cảm ơn.",
        "Mong sớm được phản hồi.",
        "Mong được xem xét sớm ạ.",
        "[Thay mặt|Thay cho] bà con trong {lw}, xin cảm ơn.",
        "Rất mong nhận được phản hồi.",
    ),
    "question": (
        "Cảm ơn cả nhà.",
        "Ai biết chỉ giúp với ạ.",
        "Đa tạ {folks}!",
        "{I} cảm ơn trước ạ.",
        "Cần gấp, cảm ơn {folks}.",
    ),
    "praise": (
        "Cảm ơn các anh chị nhiều!",
        "Rất đáng ghi nhận.",
        "Mong duy trì lâu dài.",
        "[Like|Thả tim] mạnh!",
        "Cứ vậy hoài thì dân vui lắm.",
    ),
    "info": ("{folks} chú ý nhé.", "Ai cần thì lưu lại nha.", "", "", "[Share|Chia sẻ] giúp cho bà con biết."),
}

# Closers for posts that are not about a ward: no "tổ dân phố" there.
GENERAL_CLOSERS: dict[str, tuple[str, ...]] = {
    "complaint": (
        "Chán thật sự.",
        "Mệt mỏi ghê.",
        "Ai cũng vậy hả {folks}?",
        "Không biết rồi sẽ ra sao.",
        "[Sống|Xoay xở] sao nổi đây trời.",
        "Nói ra cho nhẹ lòng thôi.",
        "[Buồn|Nản] ghê.",
    ),
    "request": ("Xin cảm ơn.", "Mong được xem xét."),
    "question": ("Cảm ơn cả nhà.", "Ai biết chỉ giúp với ạ.", "{I} cảm ơn trước."),
    "praise": ("Rất đáng ghi nhận.", "Vui ghê.", "[Like|Thả tim] mạnh!"),
    "info": ("{folks} chú ý nhé.", "", "", "Ai cần thì lưu lại."),
}

ACTIONS = (
    "{I} [đã|] gọi đường dây nóng của phường [hai lần|mấy lần|từ tuần trước]",
    "[Bác|Chú] tổ trưởng tổ dân phố [được báo|biết chuyện] từ {days}",
    "{I} [đã nhắn|có nhắn] lên nhóm Zalo [khu phố|của tổ dân phố]",
    "{I} [gửi phản ánh|đã gửi ảnh] qua [ứng dụng|app] phản ánh hiện trường",
    "Hôm {weekday} {I} lên phường trình bày",
    "{neighbour} [đã|] làm đơn [gửi phường|có chữ ký cả {lw}]",
    "{I} [gọi|gọi cho] công an khu vực",
    "Cả {lw} [đã|] ký đơn gửi lên phường",
)

OUTCOMES = (
    "[mà|nhưng] tới giờ [vẫn|] chưa thấy ai xuống",
    "họ [ghi nhận|nói ghi nhận] rồi [để đó|im luôn]",
    "họ hẹn [mai|hôm sau|tuần sau] xuống [xem|kiểm tra] mà [chưa thấy đâu|vẫn biệt tăm]",
    "[bên đó|họ] bảo [không thuộc thẩm quyền|phải chờ kế hoạch], [đi hỏi chỗ khác|chờ thông báo]",
    "được cái trả lời [nhanh|lịch sự] nhưng [chưa xử lý gì|vẫn vậy]",
    "có người xuống [chụp hình|ghi chép] rồi về, tới giờ vẫn vậy",
    "[họ hứa|được hứa] [trong tuần|tháng này] sẽ xử lý, {I} chờ xem",
)
