"""Social posts on national themes, and comments replying to posts.

Slots: {prov} a province or city as people write it ("Sài Gòn", "tỉnh Bình Dương"),
{time} when. Each template carries its stance, sentiment and concern so the truth
follows the text rather than being guessed from it.
"""

from __future__ import annotations

# theme -> (concern or None, stance, sentiment, text)
GENERAL_POSTS: dict[str, tuple[tuple[str | None, str, str, str], ...]] = {
    "prices": (
        ("prices", "complaint", "negative", "Đi chợ sáng nay mà giật mình, rau muống 20 nghìn một bó, cái gì cũng lên giá."),
        ("prices", "complaint", "negative", "Lương không tăng mà tiền điện, tiền nước, tiền học của con cứ tăng đều đều."),
        ("prices", "complaint", "negative", "Tiền thuê nhà ở {prov} giờ ngốn gần nửa lương rồi, sống sao nổi."),
        ("prices", "complaint", "negative", "Một tô phở ở {prov} giờ 60 nghìn, ăn sáng thôi mà cũng thấy xót."),
        ("prices", "question", "neutral", "Mọi người ở {prov} đi chợ mỗi tháng hết bao nhiêu? Nhà mình bốn người mà tháng nào cũng hụt."),
        ("prices", "info", "neutral", "Giá vàng hôm nay lại lên, tiệm vàng ở {prov} đông nghẹt người."),
        ("prices", "praise", "positive", "Siêu thị gần nhà ở {prov} đang giảm giá rau củ cuối ngày, ai tiện ghé mua nha."),
    ),
    "jobs": (
        ("jobs_wages", "complaint", "negative", "Công ty cho nghỉ việc hàng loạt, nợ lương hai tháng chưa trả, anh em công nhân khổ lắm."),
        ("jobs_wages", "complaint", "negative", "Tăng ca tới 9 giờ tối mà lương tháng vẫn không đủ tiền nhà với tiền sữa cho con."),
        ("jobs_wages", "complaint", "negative", "Ra trường hai năm ở {prov} mà chưa xin được việc đúng ngành, nản thật sự."),
        ("jobs_wages", "question", "neutral", "Ở {prov} có chỗ nào tuyển lao động phổ thông không mọi người, mình cần gấp."),
        ("jobs_wages", "praise", "positive", "Công ty mình vừa tăng lương 8%, vui ghê mọi người ơi!"),
        ("jobs_wages", "info", "neutral", "Ngày hội việc làm ở {prov} cuối tuần này có hơn 3.000 vị trí, bạn nào cần thì đi nhé."),
    ),
    "scams": (
        ("scams", "complaint", "negative", "Mẹ mình vừa bị gọi điện giả công an, nói dính tới đường dây rửa tiền, bắt chuyển tiền vào tài khoản \"tạm giữ\". May mà con cái can kịp."),
        ("scams", "complaint", "negative", "Nhận tin nhắn báo trúng thưởng, bấm vào đường link xong là tài khoản bị trừ sạch tiền."),
        ("scams", "complaint", "negative", "Cảnh giác: có nhóm tuyển cộng tác viên \"việc nhẹ lương cao\", bắt nạp tiền trước rồi chặn liên lạc luôn."),
        ("scams", "request", "negative", "Đề nghị nhà mạng chặn mấy số điện thoại lừa đảo này giùm, ngày nào cũng gọi."),
        ("scams", "question", "neutral", "Ai từng bị lừa qua mạng mà lấy lại được tiền chưa? Mình nên trình báo ở đâu?"),
        ("scams", "info", "neutral", "Chia sẻ để mọi người cảnh giác: không ai được yêu cầu cài ứng dụng lạ để \"cập nhật định danh\" cả."),
        ("scams", "praise", "positive", "Nhân viên ngân hàng thấy giao dịch lạ nên gọi hỏi, chặn kịp cho bố mình. Cảm ơn chị nhiều lắm!"),
    ),
    "sport": (
        (None, "chat", "positive", "Trận tối qua đá hay quá, cả xóm ở {prov} hò hét tới khuya!"),
        (None, "chat", "positive", "Tuyển Việt Nam thắng rồi mọi người ơi! Quá xứng đáng!"),
        (None, "chat", "negative", "Hàng thủ chơi lỏng lẻo quá, thua vậy là đáng."),
        (None, "question", "neutral", "Có ai biết tối nay trận bóng chiếu trên kênh nào không?"),
        (None, "chat", "positive", "Giải chạy bộ ở {prov} cuối tuần qua đông vui, không khí cực kỳ sôi động."),
        ("other", "complaint", "negative", "Vé xem bóng đá vừa mở bán online đã hết sạch, chỉ còn vé chợ đen giá gấp ba."),
    ),
    "entertainment": (
        (None, "chat", "positive", "Phim mới ra rạp đáng xem thật sự, khóc từ đầu tới cuối."),
        (None, "chat", "positive", "Đêm nhạc tối qua ở {prov} quá đỉnh, cháy hết mình luôn!"),
        (None, "chat", "negative", "Chương trình thực tế dạo này toàn drama, xem chán ghê."),
        (None, "question", "neutral", "Cuối tuần này ở {prov} có hội chợ ẩm thực nào không mọi người?"),
        (None, "chat", "negative", "Ca sĩ hát live đuối quá, tiếc tiền vé ghê."),
    ),
    "weather": (
        (None, "info", "neutral", "{prov} {time} mưa to quá, ai ra đường nhớ mang áo mưa nha."),
        (None, "chat", "positive", "Trời hôm nay mát mẻ dễ chịu ghê, đúng chất mùa thu."),
        (None, "chat", "negative", "Nắng nóng oi bức cả ngày, tối nằm cũng không ngủ được."),
        (None, "question", "neutral", "Nghe nói sắp có áp thấp nhiệt đới, {prov} có bị ảnh hưởng không mọi người?"),
    ),
}

GENERAL_THEME_WEIGHTS = {
    "prices": 0.2,
    "jobs": 0.14,
    "scams": 0.14,
    "sport": 0.18,
    "entertainment": 0.18,
    "weather": 0.16,
}

# Comments: (kind, sentiment, is_complaint, text). "topical" comments carry the
# parent's concern; "chatter" comments carry none.
COMMENTS_ON_COMPLAINT: tuple[tuple[str, str, bool, str], ...] = (
    ("topical", "negative", True, "Chỗ mình cũng bị y chang, phản ánh mấy lần rồi mà chưa ai xử lý."),
    ("topical", "negative", True, "Đúng rồi, khổ lắm bạn ơi."),
    ("topical", "negative", True, "Năm nào cũng hứa rồi để đó."),
    ("topical", "negative", True, "Bức xúc thật sự, phải lên tiếng nhiều hơn nữa mới được."),
    ("topical", "negative", True, "Nhà mình ở gần đó cũng vậy nè, chịu không nổi."),
    ("topical", "negative", False, "Ở đây quen rồi, nói hoài cũng vậy thôi."),
    ("topical", "neutral", False, "Bạn gọi đường dây nóng của phường thử xem, họ xuống nhanh lắm."),
    ("topical", "neutral", False, "Gửi phản ánh qua ứng dụng dịch vụ công đi bạn, có người tiếp nhận đó."),
    ("topical", "neutral", False, "Bạn chụp ảnh gửi tổ dân phố đi, có hình họ mới làm."),
    ("topical", "neutral", False, "Cụ thể là đoạn nào vậy bạn?"),
    ("topical", "neutral", False, "Từ hôm nào vậy bạn? Có ai báo lên phường chưa?"),
    ("topical", "neutral", False, "Mình thấy cũng đâu tới mức đó, bạn nói hơi quá."),
    ("chatter", "neutral", False, "Hóng."),
    ("chatter", "neutral", False, "Chia sẻ cho nhiều người biết."),
    ("chatter", "neutral", False, "Ủa vậy hả?"),
)

COMMENTS_ON_PRAISE: tuple[tuple[str, str, bool, str], ...] = (
    ("chatter", "positive", False, "Cảm ơn bạn đã chia sẻ thông tin."),
    ("chatter", "positive", False, "Hay quá, cảm ơn bạn!"),
    ("topical", "positive", False, "Tuyệt vời, mong chỗ khác cũng được như vậy."),
    ("topical", "neutral", False, "Làm được vậy là tốt rồi, mong giữ được lâu."),
    ("topical", "negative", True, "Chỗ mình thì vẫn chưa thấy ai làm gì hết."),
    ("chatter", "neutral", False, "Lưu lại để đọc sau."),
)

COMMENTS_ON_QUESTION: tuple[tuple[str, str, bool, str], ...] = (
    ("topical", "neutral", False, "Mình cũng đang muốn hỏi cái này."),
    ("topical", "neutral", False, "Bạn lên phường hỏi trực tiếp cho chắc nha."),
    ("topical", "neutral", False, "Hôm trước mình hỏi thì họ bảo phải chờ thông báo mới."),
    ("chatter", "neutral", False, "Hóng câu trả lời."),
    ("topical", "negative", True, "Hỏi hoài mà chẳng ai trả lời rõ ràng."),
)

COMMENTS_ON_CHAT: dict[str, tuple[tuple[str, str, bool, str], ...]] = {
    "sport": (
        ("chatter", "positive", False, "Đá vậy là quá đỉnh rồi!"),
        ("chatter", "positive", False, "Thủ môn xuất sắc nhất trận luôn."),
        ("chatter", "negative", False, "Trọng tài bắt dở quá trời."),
        ("chatter", "neutral", False, "Trận sau đá lúc mấy giờ vậy mọi người?"),
    ),
    "entertainment": (
        ("chatter", "positive", False, "Phim này mình xem hai lần rồi mà vẫn khóc."),
        ("chatter", "positive", False, "Hóng phần hai quá!"),
        ("chatter", "negative", False, "Mình thấy cũng bình thường, không hay như lời đồn."),
        ("chatter", "neutral", False, "Vé còn không mọi người?"),
    ),
    "weather": (
        ("chatter", "neutral", False, "Bên mình cũng mưa nãy giờ."),
        ("chatter", "positive", False, "Thời tiết này ngủ ngon phải biết."),
        ("chatter", "negative", False, "Mưa gì mà mưa hoài, phơi đồ không khô."),
    ),
}

# Words people type fast; the noise stage swaps them in.
TEENCODE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("như thế nào", ("ntn",)),
    ("mọi người", ("mn", "mng")),
    ("không", ("ko", "k", "hông", "hok")),
    ("được", ("dc", "đc", "đk")),
    ("gì", ("j",)),
    ("bạn", ("bn", "b")),
    ("với", ("vs",)),
    ("mình", ("mik", "mk")),
    ("quá", ("wá", "qá")),
    ("rồi", ("r", "rùi")),
    ("biết", ("bít", "bik")),
    ("vậy", ("v", "z", "zậy")),
    ("thôi", ("thui",)),
    ("nhiều", ("nhìu",)),
    ("cũng", ("cx",)),
    ("trước", ("trc",)),
    ("người", ("ng",)),
    ("bây giờ", ("bh",)),
)
