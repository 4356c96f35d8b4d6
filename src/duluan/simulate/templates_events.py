"""Texts for the planted events, and the notices written in legacy encodings.

Event posts use the same slots as local posts ({place}, {lane}, {road}, {time});
price and rumour texts use {item}, {amount}, {prov}.
"""

from __future__ import annotations

from dataclasses import dataclass

# Each: (stance, sentiment, text); syntax as in `phrasing`.
FLOOD_SURGE_POSTS: tuple[tuple[str, str, str], ...] = (
    ("complaint", "negative", "Triều cường lên cộng thêm mưa, {lane} ở {place} ngập tới {depth}, nước tràn vào tận nhà[ từ {clock}|]."),
    ("complaint", "negative", "Ngập nước ở {place} {time} không rút nổi, cống thoát nước nghẹt cứng mà chưa ai xuống xử lý."),
    ("complaint", "negative", "[Ba|Bốn|Mấy] ngày liền {road} ở {place} ngập nước, con nít không đi học được, người lớn không đi làm được."),
    ("complaint", "negative", "Nước từ cống thoát nước trào ngược lên đen ngòm, hôi thối cả {lane}, {place}[, {I} phải đóng kín cửa|]."),
    ("complaint", "negative", "Triều cường đợt này ở {place} cao hơn mọi năm, nhà nào thấp là coi như ngập trong nhà[, {home} cũng không thoát|]."),
    ("complaint", "negative", "Xe chết máy hàng loạt ở {road}, {place}, [thợ sửa xe làm không kịp|tiệm sửa xe đầu {lw} xếp hàng dài]."),
    ("complaint", "negative", "Ở {place} mà không có đôi ủng với cái áo mưa thì khỏi ra đường mấy bữa nay. [Ngập nước hoài!|Ngập tới {depth} luôn.]"),
    ("complaint", "negative", "[Chiều nào|Cứ tầm {clock}] nước cũng dâng vô {lane}, {place}, {home} [kê đồ lên gạch|dọn lên gác] {days} rồi."),
    ("complaint", "negative", "{I} ở {place} [hơn chục năm|từ nhỏ] mà chưa thấy đợt triều cường nào [ngập dữ vậy|kéo dài như vầy]."),
    ("request", "negative", "Khẩn thiết đề nghị chính quyền {place} cho xe hút nước và khơi thông cống thoát nước ở {lane} ngay."),
    ("request", "neutral", "Kính mong lãnh đạo {place} xuống tận nơi xem bà con lội nước thế nào, triều cường mấy hôm nay quá nặng."),
    ("question", "neutral", "Ai ở {place} cho hỏi {road} còn ngập không, {I} cần chở {kin} đi bệnh viện."),
    ("question", "neutral", "Lịch triều cường mấy ngày tới ra sao {folks}? Ở {place} nước lên mỗi chiều[ tầm {clock}|]."),
    ("info", "neutral", "Cập nhật: {road} ở {place} {time} vẫn ngập khoảng [40 phân|{depth}], {folks} tránh đi qua nhé."),
)

# Sentences the flood posts add besides the flooding details of `texts_local_a`.
FLOOD_SURGE_DETAILS = (
    "Triều lên [đúng giờ tan tầm|lúc {clock}], [xe cộ chôn chân|ai cũng dắt bộ].",
    "[Máy bơm|Cái máy bơm mới mua] chạy [suốt đêm|tới {late}] mà nước [vẫn không xuống|vô lại liền].",
    "{neighbour} [phải chất bao cát|xây bậc cao] trước cửa mà [không ăn thua|nước vẫn tràn].",
)

RUBBISH_POSTS: tuple[tuple[str, str, str], ...] = (
    ("complaint", "negative", "Rác không ai thu gom {days} ở {lane}, {place}, chất thành đống cao [ngang đầu gối|tới hông]."),
    ("complaint", "negative", "Mấy hôm nay xe rác không tới {place}, mùi hôi bốc lên tận [trong nhà|phòng ngủ]."),
    ("complaint", "negative", "Điểm tập kết rác ở {road}, {place} tràn ra giữa đường, xe chạy qua phải lách[, tối qua có người té|]."),
    ("complaint", "negative", "Rác không ai thu gom, chó mèo bới tung, ruồi bu đen kịt. {place} đây {folks} ơi."),
    ("complaint", "negative", "Đóng phí rác đầy đủ mà [cả tuần|{days}] không thấy ai tới lấy. Bà con {place} bức xúc lắm."),
    ("complaint", "negative", "[Trước cửa|Đầu] {lane} ở {place} giờ thành bãi rác, [{kid} đi học phải bịt mũi|người đi ngang phải nín thở]."),
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
    reactions: tuple[str, ...] = ()  # what a poster may add to the claim


RUMOURS: tuple[Rumour, ...] = (
    Rumour(
        "id_card_fee",
        "public_services",
        "Từ tháng sau người dân phải nộp 200.000 đồng mỗi lần cập nhật thông tin căn cước tại phường.",
        (
            "[Nghe nói|Nghe đồn|{neighbour} nói] từ tháng sau lên phường cập nhật thông tin căn cước phải nộp 200 nghìn một lần. [Cái gì cũng thu tiền!|Thu gì lắm vậy trời.]",
            "Thật không vậy? Cập nhật căn cước mà mất 200 nghìn, [nhà {I} {n} người|nhà 5 người] là [cả triệu|1 triệu] rồi.",
            "{folks} chia sẻ cho nhau biết: tháng sau cập nhật căn cước ở phường phải đóng 200.000 đồng[, ai chưa làm thì làm liền đi|].",
            "Vô lý hết sức, cập nhật thông tin của chính mình mà cũng bắt nộp phí 200 nghìn[, dân đóng thuế để làm gì|].",
            "Bà con {prov} ơi, tranh thủ đi cập nhật căn cước trước khi bị thu phí 200 nghìn nha!",
            "[Sáng nay|{time}] {I} [ra phường|ghé công an phường] thấy [xếp hàng dài|đông nghẹt], hỏi ra mới biết tháng sau cập nhật căn cước [mất|tốn] 200 nghìn.",
        ),
        (
            "Tin đồn thu phí 200 nghìn cập nhật căn cước là sai nhé {folks}, công an đã lên tiếng rồi.",
            "Đã có thông tin chính thức: cập nhật căn cước không thu phí. [Đừng chia sẻ tin sai nữa|Ai lỡ share thì gỡ giùm nha].",
            "May quá, [hỏi cán bộ phường rồi|{I} vừa gọi lên phường hỏi], không có khoản phí 200 nghìn nào hết[, {folks} yên tâm|].",
            "[Báo chính thống|Trang của công an] [đăng rồi|đã đính chính]: cập nhật căn cước miễn phí, [đừng tin mấy trang câu view|tin đồn 200 nghìn là bịa].",
            "{I} [vừa|mới] đi cập nhật căn cước [cho {kin}|xong] [sáng nay|{time}], không mất đồng nào hết {folks} ạ.",
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
        (
            "{home} [có {n} người|đông người], [tính ra|cộng lại] [cũng gần cả triệu|mất bộn tiền] chứ ít gì.",
            "{kin} [lớn tuổi|{age} tuổi] rồi, [đi lại khó khăn|đâu có rành], giờ còn bị thu [tiền|phí] nữa.",
            "[Hỏi|Nhắn hỏi] tổ trưởng thì [chưa rõ|bảo chưa nghe], mà [ai cũng|trên nhóm ai cũng] nói vậy.",
        ),
    ),
    Rumour(
        "school_record_fee",
        "education",
        "Học sinh phải nộp 1,5 triệu đồng phí số hóa học bạ ngay trong học kỳ này.",
        (
            "Phụ huynh ơi, [nghe nói|nghe bên nhóm lớp nói] học kỳ này mỗi em phải đóng 1,5 triệu tiền số hóa học bạ. [Lại thêm một khoản!|Thu hoài vậy trời.]",
            "Học bạ điện tử mà thu tới 1,5 triệu một em, nhà có hai đứa là 3 triệu, lấy đâu ra[, lương {I} có {wage}|].",
            "Có ai nhận được thông báo đóng phí số hóa học bạ 1,5 triệu chưa? [Bức xúc quá.|Lớp {kid} vừa báo xong.]",
            "Chia sẻ cho các phụ huynh ở {prov}: trường sắp thu phí số hóa học bạ 1,5 triệu đồng[, ai biết gì thêm thì nói với|].",
            "Đủ thứ tiền đầu năm rồi giờ thêm phí học bạ số. [Giáo dục gì mà toàn thu với thu.|Phụ huynh đâu phải cây ATM.]",
            "[Tối qua|{time}] nhóm Zalo lớp {kid} [rần rần|bàn tán] chuyện đóng 1,5 triệu làm học bạ số, [ai cũng ngán|{I} đọc mà choáng].",
        ),
        (
            "Sở Giáo dục xác nhận không có khoản phí số hóa học bạ nào hết, phụ huynh yên tâm nha.",
            "Tin thu 1,5 triệu tiền học bạ điện tử là tin giả đó {folks}, đừng chuyển tiền cho ai.",
            "Cô chủ nhiệm [của {kid}|] vừa nhắn nhóm lớp: học bạ số miễn phí hoàn toàn, ai thu tiền là lừa đảo.",
            "[Đã có|Có] văn bản chính thức rồi: học bạ số không thu đồng nào, [phụ huynh đừng hoang mang|ai nhắn đòi tiền là lừa đảo].",
            "{I} hỏi [thẳng|trực tiếp] hiệu trưởng rồi, [không có|chẳng có] khoản phí học bạ nào hết, [tin đồn thôi|đừng share nữa] {folks}.",
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
        (
            "{home} [hai đứa|{n} đứa] đi học, [tiền học thêm còn chưa đóng xong|đầu năm đã tốn mấy triệu].",
            "Lương {I} [có {wage}|chưa tới 10 triệu], [lo cho con ăn học đã mệt|đóng thêm khoản này là hụt].",
            "[Hỏi|Nhắn hỏi] cô [giáo|chủ nhiệm] thì [cô chưa trả lời|cô bảo chờ trường báo].",
        ),
    ),
    Rumour(
        "old_motorbike_ban",
        "traffic",
        "Xe máy trên 10 năm tuổi sẽ bị cấm lưu thông từ tháng sau và phải nộp phí kiểm định khí thải 1 triệu đồng.",
        (
            "Từ tháng sau xe máy trên 10 năm bị cấm chạy, muốn chạy tiếp phải nộp 1 triệu kiểm định khí thải. [Người nghèo sống sao?|Dân lao động lấy gì mà sống?]",
            "{vehicle} của {I} chạy [12 năm|{n} năm|hơn chục năm] rồi, giờ cấm là lấy gì đi làm. Bức xúc thật sự!",
            "Nghe nói sắp cấm xe máy cũ, ai có xe đời cũ lo mà bán sớm đi[, {neighbour} bán rồi đó|].",
            "Thu phí kiểm định xe máy 1 triệu một chiếc, có ai xác nhận chưa? [Nhà {I} ba chiếc xe cũ.|{home} có {n} chiếc lận.]",
            "Bà con {prov} chú ý: xe máy trên 10 năm sắp bị cấm lưu thông, chia sẻ cho {folks} biết.",
            "[Chạy xe ôm|Bán hàng rong] bằng chiếc xe [cũ|đời 2010] mà giờ [nghe|đồn] cấm xe trên 10 năm, {I} [mất ngủ mấy đêm|không biết tính sao].",
        ),
        (
            "Chưa có quy định nào cấm xe máy trên 10 năm từ tháng sau nhé, tin đồn thôi.",
            "Cơ quan chức năng bác bỏ rồi, đừng hoảng mà bán xe với giá rẻ[, {neighbour} lỡ bán mất rồi|].",
            "Đọc báo chính thống mới thấy tin cấm xe máy cũ là sai, mấy trang câu view làm người ta hoang mang.",
            "[Tin|Chuyện] cấm xe máy cũ là [bịa|sai] {folks} ơi, [cơ quan quản lý|Sở] [đính chính|nói rõ] rồi, [ai lỡ share thì gỡ đi|đừng bán xe chạy tin đồn].",
            "{I} [hỏi|gọi] [cảnh sát giao thông|đường dây nóng] rồi, chưa có [quy định|chủ trương] nào [cấm|thu phí] [xe máy cũ|kiểm định xe máy] hết.",
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
        (
            "{I} [chạy giao hàng|bán vé số] [nuôi cả nhà|mấy năm nay] nhờ {vehicle} này đó.",
            "Tiệm xe cũ [gần {spot}|đầu {lw}] [ép giá|trả có] [mấy triệu|rẻ như cho], [bán cũng không được|tức ghê].",
            "{kin} [năm nay|] {age} tuổi, [đi chợ|đi khám] toàn nhờ chiếc xe [cũ|đời cũ] đó.",
        ),
    ),
)

PRICE_ITEMS: tuple[tuple[str, str, str], ...] = (
    # (key, item as said, amount of the rise)
    ("petrol", "xăng", "1.200 đồng mỗi lít"),
    ("pork", "thịt heo", "20.000 đồng mỗi ký"),
)

PRICE_POSTS: tuple[tuple[str, str, str], ...] = (
    ("complaint", "negative", "Giá {item} lại tăng {amount}, lương thì đứng yên. [Không biết cắt giảm chỗ nào nữa.|{home} chắc phải ăn uống dè xẻn lại.]"),
    ("complaint", "negative", "{item} tăng giá kéo theo cái gì cũng tăng, đi chợ [200 nghìn|{bill}] không còn đủ mua đồ ăn [hai bữa|cho cả nhà]."),
    ("complaint", "negative", "Ở {prov} giá {item} tăng mà quán ăn cũng tăng giá theo luôn[, tô hủ tiếu lên 5 nghìn|], khổ người làm công ăn lương."),
    ("complaint", "negative", "Tăng {amount} nghe thì ít, nhưng cộng cả tháng là một khoản [lớn|không nhỏ] với {home}."),
    ("complaint", "negative", "[Mới đầu tháng|Tháng này] mà {item} [đã tăng|lên thêm] {amount}, [lương {I} có {wage}|đồng lương còm] [biết đỡ sao nổi|không theo kịp]."),
    ("question", "neutral", "Giá {item} đợt này tăng tới bao giờ vậy {folks}? Có ai biết tuần sau giảm không?"),
    ("info", "neutral", "Cập nhật: giá {item} từ [hôm nay|{time}] tăng {amount}, {folks} tính toán chi tiêu nhé."),
    ("chat", "neutral", "[Thôi thì|Thôi] thắt lưng buộc bụng [vậy|thôi]."),
)

# Sentences a complaint or question about the rise may add.
PRICE_DETAILS = (
    "[Lương {I}|Thu nhập của {home}] [có {wage}|chưa tới 10 triệu], [tiền nhà đã hết phân nửa|nuôi {kid} đi học nữa].",
    "{kin} [đi chợ về|mới hỏi giá] mà [than quá trời|cứ lắc đầu].",
    "Tháng trước [chi|đi chợ] [tầm {bill}|chừng 3 triệu] là đủ, tháng này [chắc phải thêm cả triệu|không biết ra sao].",
)

# Lines only one kind of price rise can carry.
PRICE_POSTS_BY_ITEM: dict[str, tuple[tuple[str, str, str], ...]] = {
    "petrol": (
        ("complaint", "negative", "[Sáng nay|{time}] đổ xăng mới thấy giá lên, chạy xe ôm công nghệ giờ [lỗ là chắc|trừ xăng còn chẳng bao nhiêu]."),
        ("complaint", "negative", "Đổ đầy bình cho {vehicle} giờ [gần 100 nghìn|hơn 90 nghìn], [tuần đổ hai lần|mỗi ngày chạy mấy chục cây số] thì tính coi."),
        ("chat", "neutral", "Từ mai đi làm bằng xe buýt thôi, xăng lên hoài chịu sao nổi."),
    ),
    "pork": (
        ("complaint", "negative", "[Sáng nay|{time}] ra chợ, cô bán thịt nói heo lên giá nữa rồi, mua có [nửa ký|hai lạng] mà xót."),
        ("complaint", "negative", "Thịt ba rọi [giờ|ở chợ gần {spot}] [hơn 150 nghìn|gần 160 nghìn] một ký, {home} [đông người|{n} người] ăn sao đủ."),
        ("chat", "neutral", "Tuần này {home} chuyển qua ăn cá với đậu hũ, thịt heo đắt quá."),
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
    # (theme, concern, text); syntax as in `phrasing`, {date} the day it takes effect.
    ("utilities", "utilities",
     "Thông báo tạm ngừng cung cấp nước\n\nDo [thi công sửa chữa|thay mới|di dời] đường ống [trên {street}|tại {lane}|khu vực gần {spot}], khu vực {place} sẽ tạm ngừng cung cấp nước từ [22 giờ|21 giờ|23 giờ] ngày {date} đến [5 giờ|4 giờ|6 giờ] sáng hôm sau. Kính mong bà con chủ động trữ nước sinh hoạt[ và khóa van tổng trước giờ cúp nước|].\n\n[Trân trọng.|Xin cảm ơn.|Ban điều hành khu phố {n}.]"),
    ("waste", "waste",
     "Thông báo lịch thu gom rác\n\nKể từ ngày {date}, xe thu gom rác tại {place} sẽ đi qua [các tuyến hẻm|{lane} và các hẻm lân cận|{street}] từ [17 giờ đến 19 giờ|16 giờ 30 đến 18 giờ 30|18 giờ đến 20 giờ] hằng ngày. Bà con vui lòng để rác đúng giờ, đúng nơi quy định, không để rác qua đêm[, rác phải bỏ trong túi buộc kín|].\n\n[Ban điều hành khu phố.|Tổ dân phố số {num}.|Trân trọng thông báo.]"),
    ("health", "health",
     "Thông báo tiêm chủng\n\nTrạm y tế {place} tổ chức tiêm vắc xin [cho trẻ em dưới 5 tuổi|sởi cho trẻ từ 1 đến 5 tuổi|phòng cúm cho người trên 60 tuổi] vào [sáng|chiều] ngày {date}[, tại nhà văn hóa khu phố|]. [Phụ huynh mang theo sổ tiêm chủng khi đưa trẻ đến trạm.|Người dân mang theo căn cước và sổ khám bệnh.]\n\n[Trân trọng thông báo.|Trạm y tế phường.]"),
    ("environment", "pollution",
     "Thông báo ra quân vệ sinh môi trường\n\nNhằm giữ gìn cảnh quan sạch đẹp, {place} phát động ngày chủ nhật xanh vào ngày {date}[, tập trung lúc 7 giờ sáng tại {spot}|]. Kính mời các hộ gia đình cùng tham gia dọn dẹp [kênh rạch, đường phố quanh nhà|{street} và các tuyến hẻm|bãi đất trống gần {spot}].\n\n[Xin cảm ơn.|Ban vận động khu phố.]"),
    ("admin", "public_services",
     "Thông báo thay đổi giờ tiếp dân\n\nBộ phận một cửa {place} tiếp nhận hồ sơ cả buổi sáng thứ Bảy, bắt đầu từ ngày {date}[, từ 7 giờ 30 đến 11 giờ 30|]. Người dân có thể đặt lịch trước qua cổng dịch vụ công để không phải chờ lâu[; người cao tuổi được ưu tiên|].\n\n[Trân trọng.|Văn phòng phường.]"),
    ("flooding", "flooding",
     "Kính gửi bà con khu phố\n\nTriều cường những ngày tới dự báo lên cao vào buổi [chiều|tối][, đỉnh triều khoảng {clock}|]. Bà con {place} lưu ý kê cao đồ đạc, không để xe trong hẻm trũng thấp và báo ngay cho tổ dân phố khi cống thoát nước [bị nghẹt|ở {lane} bị nghẹt].\n\n[Ban điều hành khu phố.|Tổ dân phố số {num}.]"),
)
