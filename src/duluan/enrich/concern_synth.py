"""Composed training sentences: civic problems put in complaint frames and in neutral ones.

Public data has news about every concern but few citizens' own words about them, so the
training set adds sentences composed from the clauses below: a problem ("cống nghẹt, nước
tràn vào nhà") inside a complaint frame ("Mấy hôm nay {p}, đề nghị phường xử lý") is a
complaint about that concern; a neutral fact ("thành phố khởi công trạm bơm") inside a
news or chat frame is not. Clauses and frames are our own writing, kept apart from the
evaluation set, and a third of the composed sentences lose their diacritics, as posts do.
"""

from __future__ import annotations

import random

from ..text.fold import fold_keep_case

__all__ = ["compose_examples"]

# Per concern: problems a resident lives with | neutral facts a newsroom reports.
_CLAUSES: dict[str, tuple[str, str]] = {
    "flooding": (
        "cống nghẹt nên nước tràn vào nhà; mưa chút là ngập tới bánh xe; nước đọng cả tuần "
        "không rút; triều cường dâng làm con hẻm thành sông; mương tiêu bị lấp nên ruộng "
        "bị úng; nước lũ lên nhanh mà chưa có ai sơ tán; đường vào xóm ngập sâu, xe chết máy",
        "thành phố vận hành thêm trạm bơm tiêu thoát nước; dự án chống ngập hoàn thành giai "
        "đoạn một; đài khí tượng dự báo mưa lớn ở vùng trũng; công nhân nạo vét cống trước "
        "mùa mưa; các hồ chứa điều tiết lũ cho hạ du",
    ),
    "traffic": (
        "mặt đường đầy ổ gà, tối qua lại có người té; kẹt xe cả tiếng ở giao lộ; đèn tín "
        "hiệu hỏng mà không ai sửa; xe tải chạy ẩu qua khu dân cư; lô cốt chắn đường cả năm; "
        "vỉa hè bị chiếm hết, người đi bộ phải xuống lòng đường; cầu tạm lung lay sắp sập",
        "bộ đề xuất lắp thêm camera phạt nguội; tuyến cao tốc mới thông xe; xe buýt điều "
        "chỉnh lộ trình dịp lễ; số vụ tai nạn giao thông giảm so với cùng kỳ; thành phố "
        "khởi công cầu vượt mới",
    ),
    "waste": (
        "rác chất đống đầu hẻm cả tuần không ai thu gom; xe rác mấy ngày mới tới một lần; "
        "người ta đổ trộm xà bần ven kênh; bãi rác của xã bốc mùi hôi thối; nước rỉ rác "
        "chảy ra đường; thùng rác công cộng gãy hết, rác vương vãi",
        "các hộ gia đình bắt đầu phân loại rác tại nguồn; nhà máy đốt rác phát điện đi vào "
        "hoạt động; khu phố tổ chức ngày chủ nhật xanh; thành phố thí điểm thu phí rác theo "
        "khối lượng; công ty môi trường tăng ca thu gom rác sau Tết",
    ),
    "pollution": (
        "khói từ lò đốt bay vào nhà suốt đêm; nhà máy xả nước thải đen ngòm ra sông; bụi "
        "công trình phủ kín nhà dân; xưởng chạy máy ồn ào tới khuya; cá chết nổi trắng mặt "
        "hồ; mùi hóa chất nồng nặc khắp xóm; không khí đặc bụi mịn, con nhỏ ho suốt",
        "chỉ số chất lượng không khí hôm nay ở mức tốt; bộ ban hành quy chuẩn khí thải mới; "
        "thành phố lắp thêm trạm quan trắc tự động; các chuyên gia khuyên đeo khẩu trang "
        "khi bụi mịn tăng; dự án cải tạo dòng sông được triển khai",
    ),
    "land_housing": (
        "hồ sơ cấp sổ đỏ nộp mấy năm vẫn chưa có; đất nằm trong quy hoạch treo, không được "
        "xây sửa; giá đền bù thấp hơn giá thị trường nhiều lần; chủ đầu tư chậm giao sổ hồng "
        "cho cư dân; hàng xóm lấn chiếm lối đi chung; bị thu hồi đất mà chưa có chỗ tái "
        "định cư; chủ trọ tăng tiền phòng giữa hợp đồng",
        "luật đất đai mới có hiệu lực từ tháng sau; thành phố phê duyệt quy hoạch phân khu; "
        "giá chung cư tăng nhẹ trong quý; ngân hàng triển khai gói vay nhà ở xã hội; thị "
        "trường bất động sản phục hồi chậm",
    ),
    "prices": (
        "giá thịt giá rau tăng mà lương không tăng; tiền chợ mỗi ngày một đắt; giá xăng tăng "
        "liên tục, đi làm không đủ tiền xăng; mấy tiệm tăng giá gấp đôi sau bão; lúa rớt giá "
        "mà phân bón tăng giá; vé xe ngày Tết bị hét giá; sống ở thành phố đắt đỏ quá",
        "giá xăng giảm nhẹ từ chiều nay; chỉ số giá tiêu dùng tăng nhẹ so với tháng trước; "
        "siêu thị có chương trình giảm giá; bộ yêu cầu doanh nghiệp bình ổn giá dịp Tết; "
        "giá vàng đi ngang trong phiên sáng",
    ),
    "utilities": (
        "mất điện từ sáng tới tối không báo trước; nước máy đục ngầu có mùi lạ; hóa đơn tiền "
        "điện tăng gấp đôi dù dùng như mọi tháng; nước yếu phải thức khuya hứng nước; dây "
        "điện võng sát đầu người; đường ống nước bể mà không ai tới sửa; cả xóm chưa có nước "
        "sạch, dùng nước giếng nhiễm phèn",
        "điện lực thông báo lịch bảo trì lưới điện; nhà máy nước nâng công suất; EVN điều "
        "chỉnh giá bán lẻ điện; tỷ lệ hộ dân dùng nước sạch tăng; đường dây 500 kV đóng điện",
    ),
    "health": (
        "chờ khám ở bệnh viện từ sáng tới chiều; có bảo hiểm y tế mà vẫn phải mua thuốc "
        "ngoài; bệnh nhân nằm ghép ba người một giường; trạm y tế không có bác sĩ; nhân "
        "viên y tế quát tháo người bệnh; xe cấp cứu tới quá trễ; bệnh viện thiếu thuốc cả "
        "tháng nay",
        "bệnh viện thực hiện thành công ca ghép tạng; bộ y tế ghi nhận số ca sốt xuất huyết "
        "giảm; người cao tuổi được khuyên tiêm vắc xin cúm; trạm y tế triển khai khám từ xa; "
        "mức đóng bảo hiểm y tế điều chỉnh theo lương cơ sở",
    ),
    "education": (
        "trường thu đủ thứ khoản đầu năm; học phí tăng gấp đôi; giáo viên ép học sinh đi "
        "học thêm; lớp học quá đông, cô không kèm nổi; phòng học xuống cấp, trần bong tróc; "
        "con bị bạn bắt nạt mà nhà trường làm ngơ; bữa ăn bán trú của các cháu quá ít",
        "bộ giáo dục công bố phương án thi tốt nghiệp; học sinh tiểu học được miễn học phí; "
        "trường đại học công bố điểm chuẩn; học sinh giành huy chương olympic; sở giáo dục "
        "ban hành hướng dẫn tuyển sinh đầu cấp",
    ),
    "public_order": (
        "trộm xe máy liên tục mà chưa bắt được ai; nhóm thanh niên đua xe rú ga mỗi tối; "
        "cướp giật điện thoại trên đường vắng; con nghiện tụ tập trong hẻm; tín dụng đen tạt "
        "sơn nhà dân; đám nhậu đánh nhau gây rối cả xóm; kẻ gian đột nhập lấy tiền vàng",
        "công an triệt phá đường dây đánh bạc; tòa tuyên án bị cáo cướp giật; lực lượng "
        "công an ra quân trấn áp tội phạm; tỷ lệ điều tra khám phá án đạt cao; công an xã "
        "chính quy được bố trí khắp nơi",
    ),
    "public_services": (
        "làm căn cước mà bị hẹn lên hẹn xuống; nộp hồ sơ trực tuyến xong vẫn bắt nộp bản "
        "giấy; hồ sơ trễ hẹn cả tháng không ai trả lời; cán bộ một cửa thái độ hách dịch; "
        "ứng dụng dịch vụ công báo lỗi liên tục; đơn gửi lên ủy ban nửa năm chưa có hồi âm; "
        "xin cái giấy xác nhận phải chạy qua ba phòng",
        "cổng dịch vụ công tích hợp thêm thủ tục trực tuyến; chính phủ yêu cầu cắt giảm thời "
        "gian giải quyết thủ tục; người dân đăng ký tạm trú qua ứng dụng; phường mới tiếp "
        "nhận hồ sơ tại trung tâm hành chính công; bộ công an cấp thẻ căn cước gắn chip",
    ),
    "jobs_wages": (
        "công ty nợ lương công nhân mấy tháng; bị cho nghỉ việc không báo trước; làm tăng "
        "ca mà lương vẫn không đủ sống; công ty không đóng bảo hiểm xã hội; ra trường mấy "
        "năm vẫn thất nghiệp; chủ quán quỵt tiền công; bị trừ lương vô lý",
        "lương tối thiểu vùng tăng từ tháng bảy; tỷ lệ thất nghiệp giảm nhẹ; hội chợ việc làm "
        "có hàng nghìn vị trí tuyển dụng; doanh nghiệp thưởng Tết cho người lao động; ngành "
        "dệt may cần thêm lao động",
    ),
    "food_safety": (
        "ăn ở quán đầu hẻm về cả nhà bị ngộ độc; thịt ôi thiu vẫn bày bán ngoài chợ; rau "
        "phun thuốc trừ sâu đem bán; đồ ăn trước cổng trường không rõ nguồn gốc; hàng hết "
        "hạn bị dán đè nhãn; lò mổ lậu không kiểm dịch; bếp ăn cho học sinh ăn đồ thiu",
        "đoàn kiểm tra an toàn thực phẩm dịp Trung thu; số vụ ngộ độc thực phẩm giảm; cục "
        "an toàn thực phẩm khuyến cáo không ăn nấm lạ; thành phố cấp chứng nhận chuỗi thực "
        "phẩm an toàn; tập huấn cho người kinh doanh thức ăn đường phố",
    ),
    "scams": (
        "bị giả danh công an gọi điện lừa chuyển tiền; bấm vào đường link lạ mà mất sạch "
        "tiền trong tài khoản; đặt cọc qua mạng rồi bị chặn liên lạc; bị lừa làm nhiệm vụ "
        "online mất mấy chục triệu; app vay tiền gọi điện khủng bố cả danh bạ; chủ hụi ôm "
        "tiền bỏ trốn; mua hàng online nhận về đồ giả",
        "công an cảnh báo các thủ đoạn lừa đảo trực tuyến; ngân hàng áp dụng xác thực sinh "
        "trắc học; tòa xét xử đường dây lừa đảo xuyên quốc gia; trang tra cứu tài khoản "
        "nghi lừa đảo ra mắt; công an trả lại tiền cho nạn nhân",
    ),
    "other": (
        "mua tủ lạnh mới hai tuần đã hư mà bảo hành không tới; nhà mạng tự trừ tiền tài "
        "khoản; hàng xóm thả chó rông cắn người; chuyến bay trễ mấy tiếng không ai thông "
        "báo; đồ ăn đặt qua ứng dụng giao trễ, nguội hết; mạng internet chập chờn cả tháng",
        "đội tuyển thắng trận thứ ba liên tiếp; bộ phim mới lập kỷ lục phòng vé; cuối tuần "
        "cả nhà đi biển chơi; ca sĩ tổ chức liveshow vào tháng tới; hội nghị thượng đỉnh "
        "diễn ra ở thủ đô; công thức làm bánh flan mềm mịn",
    ),
}

_COMPLAINT_FRAMES = (
    "Mấy hôm nay {p}, đề nghị cơ quan chức năng xem xét.",
    "{P}, ai có trách nhiệm thì xử lý giùm.",
    "Nhà tôi ở {place}, {p}, rất mong chính quyền quan tâm.",
    "Bức xúc quá, {p} mà không ai giải quyết.",
    "{P}, dân khổ lắm rồi.",
    "Xin phản ánh: ở {place} {p}.",
    "Kính gửi UBND, {p}, kính mong được giải quyết sớm.",
    "{P}, vậy là sao?",
    "Ở {place} {p}, báo nhiều lần mà vẫn vậy.",
    "{P}, chịu hết nổi.",
    "Người dân {place} phản ánh {p}.",
    "Cứu với mọi người, {p}.",
    "{P}, không biết kêu ai.",
    "Tại sao {p} mà không ai chịu trách nhiệm?",
    "{P}, năm nào cũng vậy, chán thật.",
    "Nhiều hộ dân bức xúc vì {p}.",
    "{P}.",
    "{P}, mệt mỏi quá.",
    "Mong mọi người giúp đỡ, {p}.",
    "Xóm tui {p}, mong được xử lý.",
)
_NEUTRAL_FRAMES = (
    "{P}.",
    "Theo kế hoạch, {p}.",
    "Ông giám đốc sở cho biết {p}.",
    "Tin mới: {p}.",
    "Sáng nay, {p}.",
    "Báo cáo cho thấy {p}.",
    "Mọi người lưu ý: {p} nhé.",
    "Đọc tin thấy {p}, hay ghê.",
    "Tại {place}, {p}.",
    "{P}, theo thông tin từ ủy ban.",
)
_PLACES = (
    "phường Tân Định", "xã Hòa Phước", "quận 8", "Thủ Đức", "Cầu Giấy", "Hải Châu",
    "Ninh Kiều", "Biên Hòa", "thị trấn Hà Lam", "phường Vĩnh Hải", "Hóc Môn", "Long Biên",
    "xã Tân Thạnh", "Thanh Xuân", "Bình Tân", "Dĩ An", "phường Hưng Dũng", "Buôn Ma Thuột",
)  # fmt: skip


def _split(clauses: str) -> list[str]:
    return [c.strip() for c in clauses.split(";") if c.strip()]


def _fill(frame: str, clause: str, rng: random.Random) -> str:
    return frame.format(p=clause, P=clause[:1].upper() + clause[1:], place=rng.choice(_PLACES))


def compose_examples(per_concern: int, seed: int) -> list[tuple[str, bool, str]]:
    """(text, complaint, concern) triples: `per_concern` complaints and as many neutrals."""
    rng = random.Random(seed)
    examples: list[tuple[str, bool, str]] = []
    for concern, (problems, facts) in sorted(_CLAUSES.items()):
        for complaint, clauses, frames in (
            (True, _split(problems), _COMPLAINT_FRAMES),
            (False, _split(facts), _NEUTRAL_FRAMES),
        ):
            for _ in range(per_concern):
                text = _fill(rng.choice(frames), rng.choice(clauses), rng)
                if rng.random() < 0.33:
                    text = fold_keep_case(text)
                examples.append((text, complaint, concern))
    return examples
