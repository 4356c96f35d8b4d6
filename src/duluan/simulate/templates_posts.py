"""Social posts about local concerns, by concern and stance.

Slots: {place} a ward or district as people write it, {lane} a small street ("hẻm 42",
"ngõ 168", "kiệt 27"), {road} a stretch of road, {time} when it happened.
Stances: complaint ("bức xúc", grumbling), request ("kiến nghị", asking the authorities),
question, praise and info. A text may start with a slot; the composer capitalises it.
"""

from __future__ import annotations

LOCAL_POSTS: dict[str, dict[str, tuple[str, ...]]] = {
    "flooding": {
        "complaint": (
            "Chiều nay mưa chưa tới nửa tiếng mà {lane} ở {place} đã ngập tới mắt cá, xe chết máy nằm la liệt.",
            "Cứ mưa là {road} ở {place} thành sông, nước tràn cả vào nhà. Năm nào cũng vậy mà chưa thấy ai giải quyết.",
            "Cống thoát nước ở {lane}, {place} nghẹt rác lâu rồi, mưa xuống là nước không rút được.",
            "Nhà mình ở {place}, {time} nước lại tràn vào tận phòng khách. Đồ đạc kê lên hết mà vẫn ướt.",
        ),
        "request": (
            "Kính đề nghị UBND {place} cho nạo vét cống thoát nước ở {lane} trước khi vào đợt mưa lớn.",
            "Mong chính quyền sớm nâng cấp hệ thống thoát nước ở {road}, {place}, bà con khổ lắm rồi.",
        ),
        "question": (
            "Cho mình hỏi {road} ở {place} giờ còn ngập không ạ? Mình định chạy xe qua.",
            "Ở {place} có ai biết bao giờ thi công xong tuyến cống mới không?",
        ),
        "praise": (
            "Từ khi làm lại cống, {lane} ở {place} mưa lớn cũng không còn ngập nữa. Cảm ơn phường!",
        ),
        "info": (
            "{time} {road} ở {place} ngập khoảng ba tấc, mọi người đi đường khác nhé.",
        ),
    },
    "traffic": {
        "complaint": (
            "{time} kẹt xe ở {road}, {place} gần một tiếng đồng hồ, đi làm trễ luôn.",
            "Ổ gà trên {road} ở {place} to như cái chảo, tối qua có người té xe rồi.",
            "Rào chắn công trình ở {place} dựng mấy tháng nay mà không thấy thi công, đường thì hẹp, xe cộ chen nhau.",
            "Xe tải chạy ầm ầm qua {lane} ở {place} cả đêm, nhà hai bên nứt tường hết rồi.",
            "Vỉa hè ở {place} bị lấn chiếm bán hàng hết, người đi bộ phải xuống lòng đường.",
        ),
        "request": (
            "Đề nghị lắp đèn tín hiệu ở ngã tư gần {road}, {place}, giờ tan học rất nguy hiểm.",
            "Kiến nghị cơ quan chức năng sớm vá lại mặt đường ở {road}, {place}.",
        ),
        "question": (
            "Mọi người cho hỏi {road} ở {place} đang làm gì mà rào hết vậy ạ?",
            "Giờ cao điểm đi từ {place} vào trung tâm thì nên chạy đường nào cho đỡ kẹt?",
        ),
        "praise": (
            "{road} ở {place} vừa được trải nhựa lại, chạy êm ru. Phải khen một câu!",
        ),
        "info": (
            "Lưu ý: {road} ở {place} cấm xe từ tối nay đến hết tuần để sửa cống.",
        ),
    },
    "waste": {
        "complaint": (
            "Bãi rác tự phát ở đầu {lane}, {place} bốc mùi nồng nặc, ruồi nhặng bu đầy.",
            "Xe rác ở {place} mấy hôm nay không thấy tới, rác chất đống trước nhà dân.",
            "Có người lén đổ xà bần ra {road} ở {place} vào ban đêm, sáng ra chắn gần nửa đường.",
        ),
        "request": (
            "Kính đề nghị phường bố trí thêm thùng rác công cộng ở khu chợ {place}.",
            "Mong đơn vị thu gom rác ở {place} đến đúng giờ, để rác qua đêm chó mèo bới tung hết.",
        ),
        "question": (
            "Ở {place} xe rác chạy lúc mấy giờ vậy mọi người? Mình mới chuyển tới.",
            "Cho hỏi phí thu gom rác ở {place} năm nay bao nhiêu một tháng ạ?",
        ),
        "praise": (
            "Sáng nay đoàn viên thanh niên ở {place} dọn sạch bãi rác ven kênh, nhìn thích ghê.",
        ),
        "info": (
            "Thông tin cho bà con {place}: từ tuần sau rác phải phân loại trước khi bỏ ra ngoài.",
        ),
    },
    "pollution": {
        "complaint": (
            "Khói từ xưởng gần {place} bay vào nhà ngột ngạt, con nhỏ ho suốt mấy hôm nay.",
            "Con kênh ở {place} đen ngòm, mùi hôi bốc lên tận lầu hai.",
            "Công trình ở {place} khoan cắt tới nửa đêm, cả xóm không ai ngủ nổi.",
            "Bụi ở {place} {time} dày đặc, nhìn ra đường mù mịt.",
        ),
        "request": (
            "Đề nghị kiểm tra cơ sở tái chế nhựa ở {place}, đêm nào cũng đốt khét lẹt cả khu.",
        ),
        "question": (
            "Ở {place} có ai theo dõi chất lượng không khí không, sao dạo này khó thở quá?",
        ),
        "praise": (
            "Con kênh ở {place} nạo vét xong, nước trong hơn hẳn, chiều chiều ra đi dạo thích lắm.",
        ),
        "info": (
            "Chỉ số bụi mịn ở {place} {time} ở mức kém, nhà nào có người già, trẻ nhỏ thì hạn chế ra ngoài nha.",
        ),
    },
    "land_housing": {
        "complaint": (
            "Làm sổ hồng ở {place} gần một năm vẫn chưa xong, hỏi thì cứ bảo chờ.",
            "Dự án ở {place} treo gần chục năm, dân không được xây, cũng không bán được.",
            "Tiền trọ ở {place} lại tăng, chủ nhà báo tháng sau thêm 500 nghìn.",
            "Nhà xây sai phép ở {lane}, {place} lấn sang cả lối đi chung.",
        ),
        "request": (
            "Kiến nghị công khai quy hoạch khu dân cư ở {place} để bà con yên tâm sửa nhà.",
        ),
        "question": (
            "Ai ở {place} làm thủ tục tách thửa rồi cho mình xin kinh nghiệm với ạ.",
        ),
        "praise": (
            "Cán bộ địa chính ở {place} hướng dẫn rất tận tình, hồ sơ của mình xong sớm hơn hẹn.",
        ),
        "info": (
            "{place} vừa niêm yết bảng giá đất mới, ai đang tính mua bán thì xem kỹ nhé.",
        ),
    },
    "utilities": {
        "complaint": (
            "Cúp điện ở {place} từ sáng tới giờ mà không báo trước, đồ trong tủ lạnh hư hết.",
            "Nước máy ở {place} yếu xìu, tối mới chảy được một chút, lại còn có mùi lạ.",
            "Hóa đơn tiền nước tháng này nhà mình ở {place} tăng gấp đôi, dùng y như mọi tháng.",
            "Đèn đường ở {lane}, {place} hư cả tháng nay, tối đi về sợ lắm.",
        ),
        "request": (
            "Đề nghị bên điện lực thông báo lịch cắt điện ở {place} sớm hơn để dân còn chủ động.",
        ),
        "question": (
            "{place} có ai bị mất nước như nhà mình không? Gọi tổng đài mãi không được.",
        ),
        "praise": (
            "Anh em điện lực tới sửa đường dây ở {place} lúc nửa đêm, làm nhanh lắm. Cảm ơn các anh.",
        ),
        "info": (
            "Khu vực {place} sẽ tạm ngừng cấp nước từ 22 giờ tối nay đến 5 giờ sáng mai.",
        ),
    },
    "public_order": {
        "complaint": (
            "Hát karaoke ở {lane}, {place} tới 12 giờ đêm, loa mở hết cỡ.",
            "Tối cuối tuần nào cũng có nhóm đua xe ở {road}, {place}, nẹt pô inh ỏi.",
            "Mất xe ngay trước cửa nhà ở {place} giữa ban ngày, camera quay rõ mặt luôn.",
            "Chó thả rông ở {place}, sáng nay suýt cắn con mình.",
        ),
        "request": (
            "Đề nghị công an phường tăng cường tuần tra ở {road}, {place} vào ban đêm.",
        ),
        "question": (
            "Ở {place} bị mất trộm thì trình báo ở đâu nhanh nhất vậy mọi người?",
        ),
        "praise": (
            "Công an {place} bắt được nhóm trộm xe chỉ sau hai ngày, quá tuyệt!",
        ),
        "info": (
            "Mọi người ở {place} cẩn thận, dạo này có người giả nhân viên điện lực vào nhà kiểm tra.",
        ),
    },
    "public_services": {
        "complaint": (
            "Đi làm giấy tờ ở bộ phận một cửa {place} phải chờ cả buổi, lấy số từ 7 giờ mà 10 giờ mới tới lượt.",
            "Nộp hồ sơ trực tuyến ở {place} bị trả về ba lần, lần nào cũng một lý do khác.",
            "Cổng dịch vụ công báo lỗi suốt, dân ở {place} lại phải chạy lên phường nộp giấy.",
        ),
        "request": (
            "Kiến nghị {place} mở thêm quầy tiếp nhận hồ sơ vào sáng thứ Bảy.",
        ),
        "question": (
            "Sau sáp nhập thì làm giấy khai sinh ở đâu vậy mọi người? Nhà mình ở {place}.",
            "Cho hỏi trụ sở mới của {place} nằm ở đâu ạ? Mình tìm mãi không thấy.",
        ),
        "praise": (
            "Làm thủ tục ở {place} nhanh bất ngờ, cán bộ trẻ nhiệt tình, chưa tới 20 phút là xong.",
        ),
        "info": (
            "Bộ phận một cửa {place} làm việc cả sáng thứ Bảy, ai bận trong tuần thì tranh thủ nhé.",
        ),
    },
    "health": {
        "complaint": (
            "Đưa con đi khám ở trạm y tế {place}, chờ hai tiếng mới tới lượt.",
            "Bệnh viện gần {place} quá tải, bệnh nhân nằm ghép hai ba người một giường.",
            "Ở {place} nhiều nhà có người bị sốt xuất huyết mà chưa thấy ai xuống phun thuốc diệt muỗi.",
        ),
        "request": (
            "Đề nghị phun thuốc diệt muỗi ở {lane}, {place}, nhà nào cũng có người sốt.",
        ),
        "question": (
            "Trạm y tế {place} có tiêm vắc xin cúm cho trẻ không mọi người?",
        ),
        "praise": (
            "Bác sĩ ở trạm y tế {place} khám kỹ, nói chuyện dễ chịu. Cảm ơn bác sĩ nhiều!",
        ),
        "info": (
            "Trạm y tế {place} tổ chức tiêm chủng mở rộng vào sáng thứ Bảy này.",
        ),
    },
    "education": {
        "complaint": (
            "Trường tiểu học ở {place} thu đủ thứ khoản đầu năm, nào quỹ lớp, nào tiền máy lạnh.",
            "Cổng trường ở {place} giờ tan học kẹt cứng, phụ huynh đậu xe tràn ra giữa đường.",
            "Lớp con mình ở {place} gần 50 em, cô nào dạy cho xuể.",
        ),
        "request": (
            "Mong chính quyền xem xét xây thêm trường mầm non ở {place}, giờ xin học cho con khó quá.",
        ),
        "question": (
            "Ai có con học trường ở {place} cho hỏi năm nay có lớp bán trú không ạ?",
        ),
        "praise": (
            "Cô chủ nhiệm ở trường {place} tận tâm lắm, con mình tiến bộ thấy rõ.",
        ),
        "info": (
            "Trường ở {place} cho học sinh nghỉ học ngày mai vì mưa lớn, phụ huynh lưu ý.",
        ),
    },
    "food_safety": {
        "complaint": (
            "Mua bánh mì ở {place} về ăn xong cả nhà đau bụng, nghi bị ngộ độc.",
            "Quán ăn ở {place} rửa chén ngay dưới đất cạnh miệng cống, nhìn mà sợ.",
            "Thịt heo bán ở chợ {place} có mùi lạ, không biết nguồn gốc từ đâu.",
        ),
        "request": (
            "Đề nghị kiểm tra mấy xe đồ ăn vặt trước cổng trường ở {place}.",
        ),
        "question": (
            "Chợ ở {place} có chỗ nào bán rau sạch rõ nguồn gốc không mọi người?",
        ),
        "praise": (
            "Bếp ăn của trường ở {place} sạch sẽ, đoàn phụ huynh đi kiểm tra ai cũng khen.",
        ),
        "info": (
            "Đoàn kiểm tra vừa thu giữ mấy trăm ký thực phẩm không rõ nguồn gốc ở chợ {place}.",
        ),
    },
    "other": {
        "complaint": (
            "Sóng điện thoại ở {place} chập chờn, gọi điện cứ rớt hoài.",
            "Cây xanh ở {road}, {place} nghiêng hẳn ra đường, mưa gió là sợ đổ.",
        ),
        "request": (
            "Mong {place} làm thêm sân chơi cho trẻ em, bọn nhỏ giờ chỉ biết ôm điện thoại.",
        ),
        "question": (
            "Ở {place} có chỗ nào cho thuê sân bóng giá mềm không mọi người?",
        ),
        "praise": (
            "Công viên nhỏ ở {place} vừa sửa xong, tối nào cũng đông người tập thể dục.",
        ),
        "info": (
            "Cuối tuần này {place} có phiên chợ đồ cũ gây quỹ, ai rảnh ghé ủng hộ nha.",
        ),
    },
}

# A concern's theme label when it appears as a topic.
THEME_OF_CONCERN = {
    "flooding": "flooding",
    "traffic": "traffic",
    "waste": "waste",
    "pollution": "environment",
    "land_housing": "land_housing",
    "utilities": "utilities",
    "public_order": "public_order",
    "public_services": "admin",
    "health": "health",
    "education": "education",
    "food_safety": "food_safety",
    "prices": "prices",
    "jobs_wages": "jobs",
    "scams": "scams",
    "other": "other",
}

OPENERS: dict[str, tuple[str, ...]] = {
    "complaint": (
        "Bức xúc thật sự.",
        "Mọi người ơi,",
        "Phản ánh:",
        "Không biết kêu ai nữa.",
        "Chịu hết nổi rồi.",
        "Trời ơi,",
    ),
    "request": ("Kiến nghị:", "Xin phép admin cho mình đăng bài.", "Kính gửi chính quyền địa phương:"),
    "question": ("Cho mình hỏi chút.", "Hỏi nhanh:", "Nhờ cả nhà tư vấn giúp."),
    "praise": ("Phải khen một câu.", "Tin vui nè mọi người!", "Ghi nhận:"),
    "info": ("Thông tin cho ai cần.", "Tin nhanh:", "Chia sẻ để mọi người biết."),
}

CLOSERS: dict[str, tuple[str, ...]] = {
    "complaint": (
        "Mong cơ quan chức năng sớm vào cuộc.",
        "Phản ánh mấy lần rồi mà vẫn vậy.",
        "Ai có cách gì thì chỉ mình với.",
        "Đã báo tổ dân phố mà chưa thấy ai xuống.",
        "Nói hoài mà không ai nghe.",
    ),
    "request": ("Xin cảm ơn.", "Mong sớm được phản hồi.", "Mong được xem xét sớm ạ."),
    "question": ("Cảm ơn cả nhà.", "Ai biết chỉ giúp với ạ.", "Đa tạ mọi người!"),
    "praise": ("Cảm ơn các anh chị nhiều!", "Rất đáng ghi nhận.", "Mong duy trì lâu dài."),
    "info": ("Mọi người chú ý nhé.", "Ai cần thì lưu lại nha.", ""),
}

# Closers for posts that are not about a ward: no "tổ dân phố" there.
GENERAL_CLOSERS: dict[str, tuple[str, ...]] = {
    "complaint": ("Chán thật sự.", "Mệt mỏi ghê.", "Ai cũng vậy hả mọi người?", "Không biết rồi sẽ ra sao."),
    "request": ("Xin cảm ơn.", "Mong được xem xét."),
    "question": ("Cảm ơn cả nhà.", "Ai biết chỉ giúp với ạ."),
    "praise": ("Rất đáng ghi nhận.",),
    "info": ("Mọi người chú ý nhé.", ""),
}

ROADS = (
    "đường số 7",
    "đường số 12",
    "đoạn đường trước chợ",
    "đoạn gần chân cầu",
    "con đường dẫn vào trường",
    "tuyến đường chính",
    "đoạn đường ven kênh",
    "đoạn gần vòng xoay",
)

TIMES = (
    "sáng nay",
    "tối qua",
    "chiều nay",
    "mấy hôm nay",
    "từ hôm qua",
    "cả tuần nay",
    "đêm qua",
)
