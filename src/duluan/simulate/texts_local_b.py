"""What residents write about public order, paperwork, health, schools, food and the rest.

Same shape and syntax as `texts_local_a`.
"""

from __future__ import annotations

LOCAL_B: dict[str, dict[str, tuple[str, ...]]] = {
    "public_order": {
        "complaint": (
            "Hát karaoke ở {lane}, {place} tới {late}, loa mở hết cỡ[, {days} rồi|].",
            "Tối cuối tuần nào cũng có nhóm đua xe ở {road}, {place}, nẹt pô inh ỏi[ tới {late}|].",
            "Mất {vehicle} ngay trước cửa nhà ở {place} giữa ban ngày, camera quay rõ mặt luôn.",
            "Chó thả rông ở {lane}, {place}, {time} suýt cắn {kid}.",
            "[Nhóm thanh niên|Mấy người lạ] tụ tập [nhậu|hút thuốc] ở {spot} bên {place} [tới khuya|từ {clock}], [chửi thề om sòm|đi ngang là sợ].",
            "[Tối qua|{time}] trộm [cạy cửa|leo rào] vào nhà {neighbour} ở {place}, [lấy mất|cuỗm luôn] [điện thoại với ví|{vehicle}].",
        ),
        "request": (
            "Đề nghị công an phường tăng cường tuần tra ở {road}, {place} vào ban đêm[, nhất là khung {clock}|].",
            "Mong [chính quyền|tổ dân phố] {place} nhắc nhở [nhà hát karaoke|quán nhậu] ở {lane}, [sau 10 giờ tối|tầm {clock}] vẫn còn ồn.",
        ),
        "question": (
            "Ở {place} bị mất trộm thì trình báo ở đâu nhanh nhất vậy {folks}?",
            "Ai ở gần {spot} bên {place} có camera [hướng ra đường|trước nhà] không, cho {I} xin [trích xuất|xem lại] khúc {time} với?",
        ),
        "praise": (
            "Công an {place} bắt được nhóm trộm [xe|{vehicle}] [chỉ sau hai ngày|sau {n} ngày|ngay trong đêm], [quá tuyệt|nhanh thật|cảm ơn các anh]!",
            "[Mấy anh dân phòng|Công an khu vực] ở {place} [đi tuần|tuần tra] [tối nào cũng ghé|đều đặn], {lane} giờ [yên tâm hẳn|hết cảnh tụ tập].",
        ),
        "info": (
            "{folks} ở {place} cẩn thận, dạo này có người giả nhân viên [điện lực|cấp nước] vào nhà kiểm tra.",
            "[Cảnh báo|Lưu ý]: {time} có [người lạ|xe không biển số] [lảng vảng|dòm ngó] ở {lane}, {place}, nhà nào để xe ngoài hiên nhớ khóa kỹ.",
        ),
        "detail": (
            "{kid} [giật mình khóc|không ngủ được] [suốt|tới {late}].",
            "{I} [đã|] [báo|gọi] công an khu vực, [họ ghi nhận|họ nói sẽ xuống] rồi về.",
            "Camera nhà {neighbour} [quay được|ghi hình lại] hết, [biển số rõ ràng|thấy cả mặt].",
            "Người già trong {lw} [sợ|không dám] ra đường sau [8 giờ tối|{clock}].",
        ),
    },
    "public_services": {
        "complaint": (
            "Đi làm giấy tờ ở bộ phận một cửa {place} phải chờ cả buổi, lấy số từ [7 giờ|{clock}] mà [10 giờ|gần trưa] mới tới lượt.",
            "Nộp hồ sơ trực tuyến ở {place} bị trả về [ba lần|{n} lần], lần nào cũng một lý do khác.",
            "Cổng dịch vụ công báo lỗi suốt, dân ở {place} lại phải chạy lên phường nộp giấy.",
            "Xin [giấy xác nhận cư trú|bản sao khai sinh] ở {place} mà [đi lại ba lần|mất {days}], lần nào cũng [thiếu một tờ|bảo quay lại sau].",
        ),
        "request": (
            "Kiến nghị {place} mở thêm quầy tiếp nhận hồ sơ vào sáng thứ Bảy.",
            "Mong [chính quyền|trung tâm hành chính] {place} [ghi rõ|niêm yết] danh sách giấy tờ cần mang, [đỡ cho dân đi lại nhiều lần|người già đỡ khổ].",
        ),
        "question": (
            "Sau sáp nhập thì làm giấy khai sinh ở đâu vậy {folks}? {home} ở {place}.",
            "Cho hỏi trụ sở mới của {place} nằm ở đâu [ạ|vậy]? {I} tìm mãi không thấy.",
            "Làm [căn cước cho {kid}|giấy chứng nhận độc thân] ở {place} [cần mang gì|mất mấy ngày] [ạ|vậy {folks}]?",
        ),
        "praise": (
            "Làm thủ tục ở {place} nhanh bất ngờ, cán bộ trẻ nhiệt tình, chưa tới [20 phút|nửa tiếng] là xong.",
            "[Chị|Anh] cán bộ một cửa ở {place} [chỉ từng bước|hướng dẫn tận tình] cho {kin} [nộp hồ sơ online|điền tờ khai], [cảm ơn nhiều|đáng khen thật sự].",
        ),
        "info": (
            "Bộ phận một cửa {place} [làm việc cả|mở cửa] sáng thứ Bảy[ từ {clock}|, tới 11 giờ rưỡi|], ai [bận trong tuần|đi làm hành chính] thì [tranh thủ nhé|ghé cho đỡ chờ|đi sớm lấy số].",
            "[Lưu ý|Kinh nghiệm]: đi làm giấy ở {place} thì [đặt lịch online trước|tới trước {clock}], [đỡ chờ|khỏi xếp hàng] nha {folks}.",
        ),
        "detail": (
            "[Người già|{kin}] [ngồi chờ|đứng chờ] [mệt lả|cả buổi] mà không có [ghế|chỗ ngồi].",
            "{I} phải xin nghỉ [nửa ngày|cả ngày] làm, [bị trừ lương|sếp cằn nhằn].",
            "Hỏi [ba|mấy] người thì [ba|mỗi người một] câu trả lời khác nhau.",
            "Trên mạng ghi [một kiểu|cần hai giấy] mà lên tới nơi [lại kiểu khác|đòi thêm bản sao].",
        ),
    },
    "health": {
        "complaint": (
            "Đưa {kid} đi khám ở trạm y tế {place}, chờ [hai tiếng|{wait}] mới tới lượt.",
            "Bệnh viện gần {place} quá tải, bệnh nhân nằm ghép hai ba người một giường.",
            "Ở {place} nhiều nhà có người bị sốt xuất huyết mà chưa thấy ai xuống phun thuốc diệt muỗi.",
            "{kin} [sốt cao|đau bụng] [nửa đêm|lúc {clock}], chở lên [trạm y tế|phòng khám] ở {place} thì [đóng cửa|không có bác sĩ trực].",
        ),
        "request": (
            "Đề nghị phun thuốc diệt muỗi ở {lane}, {place}, nhà nào cũng có người sốt.",
            "Mong trạm y tế {place} [mở thêm buổi tối|có bác sĩ trực cuối tuần], [người đi làm|dân lao động] không khám kịp giờ hành chính.",
        ),
        "question": (
            "Trạm y tế {place} có tiêm vắc xin cúm cho trẻ không {folks}?",
            "{kid} [mới {kidage}|] [sốt {days}|nổi mẩn đỏ], ở {place} nên đưa đi khám chỗ nào [uy tín|gần] [ạ|vậy]?",
        ),
        "praise": (
            "Bác sĩ ở trạm y tế {place} khám kỹ, nói chuyện dễ chịu. Cảm ơn bác sĩ nhiều!",
            "[Đội phun thuốc|Cô y tế phường] tới tận {lane}, {place} [phát thuốc|phun muỗi] cho từng nhà, [chu đáo quá|rất cảm ơn].",
        ),
        "info": (
            "Trạm y tế {place} tổ chức tiêm chủng mở rộng vào sáng {weekday} này[, nhớ mang sổ tiêm|].",
            "[{lane}|Khu {spot}] ở {place} [có mấy ca sốt xuất huyết|đang có ổ dịch], {folks} [đậy kín lu nước|diệt lăng quăng] giùm nha.",
        ),
        "detail": (
            "{kin} [đã|] [nằm viện|truyền dịch] {days} rồi.",
            "Phòng chờ [chật|nóng như lò], [trẻ con khóc ré|người đứng ra tận hành lang].",
            "Muỗi [nhiều kinh khủng|cắn cả ban ngày], [nhà nào cũng|{lw} này] có người [sốt|nằm viện].",
            "Lấy số từ {clock} mà [tới trưa|{wait} sau] mới [gặp được bác sĩ|khám xong].",
        ),
    },
    "education": {
        "complaint": (
            "Trường tiểu học ở {place} thu đủ thứ khoản đầu năm, nào quỹ lớp, nào tiền [máy lạnh|máy chiếu|sửa nhà vệ sinh].",
            "Cổng trường ở {place} giờ tan học kẹt cứng, phụ huynh đậu xe tràn ra giữa đường.",
            "Lớp {kid} ở {place} [gần 50 em|{dozens} mấy em], cô nào dạy cho xuể.",
            "Xin học [mầm non|lớp một] cho {kid} ở {place} mà [xếp hàng từ {clock}|chạy mấy trường] vẫn [hết chỗ|không được nhận].",
        ),
        "request": (
            "Mong chính quyền xem xét xây thêm trường mầm non ở {place}, giờ xin học cho con khó quá.",
            "Đề nghị [công khai|ghi rõ] các khoản thu ở trường [tiểu học|trung học] {place}, phụ huynh [không biết tiền đi đâu|thắc mắc nhiều lắm].",
        ),
        "question": (
            "Ai có con học trường ở {place} cho hỏi năm nay có lớp bán trú không [ạ|vậy]?",
            "Học thêm [tiếng Anh|toán] cho {kid} [mới {kidage}|] ở gần {place} thì chỗ nào [ổn|uy tín] {folks}?",
        ),
        "praise": (
            "Cô chủ nhiệm ở trường {place} tận tâm lắm, {kid} tiến bộ thấy rõ.",
            "Trường [tiểu học|mầm non] ở {place} [mới sửa sân|làm lại thư viện], [bọn nhỏ mê lắm|nhìn khang trang hẳn].",
        ),
        "info": (
            "[Trường|Trường tiểu học|Trường mầm non] [ở {place}|gần {spot}] cho học sinh nghỉ học [ngày mai|{weekday} này] vì [mưa lớn|đường ngập|bão], [phụ huynh lưu ý|ai chưa đọc nhóm Zalo lớp thì xem nha|{folks} nhắn nhau giùm].",
            "[Trường|Phòng giáo dục] {place} [nhận hồ sơ|tuyển sinh] [lớp một|mầm non] từ {weekday}, {folks} [chuẩn bị giấy tờ|theo dõi nhóm Zalo lớp] nha.",
        ),
        "detail": (
            "[Đầu năm|Mới tháng đầu] mà {home} [đã đóng|tốn] [hơn 3 triệu|gần 5 triệu] [cho hai đứa|rồi].",
            "{kid} [đi học về|mỗi tối] [than mệt|làm bài tới {late}].",
            "Hỏi [cô giáo|ban đại diện] thì [bảo|nói] là [tự nguyện|phụ huynh thống nhất rồi].",
            "Sân trường [nhỏ xíu|không có bóng cây], [giờ ra chơi|buổi trưa] bọn nhỏ [chen nhau|ngồi trong lớp].",
        ),
    },
    "food_safety": {
        "complaint": (
            "Mua [bánh mì|bún|xôi] ở {place} về ăn xong cả nhà đau bụng, nghi bị ngộ độc.",
            "Quán ăn ở {road}, {place} rửa chén ngay dưới đất cạnh miệng cống, nhìn mà sợ.",
            "Thịt heo bán ở chợ {place} có mùi lạ, không biết nguồn gốc từ đâu.",
            "Xe [đồ chiên|trà sữa] trước [cổng trường|{spot}] ở {place} dùng dầu [đen thui|chiên đi chiên lại], bọn nhỏ thì bu đông.",
        ),
        "request": (
            "Đề nghị kiểm tra mấy xe đồ ăn vặt trước cổng trường ở {place}.",
            "Mong [quản lý thị trường|chính quyền] {place} [kiểm tra|xử lý] [lò giết mổ lậu|sạp thịt không rõ nguồn gốc] gần {spot}.",
        ),
        "question": (
            "Chợ ở {place} có chỗ nào bán rau sạch rõ nguồn gốc không {folks}?",
            "Ăn [ốc|gỏi] ở {road} [tối qua|{time}] xong [đau bụng quá|nổi mẩn], có ai bị giống {I} không?",
        ),
        "praise": (
            "Bếp ăn của trường ở {place} sạch sẽ, đoàn phụ huynh đi kiểm tra ai cũng khen.",
            "Cô bán [cơm tấm|bún bò] ở {road}, {place} [làm sạch sẽ|đeo găng tay đàng hoàng], [ăn yên tâm|ủng hộ dài dài].",
        ),
        "info": (
            "Đoàn kiểm tra vừa thu giữ mấy trăm ký thực phẩm không rõ nguồn gốc ở chợ {place}.",
            "{folks} ở {place} cẩn thận, {time} [có mấy người|nhiều bạn] [ngộ độc|đau bụng] sau khi ăn ở quán gần {spot}.",
        ),
        "detail": (
            "{kid} [nôn ói|đau bụng] [suốt đêm|tới {late}], phải [chở đi cấp cứu|truyền nước].",
            "[Ruồi bu|Nước rửa] [đầy mâm|đen ngòm], [vậy mà|thế mà] khách vẫn đông.",
            "Hỏi [nguồn gốc|hóa đơn] thì [chủ quán|người bán] [ậm ừ|nói lấy mối quen].",
        ),
    },
    "other": {
        "complaint": (
            "Sóng điện thoại ở {place} chập chờn, gọi điện cứ rớt hoài[, {days} rồi|].",
            "Cây xanh ở {road}, {place} nghiêng hẳn ra đường, mưa gió là sợ đổ.",
            "[Dây điện|Cáp viễn thông] ở {lane}, {place} [chằng chịt|võng xuống sát đầu], [đi ngang là sợ|mưa xuống là tóe lửa].",
        ),
        "request": (
            "Mong {place} làm thêm sân chơi cho trẻ em, bọn nhỏ giờ chỉ biết ôm điện thoại.",
            "Đề nghị [cắt tỉa|chặt bớt] cây [dầu|sao] già ở {road}, {place} trước mùa mưa bão.",
        ),
        "question": (
            "Ở {place} có chỗ nào cho thuê sân bóng giá mềm không {folks}?",
            "Quanh {spot} bên {place} có [tiệm sửa xe|tiệm giặt ủi] nào [uy tín|mở khuya] không [ạ|vậy]?",
        ),
        "praise": (
            "Công viên nhỏ ở {place} vừa sửa xong, tối nào cũng đông người tập thể dục.",
            "[Đoàn thanh niên|Mấy bạn sinh viên] ở {place} [sơn lại|vẽ tranh] tường {lane}, [nhìn tươi hẳn|đẹp như phim].",
        ),
        "info": (
            "Cuối tuần này {place} có phiên chợ đồ cũ gây quỹ, ai rảnh ghé ủng hộ nha.",
            "[Nhà văn hóa|Thư viện] {place} [mở lớp|có lớp] [dạy bơi|võ] miễn phí cho trẻ vào {weekday}, {folks} đăng ký sớm.",
        ),
        "detail": (
            "{kid} [học online|gọi cho {kin}] mà [rớt mạng|đứt liên lạc] liên tục.",
            "{neighbour} [nói|bảo] [báo lâu rồi|gọi tổng đài mấy lần] mà vẫn vậy.",
            "Tối [đi ngang|chạy xe qua] đó [sợ lắm|phải né ra giữa đường].",
        ),
    },
}
