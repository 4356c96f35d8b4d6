"""Social posts on national themes: prices, jobs, scams, sport, entertainment, weather.

Slots: {prov} a province or city as people write it ("Sài Gòn", "tỉnh Bình Dương"),
and the details of `phrasing`. Each template carries its stance, sentiment and concern
so the truth follows the text rather than being guessed from it. Complaints and
questions may add a sentence from the theme's "details".
"""

from __future__ import annotations

# theme -> (concern or None, stance, sentiment, text)
GENERAL_POSTS: dict[str, tuple[tuple[str | None, str, str, str], ...]] = {
    "prices": (
        ("prices", "complaint", "negative", "Đi chợ {time} mà giật mình, [rau muống|bó cải ngọt|mớ rau lang] [20|25|18] nghìn một bó, [cái gì cũng lên giá|trứng cũng lên|{kin} than quá trời]."),
        ("prices", "complaint", "negative", "Lương không tăng mà tiền [điện|nước|gas], tiền học của {kid} cứ tăng đều đều[, tháng này {home} hụt {bill}|, {I} xoay không kịp]."),
        ("prices", "complaint", "negative", "Tiền thuê [nhà|phòng trọ] ở {prov} giờ [{wage} một tháng|ngốn gần nửa lương], [sống sao nổi|{I} tính dọn về quê|mà phòng chỉ [12|15] mét vuông]."),
        ("prices", "complaint", "negative", "Một tô [phở|bún bò|hủ tiếu] [gần {spot}|ở {prov}] giờ [55|60|65] nghìn, [ăn sáng thôi mà cũng thấy xót|{I} chuyển qua ăn xôi]."),
        ("prices", "complaint", "negative", "Bình gas [nhà {I}|12 ký] [lại lên|mới đổi hôm {weekday}] [gần 500 nghìn|hơn 480 nghìn], [nấu cơm cũng phải tính|tháng này chắc nấu ít lại]."),
        ("prices", "complaint", "negative", "[Sữa|Tã] cho {kid} [mới {kidage}|] [lên giá|tăng thêm {dozens} nghìn một hộp], [lương {I} có {wage}|hai vợ chồng làm không đủ]."),
        ("prices", "question", "neutral", "{folks} ở {prov} đi chợ mỗi tháng hết bao nhiêu? {home} [bốn người|{n} người] mà [tháng nào cũng hụt|xài {bill} một tuần]."),
        ("prices", "question", "neutral", "Ở {prov} chỗ nào [bán đồ khô|đi chợ sỉ|có chợ đêm] rẻ [rẻ|] không {folks}, {home} [đông miệng ăn|mới ra riêng|mới dọn về {lane}]?"),
        ("prices", "info", "neutral", "Giá vàng [hôm nay|{time}] lại lên, tiệm vàng [ở {prov}|trên {street}] [đông nghẹt người|xếp hàng ra tới lề đường|chen không lọt]."),
        ("prices", "praise", "positive", "Siêu thị gần [nhà|{spot}] ở {prov} đang giảm giá rau củ [cuối ngày|sau {clock}|cuối tuần], ai tiện ghé [mua nha|hốt liền]."),
    ),
    "jobs": (
        ("jobs_wages", "complaint", "negative", "Công ty [may|giày|điện tử] [ở {prov}|chỗ {I}] cho nghỉ việc hàng loạt, nợ lương [hai tháng|{n} tháng] chưa trả, [anh em công nhân khổ lắm|{I} còn nợ tiền trọ]."),
        ("jobs_wages", "complaint", "negative", "Tăng ca tới {late} mà lương tháng [vẫn|chỉ có] {wage}, không đủ [tiền nhà với tiền sữa cho {kid}|gửi về quê cho {kin}]."),
        ("jobs_wages", "complaint", "negative", "Ra trường [hai năm|{n} năm] ở {prov} mà chưa xin được việc đúng ngành, [nản thật sự|gửi hồ sơ {dozens} chỗ rồi|giờ đi chạy xe ôm]."),
        ("jobs_wages", "complaint", "negative", "[Xưởng may|Công ty điện tử|Xưởng gỗ] chỗ {I} [cắt tăng ca|cho nghỉ luân phiên] {days}, lương còn [{wage}|có mấy triệu], [tiền trọ còn chưa đủ|không biết xoay sao]."),
        ("jobs_wages", "question", "neutral", "Ở {prov} có chỗ nào tuyển lao động phổ thông không {folks}, {I} [cần gấp|nghỉ việc từ {weekday}][, {I} ngoài 40 vẫn làm tốt|, làm ca đêm cũng được|]."),
        ("jobs_wages", "question", "neutral", "[Có ai biết|Ai rành] [khu công nghiệp|xưởng nào] [ở {prov}|gần {spot}] [đang tuyển|cần người] [bao ăn ở|lương {wage} trở lên] không?"),
        ("jobs_wages", "praise", "positive", "Công ty {I} vừa tăng lương [8%|{pct}][ cho cả xưởng|, lại thêm tiền xăng xe|], vui ghê {folks} ơi!"),
        ("jobs_wages", "info", "neutral", "Ngày hội việc làm ở {prov} [cuối tuần này|{weekday} tới] có hơn [3.000|2.500|{dozens}00] vị trí[ ở {street}|], bạn nào cần thì đi nhé."),
    ),
    "scams": (
        ("scams", "complaint", "negative", "{kin} vừa bị gọi điện giả công an, nói dính tới [đường dây rửa tiền|một vụ án ma túy], bắt chuyển tiền vào tài khoản \"tạm giữ\". [May mà con cái can kịp.|Mất {lost} rồi {folks} ơi.]"),
        ("scams", "complaint", "negative", "[Nhận tin nhắn|{kin} nhận tin nhắn] báo trúng thưởng [{time}|hôm {weekday}], bấm vào đường link xong là tài khoản [bị trừ sạch tiền|mất {lost}]."),
        ("scams", "complaint", "negative", "Cảnh giác: có nhóm tuyển cộng tác viên \"việc nhẹ lương cao\" [trên Facebook|qua Zalo], bắt nạp tiền trước rồi chặn liên lạc luôn[, {neighbour} mất {lost}|]."),
        ("scams", "complaint", "negative", "[Đặt hàng online|Mua vé máy bay qua trang giả|Thuê homestay qua mạng], chuyển khoản [{lost}|cọc trước] xong [bị chặn Zalo|shop biến mất|gọi không ai bắt máy] luôn."),
        ("scams", "complaint", "negative", "Có đứa [giả|xưng là] [nhân viên điện lực|người của ngân hàng] gọi [{kin}|{I}] [lúc {clock}|{time}], đòi [cài ứng dụng|đọc mã OTP] [để hoàn tiền|kẻo bị cắt điện]."),
        ("scams", "request", "negative", "Đề nghị nhà mạng chặn [mấy số|mấy số đầu 08, 09] [điện thoại lừa đảo|giả danh ngân hàng] này giùm, [ngày nào cũng gọi|{kin} bị gọi] [{n} cuộc|từ {clock}|tới mấy lần][, {I} chặn số này thì số khác gọi|, phiền muốn điên|]."),
        ("scams", "question", "neutral", "Ai từng bị lừa qua mạng mà lấy lại được tiền chưa? {I} nên trình báo ở đâu[, mất {lost} rồi|, {kin} lỡ chuyển {time}|]?"),
        ("scams", "info", "neutral", "Chia sẻ để {folks} cảnh giác: không ai được yêu cầu cài ứng dụng lạ để \"cập nhật định danh\" cả[, {kin} suýt dính {time}|]."),
        ("scams", "praise", "positive", "Nhân viên ngân hàng [ở {prov}|] thấy giao dịch lạ nên gọi hỏi, chặn kịp [{lost}|] cho {kin}. Cảm ơn [chị|anh] nhiều lắm!"),
    ),
    "sport": (
        (None, "chat", "positive", "Trận tối qua đá hay quá, cả xóm [ở {prov}|trong {lw}] hò hét tới {late}!"),
        (None, "chat", "positive", "Tuyển Việt Nam thắng {rival} {score} rồi {folks} ơi! [Quá xứng đáng!|Bàn thắng {minute} đẹp mê ly!]"),
        (None, "chat", "negative", "[Hàng thủ|Hàng tiền vệ] chơi [lỏng lẻo|thiếu tập trung] quá, thua {rival} [vậy là đáng|{score} không oan]."),
        (None, "question", "neutral", "Có ai biết [tối nay|{weekday} này] trận [với {rival}|bóng đá] chiếu trên kênh nào không?"),
        (None, "chat", "positive", "Giải chạy bộ ở {prov} cuối tuần qua đông vui, [không khí cực kỳ sôi động|{I} chạy xong 10 cây số luôn|{kid} cũng chạy được 3 cây]."),
        (None, "chat", "positive", "[Sân bóng|Đội phong trào] [gần {spot}|ở {prov}] [vừa thắng giải phường|đá giao hữu] [{score}|], [anh em ăn mừng tới {late}|vui hết biết]."),
        ("other", "complaint", "negative", "Vé xem [bóng đá|trận gặp {rival}] vừa mở bán online đã hết sạch, chỉ còn vé chợ đen [giá gấp ba|{bill} một vé]."),
    ),
    "entertainment": (
        (None, "chat", "positive", "Phim mới ra rạp đáng xem thật sự, [khóc từ đầu tới cuối|{I} xem với {kin} mà cả hai cùng khóc|suất {clock} vẫn kín chỗ]."),
        (None, "chat", "positive", "Đêm nhạc tối qua ở {prov} quá đỉnh, cháy hết mình luôn[, đứng từ [6 giờ chiều|7 giờ tối|chiều] tới cuối|]!"),
        (None, "chat", "negative", "Chương trình thực tế dạo này toàn drama, [xem chán ghê|coi được {n} tập là bỏ]."),
        (None, "question", "neutral", "[Cuối tuần này|{weekday} này] ở {prov} có hội chợ ẩm thực nào không {folks}[, {home} muốn dẫn {kid} đi chơi|]?"),
        (None, "chat", "negative", "Ca sĩ hát live đuối quá, tiếc tiền vé ghê[, {I} mua tận {bill}|, đứng chờ từ {clock}|]."),
        (None, "chat", "positive", "[Hội hoa xuân|Lễ hội ẩm thực|Phố đi bộ] ở {prov} [tối qua|{time}] [đông vui|đẹp lung linh], {I} [dẫn {kid} đi|đi với {kin}] [tới {late} mới về|chụp hình mỏi tay]."),
    ),
    "weather": (
        (None, "info", "neutral", "{prov} {time} mưa [to|như trút nước] quá, [ai ra đường|đi làm về|đón con] nhớ mang áo mưa nha."),
        (None, "chat", "positive", "Trời [hôm nay|sáng nay|mấy bữa nay] [mát mẻ|se lạnh] dễ chịu ghê[, đúng chất mùa thu|][ ở {prov}|]."),
        (None, "chat", "negative", "Nắng nóng oi bức cả ngày[, {prov} lên tới {hot}|], tối nằm cũng không ngủ được."),
        (None, "question", "neutral", "Nghe nói sắp có áp thấp nhiệt đới, {prov} có bị ảnh hưởng không {folks}?"),
        (None, "info", "neutral", "[Mưa đá|Giông lốc|Mưa to kèm sấm sét] ở {prov} [lúc {clock}|{time}], [cây đổ trên {street}|tôn bay mấy mái], {folks} [cẩn thận|hạn chế ra đường] nha."),
        (None, "chat", "negative", "[Cả tuần|{days}] [ở {prov}|] [mưa dầm dề|mưa rả rích], [đồ phơi không khô|{kid} đi học ướt hoài], [chán ghê|mệt thật]."),
    ),
}

# Sentences a post on the theme may add, by the post's sentiment.
GENERAL_DETAILS: dict[str, dict[str, tuple[str, ...]]] = {
    "prices": {
        "negative": (
            "[Sáng nay|{time}] {I} [ghé|ra] chợ [gần {spot}|đầu {lw}], [cầm {bill}|cầm 200 nghìn] mà [về tay không mấy món|chỉ mua được mớ rau với ký thịt].",
            "[Tiền điện|Tiền nước] tháng này {home} [lên {bill}|gần gấp rưỡi tháng trước] dù [xài y như cũ|đi làm cả ngày].",
            "{kid} [xin tiền đóng học thêm|đòi mua sữa] mà {I} [phải hẹn cuối tháng|đành khất lại].",
            "[Chị bán rau|Cô bán thịt] [ở chợ|đầu {lw}] cũng than [vắng khách|lỗ] {days}, ai cũng [khổ|co kéo].",
            "[Hồi đầu năm|Năm ngoái] {bill} đi chợ được [cả tuần|mấy bữa], giờ [chỉ đủ hai ngày|không đủ nữa].",
            "{home} [đã cắt|bỏ luôn] [cà phê sáng|tiền ăn vặt của {kid}] rồi mà vẫn [không đủ|hụt].",
            "[Lương {I}|Lương hai vợ chồng] [có {wage}|cộng lại chưa tới 15 triệu], trừ tiền nhà là [hết|còn chẳng bao nhiêu].",
            "{kin} đi chợ về [than hoài|cứ lắc đầu], [cái gì cũng đắt|mua có mấy món mà hết tiền].",
            "[Ổ bánh mì|Ly cà phê] [đầu {lw}|gần {spot}] cũng [lên thêm 5 nghìn|tăng giá từ {weekday}].",
            "{I} [ghi sổ chi tiêu|tính lại] thì [tháng này lố {bill}|tiền chợ tăng gần gấp rưỡi].",
        ),
        "neutral": (
            "{home} [có {n} người|đông miệng ăn], [chủ yếu nấu cơm nhà|ít khi ăn ngoài].",
            "[Hồi trước|Năm ngoái] {I} [đi chợ sỉ|mua ở chợ gần {spot}] thấy [rẻ hơn|cũng đỡ].",
            "Ai có [mẹo|kinh nghiệm] [tiết kiệm|đi chợ] thì chia sẻ [với|giúp] {I} nha.",
        ),
        "positive": (
            "[Hôm qua|{time}] {I} [mua được|hốt] [cả túi rau|mấy ký cà chua] [có {dozens} nghìn|rẻ bất ngờ].",
            "Đi [lúc {clock}|sau giờ tan tầm] là [còn nhiều|giảm tới nửa giá], {folks} tranh thủ.",
        ),
    },
    "jobs": {
        "negative": (
            "[Tháng này|Kỳ lương này] {I} [chỉ nhận được|cầm về có] {wage}, [gửi về quê cho {elder} xong là hết|tiền trọ {bill} chưa đóng].",
            "[Xưởng|Công ty] [ở {street}|gần {spot}] [cho nghỉ {n} ngày mỗi tuần|cắt luôn tiền chuyên cần], [anh em ai cũng lo|{I} tính về quê].",
            "{I} [xin|chạy] thêm [giao hàng|phụ quán] [buổi tối|tới {late}] mà [vẫn không đủ|chỉ đắp đổi qua ngày].",
            "[Tiền trọ|Tiền học của {kid}] [tới hạn rồi|chưa đóng], {I} [không biết xoay đâu|phải vay mượn].",
            "[Hỏi công đoàn|Lên phòng nhân sự hỏi] thì [bảo chờ|ậm ừ cho qua].",
            "{I} làm ở đó [{n} năm|gần chục năm] rồi, [giờ {age} tuổi biết xin việc đâu|chưa từng thấy vậy].",
            "[Anh em|Mấy chị] cùng [chuyền|tổ] [nghỉ gần hết|về quê {n} người rồi].",
            "Lương [cơ bản|tháng rồi] [có {wage}|chưa tới 6 triệu], [trừ bảo hiểm là hết|không đủ tiền sữa].",
        ),
        "neutral": (
            "{I} [năm nay {age} tuổi|mới ra trường], [biết chạy máy may|có bằng lái xe], làm ca đêm cũng được.",
            "[Ở {prov}|Gần {spot}] có chỗ nào [bao cơm trưa|có xe đưa rước] thì tốt quá.",
            "[Bạn|Anh chị] nào biết [xưởng|công ty] nào [đang tuyển|cần người] thì [nhắn|chỉ] {I} với.",
        ),
        "positive": (
            "[Tết này|Cuối năm] chắc [có thưởng|được về quê sớm], [mừng ghê|vui lắm].",
            "[Sếp|Quản lý] [mới hứa|còn thông báo] [tăng ca có phụ cấp|thêm tiền xăng xe], {I} [thấy có động lực|làm hăng hẳn].",
        ),
    },
    "scams": {
        "negative": (
            "[Lúc đó|{time}] {elder} [đang ở nhà một mình|vừa đi chợ về], [run quá|sợ quá] nên [làm theo hết|đọc luôn mã OTP].",
            "Tụi nó [nhắn qua Zalo|gọi video] [bằng tài khoản giống hệt|xưng tên] [{neighbour}|người quen] nên ai mà [không tin|nghi ngờ gì].",
            "[Ngân hàng|Tổng đài] [bảo chờ|hẹn] [{n} ngày làm việc|tới {weekday}] mới [trả lời|tra soát] được.",
            "Số gọi tới [đầu 08|là số lạ] mà [nói giọng rất tự tin|biết cả số căn cước].",
            "Trình báo công an [rồi|xong] mà [chưa biết có lấy lại được không|họ nói khó lắm].",
            "{kin} [lớn tuổi|{age} tuổi] rồi, [nghe dọa là sợ|đâu biết mấy chiêu này].",
            "Tụi nó [gửi cả hình|làm giả] [thẻ ngành|giấy triệu tập] nhìn [y như thật|rất chuyên nghiệp].",
            "[Tiền|Số tiền] đó là [tiền dành dụm|tiền lương] [cả năm|mấy tháng] của {home}.",
        ),
        "neutral": (
            "{I} [đã|] [gọi ngân hàng|báo tổng đài] [khóa tài khoản|chặn thẻ] [ngay|lúc {clock}].",
            "[Nghe|Thấy] [báo|trên mạng] nói [chiêu này|kiểu lừa này] [đang rộ|nhiều lắm] ở {prov}.",
        ),
        "positive": (
            "[Chị|Anh] nhân viên còn [dặn|chỉ] {kin} [cách nhận biết|đừng bấm link lạ].",
            "[May|Hên] mà [phát hiện sớm|kịp gọi ngân hàng], [không mất đồng nào|giữ lại được tiền].",
        ),
    },
    "sport": {
        "positive": (
            "[Quán cà phê|Quán nhậu] [gần {spot}|đầu {lw}] [chật kín|kín bàn] từ [7 giờ tối|lúc chưa đá], [đông như hội|ai cũng mặc áo đỏ].",
            "{I} với {kin} [ôm nhau|nhảy cẫng lên] lúc [bàn thắng|cú sút] {minute}, [đổ cả ly trà đá|hàng xóm tưởng có chuyện].",
            "[Khúc|Đoạn] {street} [tối đó|sau trận] [kẹt cứng vì người đi bão|rợp cờ đỏ sao vàng] tới {late}.",
            "[Cả nhà|Cả xóm] {I} [ngồi xem|mở loa] [ngoài quán cà phê|trước hiên nhà], [hò hét khản cổ|vui như Tết].",
            "Bàn thắng {minute} [đẹp như mơ|đúng kiểu sút xa sấm sét], {I} [xem lại|coi lại] [mấy lần|hoài] chưa chán.",
            "{kid} [mới {kidage}|] mà cũng [thức|ngồi] xem tới [cuối trận|{clock}], [hét còn to hơn ba|mê ghê].",
            "[Sau trận|Xong trận] [cả đám|anh em] [đi bão|chạy vòng] [qua {street}|quanh {spot}] tới khuya.",
        ),
        "negative": (
            "[Hiệp hai|Cuối trận] [đá như đi bộ|mất tập trung], [để thủng lưới|bị gỡ] {minute} [tức muốn xỉu|ức chế thật sự].",
            "{I} [bỏ ngủ|thức tới {late}] để xem mà [coi xong|về] chỉ muốn [đi ngủ luôn|tắt tivi].",
            "[Huấn luyện viên|Ban huấn luyện] [thay người|xếp đội hình] [khó hiểu|kỳ quá], [bao nhiêu người góp ý rồi|nói hoài không nghe].",
        ),
        "neutral": (
            "[Nhà|Chỗ] {I} [không có truyền hình cáp|mới cắt gói truyền hình], [chỉ xem online được|xem trên điện thoại].",
            "[Tối đó|Hôm đó] {I} [làm ca|trực] tới {late}, [tiếc không xem trực tiếp|chắc coi lại sau].",
        ),
    },
    "entertainment": {
        "positive": (
            "[Vé|Cặp vé] {I} [săn|mua] [từ {weekday} tuần trước|lúc {clock}], [may mà còn|chỉ còn hàng ghế đầu].",
            "{kin} [vốn không thích|ít khi đi] [mấy vụ này|xem ca nhạc, coi phim] mà [cũng khen nức nở|về còn hỏi khi nào đi nữa].",
            "[Gửi xe|Chỗ gửi xe] [ở {spot}|gần {street}] [đông nghẹt|xếp hàng dài] nhưng [có người hướng dẫn|đi vô cũng nhanh].",
            "{I} đi [với {kin}|cùng đám bạn] [tối {weekday}|cuối tuần rồi], [chỗ nào cũng kín|vui hết biết].",
            "[Đoạn cuối|Phần kết] [hay|xúc động] tới mức {I} [về kể hoài|nổi da gà].",
            "[Vé|Giá vé] [hơi mắc|{bill}] mà [đáng đồng tiền|không tiếc chút nào].",
            "[Về nhà|Trên đường về] {I} với [{kin}|đám bạn] [còn bàn tán mãi|cứ nhắc hoài].",
        ),
        "negative": (
            "{I} [mua vé|đặt chỗ] [tận {bill}|trước cả tháng] mà [ngồi chán muốn ngủ|về tiếc tiền].",
            "[Âm thanh rè rè|Nội dung lủng củng], [nhiều người|mấy người ngồi cạnh] [bỏ về sớm|ngồi bấm điện thoại].",
            "[Quảng cáo|Truyền thông] [rầm rộ|ầm ĩ] mà [xem rồi mới thấy|hóa ra] [bình thường|chẳng có gì].",
        ),
        "neutral": (
            "{home} [có {kid}|mấy đứa nhỏ], [đi chỗ nào có trò chơi|gần {spot}] thì tiện.",
            "[Nghe|Thấy] [bạn bè|đồng nghiệp] [rủ|nói] mà {I} [chưa biết ở đâu|chưa rõ giờ giấc].",
        ),
    },
    "weather": {
        "neutral": (
            "[Đi làm về|Đón {kid} về] [lúc {clock}|{time}] mà [ướt như chuột lột|áo mưa không đỡ nổi].",
            "[Khúc|Đoạn] gần {spot} [nước lên tới {depth}|cây đổ chắn nửa đường], [xe chết máy quá trời|đi vòng cho chắc].",
            "{home} ở {mylane} [mất điện|cúp điện] từ [{clock}|lúc mưa lớn] tới giờ [chưa có lại|vẫn tối thui].",
            "[Khúc|Đoạn] {street} [đọng nước|ngập] [rồi|tới {depth}], [đi chậm thôi|coi chừng ổ gà].",
            "[Mới|Vừa] [phơi đồ|giặt đồ] xong là [mưa|trời sụp tối], [chạy rút không kịp|ướt hết].",
            "{kid} đi học về [ướt nhẹp|ướt từ đầu tới chân] [dù có áo mưa|vì quên áo mưa].",
            "[Gió|Sấm sét] [to|dữ] [lắm|quá], [cây {spot} gãy cành|mất điện một lúc].",
        ),
        "positive": (
            "[Sáng|Chiều] {I} [đi bộ quanh {spot}|chạy xe ra {street}] mà [thấy khoan khoái|muốn đi hoài].",
            "[Tắt quạt|Khỏi bật máy lạnh] [mấy bữa nay|cả tuần], [tiền điện chắc giảm|đỡ tốn].",
            "[Trời|Không khí] [trong veo|dịu], [ngồi cà phê|hóng gió] [ở {spot}|ngoài hiên] là hết ý.",
        ),
        "negative": (
            "[Ra|Đứng] [đường|ngoài chợ] [lúc {clock}|buổi trưa] [năm phút|một chút] là [mồ hôi ướt áo|chóng mặt].",
            "{elder} [lớn tuổi rồi|{age} tuổi], [nóng vậy|trời này] [mệt lả|huyết áp lên xuống thất thường].",
            "[Nhiệt độ|Trời] [lên tới {hot}|nóng như lò], [bật quạt cũng ra gió nóng|máy lạnh chạy không nổi].",
            "{kid} [nổi rôm|ngủ không được] [cả đêm|mấy bữa nay], {I} [ngồi quạt tới {late}|thương gì đâu].",
            "Tiền điện [tháng này|kỳ rồi] [lên {bill}|tăng vọt] vì [chạy máy lạnh|bật quạt] suốt ngày.",
        ),
    },
}

GENERAL_THEME_WEIGHTS = {
    "prices": 0.2,
    "jobs": 0.14,
    "scams": 0.14,
    "sport": 0.18,
    "entertainment": 0.18,
    "weather": 0.16,
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
