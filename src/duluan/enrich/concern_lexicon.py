"""The phrases the concern labeller matches: topic terms per concern and complaint markers.

Written by hand from how Vietnamese news and posts talk about civic problems, not from
the evaluation set. Every phrase is matched on folded text (no diacritics, đ → d, teencode
expanded, punctuation removed) as whole syllables, so "ngập nước", "ngap nuoc" and
"NGẬP NƯỚC" are one match. A phrase that becomes ambiguous once folded ("giá" → "gia", as
in "gia đình") is only listed inside a longer phrase ("tăng giá", "giá cả").

Weights: 2 for a phrase that alone names the concern ("sổ đỏ", "học phí"), 1 for one that
leans towards it ("chung cư", "bệnh nhân"). Complaint markers carry signed weights: a
petition formula ("kính gửi", "đề nghị cơ quan chức năng") counts more than a hint of
exasperation ("hoài"), and newsroom or advice phrasing ("cho biết", "mẹo") counts against.
"""

from __future__ import annotations

__all__ = ["COMPLAINT_FAMILIES", "COMPLAINT_MARKERS", "TOPIC_TERMS"]


def _terms(strong: str, weak: str = "") -> dict[str, float]:
    """Semicolon-separated phrases: `strong` ones weigh 2, `weak` ones 1."""
    table = {p.strip(): 1.0 for p in weak.split(";") if p.strip()}
    table.update({p.strip(): 2.0 for p in strong.split(";") if p.strip()})
    return table


TOPIC_TERMS: dict[str, dict[str, float]] = {
    "flooding": _terms(
        "ngập nước; ngập úng; ngập sâu; ngập lụt; bị ngập; ngập nặng; ngập lênh láng; "
        "ngập tới; ngập đến; ngập trắng; thoát nước; chống ngập; điểm ngập; triều cường; "
        "lũ lụt; lũ quét; nước lũ; mưa lũ; xả lũ; sạt lở bờ sông; nước tràn vào nhà; "
        "nước tràn vô nhà; cống thoát nước; hố ga; mương thoát; kênh tiêu; úng ngập",
        "ngập; lũ; mưa lớn; mưa to; nạo vét; khơi thông; trạm bơm; đê bao; "
        "nước đọng; mùa mưa; vùng trũng; rốn ngập; nước rút; lội nước; thành sông; "
        "cứu hộ; sơ tán; bờ bao; hồ điều tiết; thủy văn; nước dâng",
    ),
    "traffic": _terms(
        "giao thông; kẹt xe; ùn tắc; tắc đường; kẹt cứng; ổ gà; ổ voi; tai nạn giao thông; "
        "đèn tín hiệu; đèn giao thông; đèn đỏ; xe buýt; cao tốc; quốc lộ; tỉnh lộ; "
        "đường sá; mặt đường; lòng đường; vỉa hè; cầu vượt; hầm chui; phân luồng; "
        "lạng lách; xe container; xe tải; xe ben; gờ giảm tốc; biển báo; metro; "
        "đường sắt; trạm thu phí; xuống cấp nghiêm trọng; csgt; cảnh sát giao thông",
        "xe máy; ô tô; lô cốt; thi công; tai nạn; lưu thông; xe khách; "
        "đường liên xã; đường đất; lầy lội; trải nhựa; sụp lún; dải phân cách; bãi xe; "
        "giữ xe; giờ cao điểm; nút giao; ngã tư; ngã ba; thông xe; bằng lái; "
        "nồng độ cồn; phạt nguội; té xe; mũ bảo hiểm; tuyến buýt; đường cấm",
    ),
    "waste": _terms(
        "rác thải; bãi rác; thu gom rác; xe rác; đổ rác; xả rác; vứt rác; rác sinh hoạt; "
        "phân loại rác; điểm tập kết rác; tiền rác; phí rác; đổ trộm; xà bần; "
        "nước rỉ rác; rác tồn đọng; trạm trung chuyển rác; nhà vệ sinh công cộng; "
        "vệ sinh môi trường; rác nhựa; rác y tế; chôn lấp rác; lò đốt rác",
        "rác; ruồi nhặng; chuột; thùng rác; túi ni lông; chai nhựa; vệ sinh; "
        "công nhân môi trường; công ty môi trường; quét đường; dọn rác; nhặt rác; "
        "bốc mùi; hôi thối; cống rãnh; tái chế; chất thải rắn; ve chai",
    ),
    "pollution": _terms(
        "ô nhiễm; bụi mịn; khói bụi; khí thải; nước thải; xả thải; xả khí thải; "
        "chất lượng không khí; aqi; pm2 5; mùi hôi; khói đen; tiếng ồn; ồn ào; "
        "cá chết; đen ngòm; hóa chất; quan trắc; lò gạch; lò đốt; đốt rơm rạ; "
        "ô nhiễm không khí; ô nhiễm nguồn nước; tiếng ồn ào; bụi đá; bụi xi măng",
        "bụi; tanh; nhà máy; khu công nghiệp; trang trại; "
        "khẩu trang; máy lọc không khí; hô hấp; ngột ngạt; khó thở; kênh; "
        "nước giếng; môi trường; karaoke; loa; mỏ đá; trạm trộn; phát thải",
    ),
    "land_housing": _terms(
        "đất đai; sổ đỏ; sổ hồng; giấy chứng nhận quyền sử dụng đất; quy hoạch; "
        "quy hoạch treo; thu hồi đất; giải phóng mặt bằng; đền bù; bồi thường; "
        "tái định cư; giải tỏa; cưỡng chế; chung cư; nhà ở xã hội; chủ đầu tư; "
        "bất động sản; tranh chấp đất; lấn chiếm; xây dựng trái phép; phân lô; "
        "tách thửa; bảng giá đất; giá đất; giá nhà; nhà trọ; phòng trọ; tiền trọ; "
        "tiền thuê nhà; căn hộ; ban quản trị; phí quản lý; chủ trọ",
        "xây nhà; cấp phép xây dựng; mua nhà; thuê nhà; nền đất; thổ cư; "
        "nhà nứt; nứt tường; sạt lở; dự án; ban quản lý; cư dân; khu đô thị; "
        "thuế đất; chuyển mục đích; địa chính; giấy tờ nhà; tiền cọc",
    ),
    "prices": _terms(
        "giá cả; tăng giá; lên giá; đắt đỏ; chi phí sinh hoạt; giá xăng; giá điện tăng; "
        "giá thịt; giá rau; giá gas; giá vé; giá vàng; giá thuốc; rớt giá; mất giá; "
        "giảm giá; chặt chém; cắt cổ; lạm phát; cpi; chỉ số giá; bình ổn giá; "
        "găm hàng; đầu ra; thương lái; giá heo; giá lúa; giá phân bón; "
        "giá thức ăn chăn nuôi; giá sữa; quản lý thị trường; "
        # Cost of living as households write it (added 2026-12-07 after `duluan demo`
        # read such posts as "other"; a phrase that folds into a common word, like "tã",
        # only inside a longer one).
        "bình gas; sữa bột; hộp sữa; tã bỉm; bỉm sữa; "
        "không đủ sống; không đủ ăn; thắt lưng buộc bụng; leo thang; cái gì cũng lên giá; "
        "cái gì cũng tăng; lương không theo kịp; đồng lương còm",
        "tiền chợ; đi chợ; chi tiêu; mua sắm; vật giá; tiền ăn; "
        "xăng; bán giá; hét giá; thu phí; phí; nông dân; lỗ vốn; cửa hàng; "
        "siêu thị; đồng lương; lương không tăng; chật vật; hụt tiền; "
        "thịt heo; mớ rau; bó rau; tã cho con",
    ),
    "utilities": _terms(
        "mất điện; cúp điện; cắt điện; tiền điện; hóa đơn điện; giá điện; điện lực; "
        "evn; công tơ; mất nước; cúp nước; nước máy; nước sạch; nước sinh hoạt; "
        "tiền nước; cấp nước; đường ống nước; vỡ ống nước; bể ống; nước yếu; "
        "điện chập chờn; trụ điện; cột điện; dây điện; lưới điện; đồng hồ nước; "
        "nhiễm phèn; hạn mặn; thiếu nước ngọt; sawaco",
        "nước đục; mùi clo; nhà máy nước; trạm biến áp; điện mặt trời; "
        "chập cháy; bình nước; giếng khoan; giếng; thủy điện; đường dây; "
        "tiết kiệm điện; internet; cáp quang",
    ),
    "health": _terms(
        "y tế; bệnh viện; bác sĩ; bệnh nhân; bảo hiểm y tế; bhyt; trạm y tế; khám bệnh; "
        "cấp cứu; nhập viện; điều trị; vắc xin; tiêm chủng; sốt xuất huyết; dịch bệnh; "
        "thuốc men; phòng khám; điều dưỡng; y sĩ; chuyển tuyến; sản phụ; "
        "ung thư; chạy thận; nằm ghép; xe cứu thương; sở y tế; bộ y tế",
        "bệnh; khám; thuốc men; tiền thuốc; mua thuốc; sức khỏe; sốt; viện phí; giường bệnh; "
        "vật tư y tế; nhân viên y tế; nhà thuốc; ca bệnh; nhiễm trùng",
    ),
    "education": _terms(
        "giáo dục; học phí; học sinh; giáo viên; nhà trường; trường học; lớp học; "
        "học thêm; dạy thêm; tuyển sinh; sách giáo khoa; phụ huynh; sinh viên; "
        "mầm non; tiểu học; trung học; đại học; thi tốt nghiệp; điểm chuẩn; "
        "bán trú; khoản thu đầu năm; quỹ lớp; quỹ phụ huynh; cô giáo; thầy giáo; "
        "phòng giáo dục; sở giáo dục; bộ giáo dục; điểm trường; hs; gv",
        "học; con đi học; đồng phục; cặp sách; bài tập; "
        "chủ nhiệm; biên chế giáo viên; học bổng; ký túc xá; tiếng anh; chương trình học",
    ),
    "public_order": _terms(
        "an ninh; trật tự; trộm cắp; mất trộm; kẻ trộm; trộm xe; cướp giật; cướp; "
        "đua xe; côn đồ; băng nhóm; đánh nhau; hỗn chiến; gây rối; ma túy; "
        "nghiện; ngáo đá; đánh bạc; cờ bạc; tín dụng đen; cho vay nặng lãi; "
        "xã hội đen; bảo kê; mại dâm; tạt sơn; công an phường; công an xã; "
        "tuần tra; đột nhập; kẻ gian; bắt nạt; đánh hội đồng",
        "công an; trộm; say xỉn; hung khí; tụ tập; đòi nợ; camera; "
        "tội phạm; khởi tố; bị cáo; điều tra; hình sự; an toàn khu phố; ăn xin",
    ),
    "public_services": _terms(
        "thủ tục hành chính; dịch vụ công; một cửa; hồ sơ; căn cước; cccd; hộ chiếu; "
        "khai sinh; hộ khẩu; tạm trú; thường trú; vneid; giấy xác nhận; "
        "chứng thực; công chứng; giấy phép; cán bộ phường; cán bộ xã; trễ hẹn; "
        "hẹn lên hẹn xuống; trả hồ sơ; đơn khiếu nại; đường dây nóng; "
        "cổng dịch vụ công; trung tâm phục vụ hành chính công; lý lịch tư pháp; "
        "trợ cấp; chế độ chính sách; người có công; sáp nhập phường",
        "thủ tục; giấy tờ; ủy ban; ubnd; cán bộ; nộp; xác nhận; đăng ký; "
        "cấp đổi; bằng lái; gplx; hành chính; trực tuyến; online; bưu điện; "
        "lương hưu; chờ duyệt; chữ ký",
    ),
    "jobs_wages": _terms(
        "việc làm; tiền lương; nợ lương; chậm lương; quỵt lương; trả lương; lương tối thiểu; "
        "thất nghiệp; mất việc; nghỉ việc; sa thải; cắt giảm lao động; công nhân; "
        "người lao động; tăng ca; bảo hiểm xã hội; bhxh; hợp đồng lao động; "
        "trợ cấp thôi việc; công đoàn; liên đoàn lao động; tuyển dụng; xuất khẩu lao động; "
        "thu nhập; lương hưu; lương cơ sở; thưởng tết; ngừng việc; đình công",
        "việc; công ty; cty; xí nghiệp; nhà xưởng; ca đêm; shipper; tài xế; "
        "chủ xưởng; phụ cấp; định mức; biên chế; phỏng vấn; xin việc",
    ),
    "food_safety": _terms(
        "an toàn thực phẩm; vệ sinh an toàn thực phẩm; attp; ngộ độc; ngộ độc thực phẩm; "
        "thực phẩm bẩn; thịt bẩn; hàn the; chất tẩy trắng; chất cấm; thuốc trừ sâu; "
        "dư lượng; không rõ nguồn gốc; hết hạn sử dụng; ôi thiu; hàng giả; "
        "bếp ăn tập thể; lò mổ; kiểm dịch; ngâm hóa chất; rượu methanol; "
        "ngộ độc methanol; thực phẩm chức năng; bơm nước; thức ăn",
        "thực phẩm; thịt; rau; đồ ăn; quán ăn; bánh mì; bếp ăn; "
        "đau bụng; tiêu chảy; hạn sử dụng; rượu; nước mía; "
        "trà sữa; đồ ăn vặt; xôi; bún; giò chả; pate",
    ),
    "scams": _terms(
        "lừa đảo; bị lừa; chiếm đoạt; giả danh; giả mạo; mạo danh; lừa tiền; "
        "sàn ảo; tiền ảo; đa cấp; app vay; vay tiền online; vay online; mã otp; otp; "
        "đường link lạ; chuyển khoản; tài khoản ngân hàng; hack; chiếm quyền; "
        "việc nhẹ lương cao; làm nhiệm vụ; trúng thưởng; vỡ hụi; bể hụi; "
        "dự án ma; lừa đặt cọc; shop lừa; cuộc gọi lạ",
        "chuyển tiền; tài khoản; zalo; facebook; fanpage; ngân hàng; link; "
        "đặt cọc; đầu tư; lãi suất cao; chặn liên lạc; mất liên lạc; bỏ trốn",
    ),
}

# Signed weights; the score is their sum over the distinct markers found. The families
# are kept apart because the stacked model weighs each family's sum on its own.
COMPLAINT_FAMILIES: dict[str, dict[str, float]] = {}
COMPLAINT_FAMILIES["petition"] = {
    # 1. petition and complaint vocabulary
    "bức xúc": 2.5, "phản ánh": 2.0, "phản ảnh": 2.0, "kiến nghị": 2.0, "khiếu nại": 2.0,
    "tố cáo": 2.0, "kêu cứu": 3.0, "cầu cứu": 3.0, "cứu với": 3.0, "cứu giúp": 2.5,
    "than phiền": 2.0, "phàn nàn": 2.0, "kính gửi": 2.5, "kính mong": 2.5,
    "đề nghị cơ quan chức năng": 3.0, "đề nghị chính quyền": 3.0, "đề nghị kiểm tra": 2.5,
    "đề nghị xử lý": 2.5, "đề nghị xem xét": 2.5, "đề nghị làm rõ": 2.5, "đề nghị": 1.0,
    "mong cơ quan chức năng": 3.0, "mong chính quyền": 3.0, "mong được": 2.0,
    "rất mong": 2.0, "mong các": 1.5, "mong phường": 2.5, "mong xã": 2.5,
    "xin được giúp đỡ": 3.0, "xin giúp đỡ": 3.0, "giúp đỡ": 1.0, "giúp với": 2.0,
    "giúp em với": 2.0, "giúp mình với": 1.0, "xin cứu xét": 3.0, "cứu xét": 2.5,
    "vào cuộc": 2.0, "can thiệp": 2.0, "xử lý gấp": 2.5, "xử lý dứt điểm": 2.5,
    "giải quyết dứt điểm": 2.5, "khắc phục": 1.0, "làm đơn": 2.0, "gửi đơn": 2.0,
    "trình báo": 1.5, "đòi lại": 1.5, "đòi quyền lợi": 2.0, "biểu tình": 2.0,
}  # fmt: skip
COMPLAINT_FAMILIES["nobody_acts"] = {
    # 2. nobody acts, it has lasted, who is responsible
    "không ai giải quyết": 3.0, "chưa được giải quyết": 2.5, "không được giải quyết": 2.5,
    "không ai xử lý": 3.0, "chưa ai xử lý": 3.0, "chưa thấy ai": 2.5, "không ai tới": 2.5,
    "không thấy ai": 2.0, "không ai quản": 2.5, "không ai chịu": 2.0, "ai quản lý": 2.0,
    "ai có trách nhiệm": 3.0, "ai chịu trách nhiệm": 3.0, "trách nhiệm": 0.5,
    "ai giải quyết": 2.5, "ai kiểm tra": 2.0, "báo hoài": 2.5, "báo mãi": 2.5,
    "báo nhiều lần": 2.5, "bao nhiêu lần": 2.0, "nhiều lần": 1.0, "hứa mãi": 2.0,
    "hẹn mãi": 2.0, "hẹn hoài": 2.0, "mấy ngày nay": 1.5, "mấy tuần nay": 1.5,
    "mấy tháng nay": 1.5, "cả tuần nay": 1.5, "cả tháng nay": 1.5, "năm nào cũng": 1.5,
    "ngày nào cũng": 1.0, "tối nào cũng": 1.0, "đêm nào cũng": 1.0, "hoài": 1.0,
    "mãi không": 1.5, "vẫn chưa": 1.0, "tới giờ": 0.5, "đến nay": 0.5,
    "làm ngơ": 2.5, "im re": 2.0, "né tránh": 1.5, "đùn đẩy": 2.5, "đẩy qua đẩy lại": 2.5,
}  # fmt: skip
COMPLAINT_FAMILIES["hardship"] = {
    # 3. exasperation and hardship
    "khổ quá": 2.0, "khổ lắm": 2.0, "khổ sở": 1.5, "chịu không nổi": 2.5,
    "không chịu nổi": 2.5, "chịu hết nổi": 2.5, "sống sao nổi": 2.5, "sống không nổi": 2.5,
    "không nổi": 1.0, "bất công": 2.0, "vô lý": 2.0, "quá đáng": 2.0, "bực mình": 2.0,
    "thất vọng": 1.5, "mệt mỏi": 1.0, "xót": 1.0, "lo lắng": 1.0,
    "lo lắm": 1.5, "nguy hiểm": 1.0, "kinh khủng": 1.0, "hách dịch": 2.0,
    "cắt cổ": 1.5, "chặt chém": 1.5, "quỵt": 2.0, "nợ lương": 1.5, "mất trắng": 1.5,
    "thiệt hại": 1.0, "lao đao": 1.5, "khóc ròng": 2.0, "bị lừa": 1.5, "mất sạch": 1.5,
    "làm ăn kiểu gì": 2.5, "kiểu gì vậy": 2.0, "vậy là sao": 2.5, "là sao": 1.0,
    "có đúng không": 1.5, "đâu hết": 2.0, "đâu rồi": 1.5, "để làm gì": 1.5,
    "bao giờ mới": 2.0, "tới bao giờ": 2.0, "đến bao giờ": 2.0, "sao không": 1.0,
    "tại sao": 0.5, "vì sao": 0.5, "ai đền": 2.0, "có đền bù không": 2.0, "ai lo": 1.5,
    "không biết kêu ai": 3.0, "kêu ai": 2.0, "phải làm sao": 2.0, "làm sao đây": 1.5,
    "xin hỏi": 1.0, "dùm": 1.0, "giùm": 1.0, "khẩn cấp": 1.0,
    "người dân": 0.5, "bà con": 0.5, "hộ dân": 1.0, "cử tri": 1.5, "tiểu thương": 0.5,
}  # fmt: skip
COMPLAINT_FAMILIES["sufferer"] = {
    # 3b. a first-person sufferer, a request, a broken or missing thing: each alone is
    # weak (news says "xuống cấp" too), together they make the complaint.
    "nhà tôi": 1.0, "nhà tui": 1.0, "nhà mình": 0.5, "nhà em": 1.0, "xóm tôi": 1.5,
    "xóm tui": 1.5, "xã tôi": 1.5, "xã tui": 1.5, "khu phố tôi": 1.5, "phường tôi": 1.5,
    "con tôi": 1.0, "mẹ tôi": 1.0, "bố tôi": 1.0, "ông tôi": 1.0, "gia đình tôi": 1.0,
    "tụi tui": 1.0, "chúng tôi": 0.5, "dân mình": 1.0, "dân tui": 1.0, "em bị": 1.0,
    "tôi bị": 1.0, "mình bị": 1.0, "bị mất": 1.0, "mong": 1.0, "xin": 0.5, "chính quyền": 1.0,
    "cơ quan chức năng": 1.0, "mà vẫn": 1.0, "mà không": 1.0, "mà chưa": 1.0,
    "không ai": 1.5, "chưa ai": 1.5, "chưa có": 0.5, "chưa được": 1.0, "không được": 0.5,
    "xuống cấp": 1.0, "hư hỏng": 1.0, "bị hư": 1.0, "hư hết": 1.5, "hỏng": 0.5,
    "bốc mùi": 1.0, "hôi thối": 1.5, "nồng nặc": 1.0, "kẹt cứng": 1.0, "nghẹt": 1.0,
    "thiếu": 0.5, "quát": 1.0, "thái độ": 1.0, "chờ": 0.5, "không xong": 1.5, "lỗi": 0.5,
    "ế ẩm": 1.0, "thiệt": 0.5, "sống chung với": 1.5, "lo ngại": 1.0, "khó khăn": 0.5,
    "trễ hẹn": 1.5, "quá hạn": 1.0, "không báo trước": 1.5, "không thông báo": 1.0,
    "tăng vọt": 1.0, "gấp đôi": 0.5, "ai cho": 1.5, "phạt mạnh": 1.5, "dẹp": 1.0,
    "nhức nhối": 1.5, "tràn lan": 1.0, "ngang nhiên": 1.5, "công khai": 0.0,
    "không ăn thua": 1.5, "qua loa": 1.5, "ẩu": 1.0, "hứa": 0.5, "kêu": 0.5,
    "quá trời": 0.5, "quá": 0.5, "ghê": 0.0, "chán": 1.0, "nản": 1.0, "cực": 0.5,
}  # fmt: skip
COMPLAINT_FAMILIES["against"] = {
    # 4. neutral news, advice, praise and small talk count against
    "cho biết": -1.5, "theo kế hoạch": -2.0, "dự kiến": -1.5, "khởi công": -2.0,
    "thông xe": -2.0, "hoàn thành": -1.0, "ban hành": -1.5, "công bố": -1.5,
    "triển khai": -1.0, "tổ chức": -0.5, "khuyến cáo": -1.5, "hướng dẫn": -1.5,
    "mẹo nhỏ": -2.0, "mẹo hay": -2.0, "chia sẻ kinh nghiệm": -2.0, "kinh nghiệm": -1.0, "tham khảo": -1.5,
    "cảm ơn": -2.5, "cám ơn": -2.5, "tuyển dụng": -1.0, "cần tuyển": -2.0, "tuyển nhân viên": -2.0, "chúc mừng": -2.5,
    "cần bán": -2.5, "review": -2.0, "cho mình hỏi": -1.5, "cho hỏi": -1.0,
    "ai biết": -1.0, "thích": -1.0, "vui": -1.0,
    "tuyệt vời": -1.5, "yên tâm": -1.5, "nhanh gọn": -1.5, "nhiệt tình": -1.5,
    "tận tình": -1.5, "bắt giữ": -1.5, "triệt phá": -2.0, "tuyên án": -2.0,
    "tuyên phạt": -2.0, "xử phạt": -0.5, "đã bắt": -1.0, "tăng cường": -0.5,
    "thí điểm": -1.5, "đề xuất": -1.0, "tăng trưởng": -1.5, "kỷ lục": -1.0,
    "trả lời kiến nghị": -3.0, "trả lời chất vấn": -3.0, "tiếp thu": -2.0,
    "tiếp nhận": -1.0, "sau phản ánh": -3.0, "đại biểu": -1.5, "bộ trưởng": -1.0,
}  # fmt: skip
COMPLAINT_MARKERS: dict[str, float] = {
    k: v for family in COMPLAINT_FAMILIES.values() for k, v in family.items()
}
