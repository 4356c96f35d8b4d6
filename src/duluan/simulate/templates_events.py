"""Texts for the planted events, and the notices written in legacy encodings.

Event posts use the same slots as local posts ({place}, {lane}, {road}, {time});
price and rumour texts use {item}, {amount}, {prov}.
"""

from __future__ import annotations

from dataclasses import dataclass

# Each: (stance, sentiment, text)
FLOOD_SURGE_POSTS: tuple[tuple[str, str, str], ...] = (
    ("complaint", "negative", "Triều cường lên cộng thêm mưa, {lane} ở {place} ngập tới đầu gối, nước tràn vào tận nhà."),
    ("complaint", "negative", "Ngập nước ở {place} {time} không rút nổi, cống thoát nước nghẹt cứng mà chưa ai xuống xử lý."),
    ("complaint", "negative", "Ba ngày liền {road} ở {place} ngập nước, con nít không đi học được, người lớn không đi làm được."),
    ("complaint", "negative", "Nước từ cống thoát nước trào ngược lên đen ngòm, hôi thối cả {lane}, {place}."),
    ("complaint", "negative", "Triều cường đợt này ở {place} cao hơn mọi năm, nhà nào thấp là coi như ngập trong nhà."),
    ("complaint", "negative", "Xe chết máy hàng loạt ở {road}, {place}, thợ sửa xe làm không kịp."),
    ("complaint", "negative", "Ở {place} mà không có đôi ủng với cái áo mưa thì khỏi ra đường mấy bữa nay. Ngập nước hoài!"),
    ("request", "negative", "Khẩn thiết đề nghị chính quyền {place} cho xe hút nước và khơi thông cống thoát nước ở {lane} ngay."),
    ("request", "neutral", "Kính mong lãnh đạo {place} xuống tận nơi xem bà con lội nước thế nào, triều cường mấy hôm nay quá nặng."),
    ("question", "neutral", "Ai ở {place} cho hỏi {road} còn ngập không, mình cần chở mẹ đi bệnh viện."),
    ("question", "neutral", "Lịch triều cường mấy ngày tới ra sao mọi người? Ở {place} nước lên mỗi chiều."),
    ("info", "neutral", "Cập nhật: {road} ở {place} {time} vẫn ngập khoảng 40 phân, mọi người tránh đi qua nhé."),
)

RUBBISH_POSTS: tuple[tuple[str, str, str], ...] = (
    ("complaint", "negative", "Rác không ai thu gom cả tuần nay ở {lane}, {place}, chất thành đống cao ngang đầu gối."),
    ("complaint", "negative", "Mấy hôm nay xe rác không tới {place}, mùi hôi bốc lên tận trong nhà."),
    ("complaint", "negative", "Điểm tập kết rác ở {road}, {place} tràn ra giữa đường, xe chạy qua phải lách."),
    ("complaint", "negative", "Rác không ai thu gom, chó mèo bới tung, ruồi bu đen kịt. {place} đây mọi người ơi."),
    ("complaint", "negative", "Đóng phí rác đầy đủ mà cả tuần không thấy ai tới lấy. Bà con {place} bức xúc lắm."),
    ("request", "negative", "Đề nghị {place} khẩn trương thu gom rác ở {lane}, để lâu dịch bệnh phát sinh thì khổ."),
    ("question", "neutral", "Có ai biết vì sao xe rác ở {place} ngưng chạy không? Đổi đơn vị thu gom hay sao vậy?"),
    ("info", "neutral", "Rác ở {place} vẫn chưa được dọn, ai đi ngang {road} nhớ đeo khẩu trang."),
)


@dataclass(frozen=True)
class Rumour:
    """A false claim that goes viral, and the official clarification."""

    key: str
    concern: str
    claim: str
    posts: tuple[str, ...]
    debunks: tuple[str, ...]
    clarification_titles: tuple[str, ...]
    clarification_lead: str
    clarification_body: tuple[str, ...]


RUMOURS: tuple[Rumour, ...] = (
    Rumour(
        "id_card_fee",
        "public_services",
        "Từ tháng sau người dân phải nộp 200.000 đồng mỗi lần cập nhật thông tin căn cước tại phường.",
        (
            "Nghe nói từ tháng sau lên phường cập nhật thông tin căn cước phải nộp 200 nghìn một lần. Cái gì cũng thu tiền!",
            "Thật không vậy? Cập nhật căn cước mà mất 200 nghìn, nhà 5 người là 1 triệu rồi.",
            "Mọi người chia sẻ cho nhau biết: tháng sau cập nhật căn cước ở phường phải đóng 200.000 đồng.",
            "Vô lý hết sức, cập nhật thông tin của chính mình mà cũng bắt nộp phí 200 nghìn.",
            "Bà con {prov} ơi, tranh thủ đi cập nhật căn cước trước khi bị thu phí 200 nghìn nha!",
        ),
        (
            "Tin đồn thu phí 200 nghìn cập nhật căn cước là sai nhé mọi người, công an đã lên tiếng rồi.",
            "Đã có thông tin chính thức: cập nhật căn cước không thu phí. Đừng chia sẻ tin sai nữa.",
            "May quá, hỏi cán bộ phường rồi, không có khoản phí 200 nghìn nào hết.",
        ),
        ("Cơ quan công an khẳng định không thu phí cập nhật thông tin căn cước", "Thông tin thu phí 200.000 đồng khi cập nhật căn cước là sai sự thật"),
        "Trước thông tin lan truyền trên mạng xã hội về việc người dân phải nộp 200.000 đồng mỗi lần cập nhật thông tin căn cước, cơ quan công an {prov} khẳng định đây là thông tin sai sự thật.",
        (
            "Theo cơ quan công an, việc điều chỉnh, cập nhật thông tin trong cơ sở dữ liệu dân cư theo yêu cầu của người dân không thu bất kỳ khoản phí nào.",
            "Những ngày qua, nhiều tài khoản mạng xã hội chia sẻ thông tin trên kèm hình ảnh một văn bản không rõ nguồn gốc.",
            "Lượng người đến trụ sở công an phường để hỏi và làm thủ tục tăng đột biến, có nơi phải xếp hàng từ sáng sớm.",
            "Cơ quan chức năng đang xác minh các tài khoản đăng tải thông tin sai sự thật để xử lý theo quy định.",
            "Người dân được khuyến cáo chỉ tiếp nhận thông tin từ các kênh chính thống.",
        ),
    ),
    Rumour(
        "school_record_fee",
        "education",
        "Học sinh phải nộp 1,5 triệu đồng phí số hóa học bạ ngay trong học kỳ này.",
        (
            "Phụ huynh ơi, nghe nói học kỳ này mỗi em phải đóng 1,5 triệu tiền số hóa học bạ. Lại thêm một khoản!",
            "Học bạ điện tử mà thu tới 1,5 triệu một em, nhà có hai đứa là 3 triệu, lấy đâu ra.",
            "Có ai nhận được thông báo đóng phí số hóa học bạ 1,5 triệu chưa? Bức xúc quá.",
            "Chia sẻ cho các phụ huynh ở {prov}: trường sắp thu phí số hóa học bạ 1,5 triệu đồng.",
            "Đủ thứ tiền đầu năm rồi giờ thêm phí học bạ số. Giáo dục gì mà toàn thu với thu.",
        ),
        (
            "Sở Giáo dục xác nhận không có khoản phí số hóa học bạ nào hết, phụ huynh yên tâm nha.",
            "Tin thu 1,5 triệu tiền học bạ điện tử là tin giả đó mọi người, đừng chuyển tiền cho ai.",
            "Cô chủ nhiệm vừa nhắn nhóm lớp: học bạ số miễn phí hoàn toàn, ai thu tiền là lừa đảo.",
        ),
        ("Ngành giáo dục bác bỏ thông tin thu phí số hóa học bạ", "Không có khoản phí 1,5 triệu đồng cho học bạ số"),
        "Ngành giáo dục {prov} khẳng định không có chủ trương thu phí số hóa học bạ đối với học sinh, sau khi thông tin này lan truyền rộng rãi trên mạng xã hội.",
        (
            "Theo ngành giáo dục, học bạ số được triển khai bằng kinh phí của nhà nước, nhà trường không được thu thêm bất kỳ khoản nào từ phụ huynh.",
            "Thông tin sai lệch xuất hiện từ một bài đăng trong nhóm phụ huynh, sau đó được chia sẻ hàng nghìn lượt.",
            "Một số phụ huynh cho biết đã nhận được tin nhắn yêu cầu chuyển khoản với nội dung phí học bạ.",
            "Các trường được yêu cầu thông báo rõ cho phụ huynh để tránh bị kẻ gian lợi dụng.",
            "Cơ quan chức năng đang phối hợp xác minh nguồn gốc thông tin.",
        ),
    ),
    Rumour(
        "old_motorbike_ban",
        "traffic",
        "Xe máy trên 10 năm tuổi sẽ bị cấm lưu thông từ tháng sau và phải nộp phí kiểm định khí thải 1 triệu đồng.",
        (
            "Từ tháng sau xe máy trên 10 năm bị cấm chạy, muốn chạy tiếp phải nộp 1 triệu kiểm định khí thải. Người nghèo sống sao?",
            "Xe mình chạy 12 năm rồi, giờ cấm là lấy gì đi làm. Bức xúc thật sự!",
            "Nghe nói sắp cấm xe máy cũ, ai có xe đời cũ lo mà bán sớm đi.",
            "Thu phí kiểm định xe máy 1 triệu một chiếc, có ai xác nhận chưa? Nhà mình ba chiếc xe cũ.",
            "Bà con {prov} chú ý: xe máy trên 10 năm sắp bị cấm lưu thông, chia sẻ cho mọi người biết.",
        ),
        (
            "Chưa có quy định nào cấm xe máy trên 10 năm từ tháng sau nhé, tin đồn thôi.",
            "Cơ quan chức năng bác bỏ rồi, đừng hoảng mà bán xe với giá rẻ.",
            "Đọc báo chính thống mới thấy tin cấm xe máy cũ là sai, mấy trang câu view làm người ta hoang mang.",
        ),
        ("Không có chuyện cấm xe máy trên 10 năm tuổi từ tháng tới", "Bác bỏ tin đồn cấm xe máy cũ, thu phí kiểm định 1 triệu đồng"),
        "Liên quan đến thông tin xe máy trên 10 năm tuổi bị cấm lưu thông và phải nộp phí kiểm định khí thải 1 triệu đồng, cơ quan quản lý giao thông {prov} khẳng định đây là thông tin không chính xác.",
        (
            "Theo cơ quan quản lý, việc kiểm soát khí thải xe máy được thực hiện theo lộ trình, có lấy ý kiến rộng rãi và chưa áp dụng trong thời gian tới.",
            "Thời gian qua, nhiều trang mạng đăng tải thông tin trên khiến không ít người dân hoang mang, vội vàng bán xe.",
            "Một số cửa hàng mua bán xe cũ ghi nhận lượng người đến bán xe tăng bất thường.",
            "Người dân được khuyến cáo không chia sẻ thông tin chưa được kiểm chứng.",
            "Mọi quy định mới sẽ được công bố công khai trên các kênh chính thức.",
        ),
    ),
)

PRICE_ITEMS: tuple[tuple[str, str, str], ...] = (
    # (key, item as said, amount of the rise)
    ("petrol", "xăng", "1.200 đồng mỗi lít"),
    ("pork", "thịt heo", "20.000 đồng mỗi ký"),
)

PRICE_POSTS: tuple[tuple[str, str, str], ...] = (
    ("complaint", "negative", "Giá {item} lại tăng {amount}, lương thì đứng yên. Không biết cắt giảm chỗ nào nữa."),
    ("complaint", "negative", "{item} tăng giá kéo theo cái gì cũng tăng, đi chợ 200 nghìn không còn đủ mua đồ ăn hai bữa."),
    ("complaint", "negative", "Ở {prov} giá {item} tăng mà quán ăn cũng tăng giá theo luôn, khổ người làm công ăn lương."),
    ("complaint", "negative", "Tăng {amount} nghe thì ít, nhưng cộng cả tháng là một khoản lớn với nhà mình."),
    ("question", "neutral", "Giá {item} đợt này tăng tới bao giờ vậy mọi người? Có ai biết tuần sau giảm không?"),
    ("info", "neutral", "Cập nhật: giá {item} từ hôm nay tăng {amount}, mọi người tính toán chi tiêu nhé."),
    ("chat", "neutral", "Thôi thì thắt lưng buộc bụng vậy, đỡ được đồng nào hay đồng đó."),
)

# Lines only one kind of price rise can carry.
PRICE_POSTS_BY_ITEM: dict[str, tuple[tuple[str, str, str], ...]] = {
    "petrol": (
        ("complaint", "negative", "Sáng nay đổ xăng mới thấy giá lên, chạy xe ôm công nghệ giờ lỗ là chắc."),
        ("chat", "neutral", "Từ mai đi làm bằng xe buýt thôi, xăng lên hoài chịu sao nổi."),
    ),
    "pork": (
        ("complaint", "negative", "Sáng nay ra chợ, cô bán thịt nói heo lên giá nữa rồi, mua có nửa ký mà xót."),
        ("chat", "neutral", "Tuần này nhà mình chuyển qua ăn cá với đậu hũ, thịt heo đắt quá."),
    ),
}

PRICE_NEWS_TITLES = ("Giá {item} tăng mạnh, người tiêu dùng lo lắng", "Giá {item} tăng {amount}, mức cao nhất nhiều tháng")
PRICE_NEWS_LEAD = "Từ ngày {date}, giá {item} đồng loạt tăng thêm {amount}, mức tăng cao nhất trong nhiều tháng qua, tác động trực tiếp đến chi tiêu của người dân."
PRICE_NEWS_BODY = (
    "Theo các chuyên gia, nguyên nhân chủ yếu là giá đầu vào và chi phí vận chuyển tăng.",
    "Nhiều người lao động cho biết phải thắt chặt chi tiêu, cắt giảm các khoản không cần thiết.",
    "Tiểu thương tại các chợ nhận định giá nhiều mặt hàng thiết yếu khác có thể tăng theo.",
    "Cơ quan quản lý giá cho biết đang theo dõi sát thị trường và sẽ có biện pháp bình ổn khi cần thiết.",
    "Ghi nhận tại một số địa phương, sức mua giảm rõ rệt ngay trong ngày đầu điều chỉnh giá.",
)

# Notices and posts saved as text files by old office software. They avoid capital
# letters with tone marks at the start of words: TCVN3 has no such capitals.
LEGACY_NOTICES: tuple[tuple[str, str, str], ...] = (
    # (theme, concern, text)
    ("utilities", "utilities",
     "Thông báo tạm ngừng cung cấp nước\n\nDo thi công sửa chữa đường ống, khu vực {place} sẽ tạm ngừng cung cấp nước từ 22 giờ ngày {date} đến 5 giờ sáng hôm sau. Kính mong bà con chủ động trữ nước sinh hoạt.\n\nTrân trọng."),
    ("waste", "waste",
     "Thông báo lịch thu gom rác\n\nKể từ ngày {date}, xe thu gom rác tại {place} sẽ đi qua các tuyến hẻm từ 17 giờ đến 19 giờ hằng ngày. Bà con vui lòng để rác đúng giờ, đúng nơi quy định, không để rác qua đêm.\n\nBan điều hành khu phố."),
    ("health", "health",
     "Thông báo tiêm chủng\n\nTrạm y tế {place} tổ chức tiêm vắc xin cho trẻ em dưới 5 tuổi vào sáng ngày {date}. Phụ huynh mang theo sổ tiêm chủng khi đưa trẻ đến trạm.\n\nTrân trọng thông báo."),
    ("environment", "pollution",
     "Thông báo ra quân vệ sinh môi trường\n\nNhằm giữ gìn cảnh quan sạch đẹp, {place} phát động ngày chủ nhật xanh vào ngày {date}. Kính mời các hộ gia đình cùng tham gia dọn dẹp kênh rạch, đường phố quanh nhà.\n\nXin cảm ơn."),
    ("admin", "public_services",
     "Thông báo thay đổi giờ tiếp dân\n\nBộ phận một cửa {place} tiếp nhận hồ sơ cả buổi sáng thứ Bảy, bắt đầu từ ngày {date}. Người dân có thể đặt lịch trước qua cổng dịch vụ công để không phải chờ lâu.\n\nTrân trọng."),
    ("flooding", "flooding",
     "Kính gửi bà con khu phố\n\nTriều cường những ngày tới dự báo lên cao vào buổi chiều. Bà con {place} lưu ý kê cao đồ đạc, không để xe trong hẻm trũng thấp và báo ngay cho tổ dân phố khi cống thoát nước bị nghẹt.\n\nBan điều hành khu phố."),
)
