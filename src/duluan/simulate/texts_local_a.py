"""What residents write about flooding, traffic, waste, pollution, housing and utilities.

Per concern: a core sentence per stance, and "detail" sentences (what the writer saw,
who it hurt) that complaints, requests and questions add. Syntax in `phrasing`:
[a|b] alternations, {slot} concrete details, {I} the writer's pronoun.
"""

from __future__ import annotations

LOCAL_A: dict[str, dict[str, tuple[str, ...]]] = {
    "flooding": {
        "complaint": (
            "[Chiều nay|{time}] mưa chưa tới [nửa tiếng|20 phút|một tiếng] mà {lane} ở {place} đã ngập tới {depth}[, xe chết máy nằm la liệt|, nước tràn vô nhà luôn|].",
            "Cứ mưa là {road} ở {place} thành sông[, nước tràn vào tận nhà|]. [Năm nào cũng vậy|Mấy năm nay rồi|Từ hồi {I} dọn về đây tới giờ] mà chưa thấy ai giải quyết.",
            "Cống thoát nước [ở|đầu] {lane}, {place} nghẹt rác [lâu rồi|{days}], mưa xuống là nước [không rút được|đứng cả buổi|ứ lại tới tối].",
            "{home} ở {lane}, {place}, {time} nước lại tràn vào tận [phòng khách|bếp|chỗ để xe]. [Đồ đạc kê lên hết mà vẫn ướt|Tủ lạnh, máy giặt phải kê lên gạch|Cả nhà thức tới {late} tát nước].",
            "Lội nước ở {road}, {place} [đi làm|đón {kid}] mà [ướt từ đầu gối trở xuống|{vehicle} chết máy giữa đường], [chán|khổ|mệt] thật sự.",
            "[Mới mưa có chút|Mưa chưa lớn lắm] mà khu {I} ở bên {place} đã ngập [lênh láng|trắng đường], {days} [như vậy rồi|toàn vậy].",
            "Không biết cống ở {road}, {place} [làm kiểu gì|thiết kế kiểu gì] mà [mưa nào cũng ngập|mưa chút là nước dâng], [dân|người ở đây] khổ quá.",
        ),
        "request": (
            "Kính đề nghị [UBND|chính quyền] {place} cho nạo vét cống thoát nước ở {lane} trước [khi vào đợt mưa lớn|mùa triều cường].",
            "Mong [chính quyền|phường] sớm nâng cấp hệ thống thoát nước ở {road}, {place}[, bà con khổ lắm rồi|, năm nào cũng ngập|].",
            "Đề nghị [chính quyền|đơn vị thoát nước] {place} [cho người xuống|bố trí xe] hút nước ở {lane} [mỗi khi mưa lớn|trong mấy ngày tới], [nhà dân ở đây thấp lắm|người già đi lại rất khó].",
            "[Xin|Mong] [các anh bên thoát nước|cơ quan chức năng] làm [nắp cống|miệng thu nước] mới cho đoạn {road}, {place}, [cái cũ|nắp cũ] bị [bể|lấp] {days} rồi.",
        ),
        "question": (
            "Cho {I} hỏi {road} ở {place} giờ còn ngập không [ạ|vậy|]? {I} [định chạy xe qua|phải đi đón {kid}|phải chở {kin} đi khám].",
            "Ở {place} có ai biết bao giờ [thi công xong|làm xong] tuyến cống mới [ở {road}|] không?",
            "{folks} ở gần {spot} bên {place} cho hỏi [chiều nay|giờ này] nước rút chưa?",
            "[Nhà|Phòng trọ] ở {lane}, {place} ngập [kiểu này|vầy] thì [nên kê đồ lên cao cỡ nào|có nên mua máy bơm không], ai có kinh nghiệm chỉ {I} với?",
        ),
        "praise": (
            "Từ khi làm lại cống, {lane} ở {place} mưa lớn cũng [không còn ngập nữa|rút nước nhanh hẳn]. [Cảm ơn phường!|Phải khen một câu!|Dân ở đây mừng lắm.]",
            "[Tối qua|{time}] mưa to vậy mà {road} ở {place} [chỉ đọng nước chút xíu|không ngập như mọi năm], đúng là [nạo vét cống|làm đường mới] có khác.",
            "Cảm ơn [mấy anh công nhân thoát nước|anh em dân phòng] đã [đội mưa|lội nước] khơi cống ở {lane}, {place} [hồi khuya|lúc {clock}].",
        ),
        "info": (
            "{time} {road} ở {place} ngập khoảng [ba tấc|40 phân|tới đầu gối], {folks} [đi đường khác nhé|tránh giùm nha|chạy vòng qua {street} cho lẹ].",
            "[Cập nhật|Tình hình] lúc {clock}: {lane} ở {place} [nước đã rút|vẫn còn ngập|nước đang lên], [xe số đi được|xe tay ga đừng cố chạy qua].",
            "[Thông tin|Báo tin] cho {folks} {place}: [phường|đơn vị thoát nước] [đang|sẽ] nạo vét cống ở {road} [từ {weekday}|trong tuần này], [đoạn này đi lại hơi khó|nhớ để xe gọn vào].",
        ),
        "detail": (
            "[Nước|Nước mưa] [đen ngòm|đục ngầu], [mùi hôi|mùi cống] bốc lên [nồng nặc|khó chịu].",
            "{vehicle} của {I} [chết máy|tắt máy] giữa đường, phải dắt bộ [cả trăm mét|về tới nhà].",
            "{kin} [năm nay|] {age} tuổi rồi mà phải lội nước [ra chợ|đi khám bệnh].",
            "[Tủ|Giường|Bàn ghế] [dưới nhà|ở tầng trệt] [ướt hết|ngâm nước], [dọn tới {late} chưa xong|tiếc đứt ruột].",
            "Mấy nhà [thấp|thấp hơn mặt đường] như nhà {neighbour} [coi như|thì] ngập [trong nhà|tới giường].",
            "Nước [rút chậm lắm|đứng cả buổi], [tới {late} mới khô|{wait} mới rút hết].",
            "{kid} [phải nghỉ học|không đi học được] vì [đường ngập|nước ngập lối ra].",
            "Có người [té xe|trượt chân] ngay {spot} vì [không thấy ổ gà|nắp cống bị lật].",
        ),
    },
    "traffic": {
        "complaint": (
            "{time} kẹt xe ở {road}, {place} [gần một tiếng|{wait}][, đi làm trễ luôn|, {I} trễ giờ làm|, xe nhích từng chút].",
            "Ổ gà trên {road} ở {place} to [như cái chảo|như cái nia], {time} có người té xe [rồi|ngay trước mặt {I}].",
            "Rào chắn công trình ở {road}, {place} dựng [mấy tháng nay|{days}] mà [không thấy thi công|chẳng thấy ai làm], đường thì hẹp, xe cộ chen nhau.",
            "Xe tải chạy [ầm ầm|rầm rầm] qua {lane} ở {place} [cả đêm|từ {clock}], nhà hai bên [nứt tường|rung bần bật] hết rồi.",
            "Vỉa hè ở {road}, {place} bị lấn chiếm [bán hàng|đậu xe] hết, người đi bộ phải xuống lòng đường[, {kid} đi học sợ lắm|].",
            "[Ngã tư|Khúc cua] gần {spot} ở {place} không có đèn [tín hiệu|giao thông], {days} {I} thấy [ba vụ va quẹt|mấy vụ tông nhau] rồi.",
            "Đi từ {place} ra {street} [có hai cây số|chưa tới ba cây] mà mất {wait}, [ngày nào cũng vậy|giờ cao điểm là chịu thua].",
        ),
        "request": (
            "Đề nghị lắp đèn tín hiệu ở [ngã tư|giao lộ] gần {spot}, {place}[, giờ tan học rất nguy hiểm|, xe chạy ẩu lắm].",
            "Kiến nghị [cơ quan chức năng ở {place}|chính quyền {place}] sớm vá lại mặt đường ở {road}[, hư {days} rồi|].",
            "Mong [cảnh sát giao thông|lực lượng chức năng] [phân luồng|đứng điều tiết] ở {road}, {place} vào [giờ cao điểm|khung {clock}].",
            "Xin [chính quyền|chính quyền] {place} [dẹp|xử lý] [chợ tự phát|hàng quán] lấn chiếm lòng đường ở {road}.",
        ),
        "question": (
            "{folks} cho hỏi {road} ở {place} đang làm gì mà rào hết vậy[ ạ|]?",
            "Giờ cao điểm đi từ {place} [vào trung tâm|lên {street}] thì nên chạy đường nào cho đỡ kẹt?",
            "Có ai biết [tới bao giờ|khi nào] {road} ở {place} mới [thông xe|tháo rào chắn] không?",
        ),
        "praise": (
            "{road} ở {place} vừa được trải nhựa lại, chạy êm ru. [Phải khen một câu!|Đi sướng hẳn.|Cảm ơn các anh công nhân.]",
            "[Từ hồi có|Mới lắp] đèn tín hiệu ở ngã tư gần {spot}, [bớt kẹt hẳn|đi an toàn hơn nhiều], {folks} ở {place} ai cũng khen.",
            "{time} có [anh cảnh sát giao thông|mấy anh dân phòng] đứng phân luồng ở {road}, {place}, [xe chạy trơn tru|không kẹt như mọi bữa].",
        ),
        "info": (
            "[Lưu ý|Thông báo]: {road} ở {place} cấm xe [từ tối nay|từ {weekday}] đến [hết tuần|cuối tháng] để [sửa cống|thi công], {folks} đi vòng qua {street} nha.",
            "{time} có vụ [va chạm|tai nạn] ở {road}, {place}, [đang kẹt cứng|xe ùn dài], ai đi hướng đó [tránh giùm|chọn đường khác] nhé.",
            "[Cập nhật|Tin nhanh] lúc {clock}: {road} ở {place} [đã thông, {folks} yên tâm đi|thoáng rồi nha {folks}|vẫn kẹt, {folks} nhớ canh giờ].",
        ),
        "detail": (
            "Xe máy leo [hết lên|lên cả] vỉa hè, [ai cũng bấm còi inh ỏi|chen nhau từng chút].",
            "{I} chở {kid} đi học mà [trễ giờ|phải dậy sớm hơn cả tiếng] vì [kẹt xe|vòng đường khác].",
            "[Buổi tối|Về đêm] đèn đường [tối om|chỗ sáng chỗ tắt], ổ gà không thấy đường mà tránh.",
            "Xe container, xe ben [chạy ầm ầm|đậu kín hai bên], [bụi mù|người đi xe máy sợ xanh mặt].",
            "{neighbour} [tuần trước|{time}] té xe ở đó, [trầy hết tay chân|phải khâu mấy mũi].",
            "Giờ tan tầm [từ {clock}|tầm 5 giờ chiều] là [kẹt cứng|nhích từng mét], còi xe inh ỏi.",
            "Không có [ai phân luồng|cảnh sát giao thông|biển báo], ai muốn chạy sao thì chạy.",
        ),
    },
    "waste": {
        "complaint": (
            "Bãi rác tự phát ở đầu {lane}, {place} bốc mùi [nồng nặc|hôi thối], ruồi nhặng bu đầy[, {days} chưa ai dọn|].",
            "Xe rác ở {place} [mấy hôm nay|{days}] không thấy tới, rác chất đống trước [nhà dân|cửa nhà {I}|{spot}].",
            "Có người lén đổ xà bần ra {road} ở {place} [vào ban đêm|lúc {clock}], sáng ra chắn gần nửa đường.",
            "Rác ở [ngay|gần] {spot} bên {place} tràn [ra giữa đường|xuống cống], [mưa xuống là trôi lềnh bềnh|chó mèo bới tung tóe].",
            "Đóng phí rác [đầy đủ|mỗi tháng] mà [xe rác|người thu gom] [tới lúc có lúc không|lâu lâu mới ghé], {lane} ở {place} [hôi rình|bốc mùi].",
        ),
        "request": (
            "Kính đề nghị phường bố trí thêm thùng rác công cộng ở [khu chợ|gần {spot}] {place}.",
            "Mong đơn vị thu gom rác ở {place} [đến đúng giờ|đi đúng lịch], để rác qua đêm [chó mèo bới tung hết|bốc mùi cả {lw}].",
            "Đề nghị [gắn camera|cắm biển cấm] ở đầu {lane}, {place}, [đêm nào cũng có người đổ trộm|bắt tận tay mới hết đổ bậy].",
        ),
        "question": (
            "Ở {place} xe rác chạy lúc mấy giờ vậy {folks}? {I} mới [chuyển tới|dọn về {lane}].",
            "Cho hỏi phí thu gom rác ở {place} năm nay bao nhiêu một tháng [ạ|vậy]?",
            "[Xà bần|Đồ cũ như nệm, tủ] thì ở {place} [gọi ai|liên hệ đâu] tới chở đi [vậy|ạ]?",
        ),
        "praise": (
            "{time} đoàn viên thanh niên ở {place} dọn sạch bãi rác [ven kênh|đầu {lane}], nhìn thích ghê.",
            "Xe rác bây giờ tới [đúng {clock}|đúng giờ] mỗi ngày, {lane} ở {place} sạch hẳn. [Cảm ơn các cô chú công nhân!|Đáng khen!]",
            "Khu {spot} ở {place} [mới đặt|vừa có] thùng rác phân loại, [ai đi ngang cũng bỏ đúng chỗ|nhìn văn minh hẳn].",
        ),
        "info": (
            "[Thông tin cho|Báo] bà con {place}: từ [tuần sau|{weekday} này|đầu tháng] rác phải [phân loại|chia làm hai túi] trước khi [bỏ ra ngoài|đưa lên xe], [ai chưa có túi thì lên tổ dân phố nhận|ai không phân loại có thể bị nhắc nhở|{lane} bắt đầu từ {weekday}].",
            "[Lịch mới|Đổi giờ]: xe rác ở {place} [chạy lúc {clock}|ghé {lane} khoảng {clock}], {folks} để rác ra đúng giờ giùm nha.",
            "Cuối tuần này {place} ra quân dọn [rác|vệ sinh] ở {road}, ai rảnh [tham gia|góp tay] nha.",
        ),
        "detail": (
            "Mùi hôi [bay vào tận nhà|xộc lên tận lầu], [ăn cơm không nổi|đóng cửa cả ngày vẫn ngửi thấy].",
            "Ruồi bu [đen kịt|đầy], {kid} [bị tiêu chảy|ngứa nổi mẩn] mấy hôm nay rồi.",
            "Chó mèo [hoang|] bới rác [tung tóe|khắp {lw}], sáng nào {I} cũng phải quét.",
            "{neighbour} [nói|kể] có [người lạ|xe ba gác] tới đổ [lúc nửa đêm|khi trời vừa tối].",
            "Mưa xuống nước rỉ rác chảy [ra tận đường|xuống cống], [bốc mùi chua lè|trơn trượt].",
            "[Túi rác|Rác sinh hoạt] chất [cao ngang đầu gối|thành đống] ngay [cột điện|góc tường].",
        ),
    },
    "pollution": {
        "complaint": (
            "Khói từ xưởng gần {place} bay vào nhà [ngột ngạt|khét lẹt], {kid} ho suốt {days}.",
            "Con kênh ở {place} đen ngòm, mùi hôi bốc lên tận [lầu hai|sân thượng][, chiều nào cũng vậy|].",
            "Công trình [ở|trên] {road}, {place} khoan cắt tới {late}, cả xóm không ai ngủ nổi.",
            "Bụi ở {road}, {place} {time} dày đặc, [nhìn ra đường mù mịt|lau nhà xong năm phút là đen lại].",
            "[Quán nhậu|Xưởng cơ khí] [gần|đầu] {lane} ở {place} [mở nhạc|làm ồn] [tới khuya|từ {clock}], {kin} [mất ngủ|đau đầu] mấy bữa nay.",
        ),
        "request": (
            "Đề nghị kiểm tra cơ sở tái chế [nhựa|phế liệu] ở {place}, đêm nào cũng đốt khét lẹt cả khu.",
            "Mong [chính quyền|cơ quan môi trường] {place} [cho đo|quan trắc] [bụi|không khí] ở {road}, [dân ở đây|người già] ho hoài.",
            "Kiến nghị [buộc|nhắc] chủ công trình ở {road}, {place} [che chắn bụi|tưới nước] và [ngưng khoan|không thi công] sau 10 giờ đêm.",
        ),
        "question": (
            "Ở {place} có ai theo dõi chất lượng không khí không, sao dạo này [khó thở quá|mũi cứ cay cay]?",
            "Mùi [khét|hôi] [buổi tối|lúc {clock}] ở {place} là từ đâu vậy {folks}, [ai biết chỉ {I} với|có ai bị như {home} không]?",
            "Tiếng ồn công trình ban đêm ở {place} thì báo [ai|chỗ nào] [ạ|vậy]?",
        ),
        "praise": (
            "Con kênh ở {place} nạo vét xong, nước trong hơn hẳn, [chiều chiều ra đi dạo thích lắm|cá bắt đầu về lại rồi].",
            "[Mấy hôm nay|Từ hồi xưởng dời đi] không khí ở {place} [dễ thở hẳn|trong lành hơn], {home} mở cửa sổ được rồi.",
            "[Hàng cây|Vườn hoa] mới trồng dọc {road}, {place} [xanh mát|đẹp ghê], [cảm ơn phường|mong giữ được lâu].",
        ),
        "info": (
            "Chỉ số bụi mịn ở {place} {time} ở mức [kém|xấu], nhà nào có người già, trẻ nhỏ thì hạn chế ra ngoài nha.",
            "[Sáng mai|{weekday} này] [phường|tổ dân phố] sẽ vớt rác và [phun khử khuẩn|khơi dòng] trên kênh [ở {place}|đoạn gần {spot}, {place}], {folks} lưu ý.",
            "Ai [ở gần|hay đi] {road}, {place} thì đeo khẩu trang [nha|nhé], {time} bụi [dữ lắm|nhiều lắm].",
        ),
        "detail": (
            "{kid} [mới {kidage}|] mà [ho khù khụ|sổ mũi] [suốt|cả tuần], đi khám bác sĩ nói do bụi.",
            "Đồ phơi ngoài [sân|ban công] [ám mùi khói|dính đầy bụi], [phải giặt lại|mặc không nổi].",
            "[Ban đêm|Từ {clock}] là [mùi hôi|tiếng máy] [bắt đầu|ầm lên], [đóng cửa|bật quạt] cũng không hết.",
            "{neighbour} [bị|có] [viêm phổi|hen suyễn] phải [nhập viện|đi khám] [tháng trước|mấy lần].",
            "Rác, [xác chuột|túi ni lông] trôi [lềnh bềnh|đầy] mặt kênh, [muỗi|ruồi] thì khỏi nói.",
        ),
    },
    "land_housing": {
        "complaint": (
            "Làm sổ hồng ở {place} [gần một năm|hơn tám tháng] vẫn chưa xong, hỏi thì cứ bảo [chờ|bổ sung giấy tờ].",
            "Dự án ở {place} treo [gần chục năm|mười mấy năm], dân không được xây, cũng không bán được.",
            "Tiền trọ ở {place} lại tăng, chủ nhà báo tháng sau thêm [500 nghìn|300 nghìn|{bill}].",
            "Nhà xây sai phép ở {lane}, {place} lấn sang cả lối đi chung[, {days} rồi mà không ai xử|].",
            "[Căn nhà|Dãy trọ] {I} ở {lane}, {place} [nứt tường|lún nền] từ khi [công trình bên cạnh đào móng|người ta ép cọc], [báo mấy lần|đòi bồi thường] mà chưa ai trả lời.",
        ),
        "request": (
            "Kiến nghị công khai quy hoạch khu dân cư ở {place} để bà con yên tâm sửa nhà.",
            "Mong [chính quyền|bộ phận địa chính] {place} [trả lời rõ|giải quyết dứt điểm] hồ sơ [tách thửa|cấp sổ] cho dân {lane}[, chờ {days} rồi|].",
        ),
        "question": (
            "Ai ở {place} làm thủ tục tách thửa rồi cho {I} xin kinh nghiệm với [ạ|].",
            "Nhà ở {lane}, {place} [có nằm trong quy hoạch|có bị giải tỏa] không [thì tra ở đâu|ai biết chỉ {I} với] [ạ|]?",
        ),
        "praise": (
            "Cán bộ địa chính ở {place} hướng dẫn rất tận tình, hồ sơ của {I} xong sớm hơn hẹn[ {n} ngày|].",
            "Cuối cùng thì [sổ hồng|giấy phép sửa nhà] của {home} ở {place} cũng [có|xong] rồi, [mừng muốn khóc|cảm ơn chị cán bộ một cửa nhiều].",
        ),
        "info": (
            "{place} vừa niêm yết bảng giá đất mới, ai đang tính mua bán thì xem kỹ nhé.",
            "Bộ phận một cửa {place} [sẽ|] tiếp nhận hồ sơ [cấp sổ|đăng ký biến động đất đai] cả sáng {weekday}, {folks} tranh thủ.",
        ),
        "detail": (
            "Hồ sơ nộp từ [đầu năm|tháng {n}] mà [lên hỏi ba lần|gọi mấy lần] vẫn [chưa có kết quả|báo đang xử lý].",
            "{kin} [lớn tuổi|{age} tuổi] rồi, [chỉ mong|muốn] [sửa lại cái mái dột|có cái sổ] trước khi [yếu hơn|về quê].",
            "Mỗi lần lên phường là [xin nghỉ làm|mất nguyên buổi], [tiền mất tật mang|chẳng được gì].",
            "[Nhà bên cạnh|{neighbour}] cũng [kẹt|chờ] y như vậy, không ai [nói rõ lý do|chịu trách nhiệm].",
        ),
    },
    "utilities": {
        "complaint": (
            "Cúp điện ở [{lane},|] {place} từ [sáng|lúc {clock}|hôm qua] tới giờ mà không báo trước, [đồ trong tủ lạnh hư hết|quạt không có mà xài|{kid} khóc cả buổi].",
            "Nước máy ở {lane}, {place} yếu xìu, [tối|tới {late}] mới chảy được một chút[, lại còn có mùi lạ|].",
            "Hóa đơn tiền [nước|điện] tháng này {home} ở {place} [tăng gấp đôi|lên {bill}], dùng y như mọi tháng.",
            "Đèn đường ở {lane}, {place} hư [cả tháng nay|{days}], tối đi về sợ lắm.",
            "[Điện|Nước] ở {place} [chập chờn|lúc có lúc không] {days}, [gọi tổng đài|báo công ty] thì [toàn bấm phím chờ|bảo đang kiểm tra].",
        ),
        "request": (
            "Đề nghị bên điện lực thông báo lịch cắt điện ở {place} sớm hơn để dân còn chủ động.",
            "Mong công ty cấp nước [kiểm tra|thay] đường ống ở {lane}, {place}, nước [đục ngầu|có cặn] {days} rồi.",
        ),
        "question": (
            "{place} có ai bị mất [nước|điện] như {home} không? Gọi tổng đài mãi không được.",
            "Ở {place} [tiền điện|tiền nước] tháng này có ai [tăng vọt|bị tính sai] như {home} không, [phải khiếu nại ở đâu|ai biết chỉ giúp] vậy?",
        ),
        "praise": (
            "Anh em điện lực tới sửa đường dây ở {place} lúc [nửa đêm|{clock}], làm nhanh lắm. Cảm ơn các anh.",
            "Báo [hư đèn đường|bể ống nước] ở {lane}, {place} [buổi sáng|hôm qua] mà [chiều|sáng nay] đã có người tới sửa, [quá nhanh|rất đáng khen].",
        ),
        "info": (
            "Khu vực {place} sẽ tạm ngừng cấp nước từ [22 giờ|21 giờ|23 giờ] tối [nay|{weekday}] đến [5 giờ|4 giờ|6 giờ] sáng hôm sau[, {folks} trữ nước nha|, nhà nào ở {lane} nhớ hứng sẵn|].",
            "[Lịch cúp điện|Điện lực báo cắt điện] ở {place} [sáng {weekday}|ngày mai] từ 7 giờ đến [11 giờ|15 giờ], khu {road} [bị ảnh hưởng|nằm trong danh sách].",
        ),
        "detail": (
            "Trời [nóng|oi] mà [không có điện|mất nước], {kid} [khóc suốt|không ngủ được].",
            "{I} phải [xách xô|đi xin nước] [nhà {neighbour}|ở {spot}] về [nấu cơm|tắm cho con].",
            "Nước chảy ra [vàng khè|có cặn], [phải lọc lại|không dám nấu ăn].",
            "[Tháng trước|Mấy tháng trước] chỉ [{bill}|tầm 400 nghìn] thôi, tháng này [lên vọt|nhảy gấp đôi].",
        ),
    },
}
