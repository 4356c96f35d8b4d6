"""News articles in press register, by theme.

An article is a title, a lead, three to five body sentences and a closing line.
Slots: {place} the place as the press writes it ("phường Tân Định, TP.HCM"),
{prov} the province, {date} ("ngày 12/10"), {n} a count, {pct} a percentage.
A story fixes its slot values once, so syndicated copies keep the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NewsTheme:
    concern: str | None
    sentiment: str
    is_complaint: bool  # the article reports residents' complaints
    local: bool  # about a ward (True) or a province (False)
    titles: tuple[str, ...]
    leads: tuple[str, ...]
    body: tuple[str, ...]
    closings: tuple[str, ...]


NEWS_THEMES: dict[str, NewsTheme] = {
    "flooding": NewsTheme(
        "flooding", "negative", True, True,
        ("Mưa lớn, nhiều tuyến đường ở {place} ngập sâu", "Người dân {place} khổ sở vì ngập sau mỗi cơn mưa"),
        (
            "Chiều {date}, cơn mưa lớn kéo dài hơn một giờ khiến nhiều tuyến đường ở {place} ngập sâu, giao thông ùn ứ đến tối.",
            "Chỉ sau khoảng 40 phút mưa vào chiều {date}, nhiều tuyến hẻm ở {place} đã chìm trong nước, người dân phải dắt bộ xe máy.",
        ),
        (
            "Theo ghi nhận, nước ngập sâu 20–40 cm, nhiều xe máy chết máy giữa đường, người dân phải dắt bộ hàng trăm mét.",
            "Một số hộ kinh doanh ven đường phải dùng bao cát chắn trước cửa để nước không tràn vào nhà.",
            "Người dân cho biết tình trạng này lặp lại nhiều năm nay, mỗi khi mưa lớn trùng với triều cường là nước rút rất chậm.",
            "Đại diện chính quyền địa phương cho biết hệ thống cống thoát nước trong khu vực đã xuống cấp, tiết diện nhỏ, không đáp ứng được lượng mưa lớn.",
            "Đơn vị quản lý thoát nước đã bố trí xe hút nước và công nhân túc trực tại các điểm ngập nặng.",
            "Theo kế hoạch, dự án cải tạo tuyến cống chính của khu vực sẽ được triển khai trong năm tới với tổng vốn hơn {n} tỷ đồng.",
        ),
        ("Cơ quan khí tượng dự báo mưa lớn còn kéo dài trong những ngày tới, người dân cần chủ động phòng tránh.",),
    ),
    "traffic": NewsTheme(
        "traffic", "negative", True, True,
        ("Ùn tắc kéo dài tại cửa ngõ {place}", "Công trình chậm tiến độ, giao thông ở {place} rối loạn"),
        (
            "Sáng {date}, giao thông qua khu vực {place} ùn tắc kéo dài nhiều giờ, hàng nghìn phương tiện nhích từng chút một.",
            "Công trình mở rộng đường qua {place} chậm tiến độ nhiều tháng khiến tình trạng kẹt xe diễn ra gần như mỗi ngày.",
        ),
        (
            "Rào chắn chiếm gần nửa mặt đường, trong khi lưu lượng xe giờ cao điểm rất lớn.",
            "Nhiều người dân phản ánh mặt đường xuất hiện ổ gà, đọng nước, tiềm ẩn nguy cơ tai nạn.",
            "Lực lượng cảnh sát giao thông đã được tăng cường để phân luồng tại các nút giao trọng điểm.",
            "Chủ đầu tư cho biết sẽ hoàn trả mặt bằng từng đoạn, dự kiến thông xe toàn tuyến trước cuối năm.",
            "Theo Sở Xây dựng, khu vực này có khoảng {n} nghìn lượt xe đi qua mỗi ngày.",
        ),
        ("Người dân được khuyến cáo chủ động lựa chọn lộ trình khác để tránh ùn tắc.",),
    ),
    "waste": NewsTheme(
        "waste", "negative", True, True,
        ("Rác thải ùn ứ tại {place}", "Bãi rác tự phát gây ô nhiễm ở {place}"),
        (
            "Nhiều ngày qua, người dân {place} phản ánh rác thải sinh hoạt tồn đọng dọc các tuyến đường, bốc mùi hôi thối.",
            "Một bãi rác tự phát rộng hàng trăm mét vuông xuất hiện tại {place}, gây ô nhiễm nghiêm trọng cho khu dân cư.",
        ),
        (
            "Theo người dân, rác được đổ trộm chủ yếu vào ban đêm, gồm cả rác sinh hoạt lẫn xà bần.",
            "Mùi hôi bốc lên nồng nặc, nhất là sau các cơn mưa, khiến nhiều hộ phải đóng kín cửa cả ngày.",
            "Chính quyền địa phương cho biết đã phối hợp với đơn vị vệ sinh môi trường tổ chức thu dọn và lắp camera giám sát.",
            "Thời gian tới, địa phương sẽ xử phạt nghiêm các trường hợp xả rác không đúng nơi quy định.",
            "Theo quy định mới, hộ gia đình phải phân loại rác tại nguồn trước khi chuyển giao cho đơn vị thu gom.",
        ),
        ("Người dân có thể phản ánh qua đường dây nóng của địa phương để được xử lý kịp thời.",),
    ),
    "environment": NewsTheme(
        "pollution", "negative", True, True,
        ("Kênh rạch ô nhiễm, người dân {place} sống chung với mùi hôi", "Xưởng tái chế gây ô nhiễm giữa khu dân cư {place}"),
        (
            "Nhiều năm nay, người dân sống ven con kênh tại {place} phải chịu cảnh nước đen, mùi hôi bốc lên nồng nặc.",
            "Người dân {place} phản ánh một xưởng tái chế nhựa thường xuyên xả khói, bụi ra khu dân cư vào ban đêm.",
        ),
        (
            "Qua kiểm tra, cơ quan chức năng xác định cơ sở này chưa có hồ sơ đánh giá tác động môi trường theo quy định.",
            "Lớp bùn dưới đáy kênh dày hơn một mét, rác thải nhựa trôi nổi nhiều đoạn.",
            "Các hộ dân cho biết trẻ nhỏ và người già trong khu vực thường xuyên bị ho, khó thở.",
            "Địa phương đã có văn bản đề nghị nạo vét, khơi thông dòng chảy trong quý tới.",
            "Theo kết quả quan trắc gần nhất, nhiều chỉ tiêu chất lượng nước vượt ngưỡng cho phép.",
        ),
        ("Cơ quan chức năng cho biết sẽ tiếp tục kiểm tra và xử lý dứt điểm trong tháng này.",),
    ),
    "utilities": NewsTheme(
        "utilities", "neutral", False, True,
        ("Tạm ngừng cấp điện, nước tại {place} để bảo trì", "Người dân {place} phản ánh nước sinh hoạt yếu, có mùi lạ"),
        (
            "Đơn vị cấp nước thông báo sẽ tạm ngừng cung cấp nước tại một số khu vực thuộc {place} từ tối {date} để sửa chữa đường ống.",
            "Nhiều hộ dân tại {place} cho biết nước máy chảy yếu, có thời điểm mất nước hoàn toàn vào giờ cao điểm.",
        ),
        (
            "Thời gian ngừng cung cấp dự kiến kéo dài khoảng tám giờ.",
            "Đơn vị cấp nước khuyến cáo người dân chủ động trữ nước trước thời gian thi công.",
            "Theo đơn vị quản lý, nguyên nhân là một tuyến ống chính bị rò rỉ, cần thay thế đoạn dài khoảng {n} mét.",
            "Ngành điện cũng thông báo lịch bảo trì lưới điện khu vực vào cuối tuần.",
            "Các trường hợp cần hỗ trợ có thể liên hệ tổng đài chăm sóc khách hàng.",
        ),
        ("Đơn vị cam kết sẽ rút ngắn thời gian thi công ở mức thấp nhất.",),
    ),
    "admin": NewsTheme(
        "public_services", "neutral", False, True,
        ("{place} đẩy mạnh giải quyết thủ tục hành chính trực tuyến", "Người dân đến làm thủ tục tại {place} tăng mạnh sau sắp xếp đơn vị hành chính"),
        (
            "Sau khi sắp xếp lại đơn vị hành chính, trung tâm phục vụ hành chính công {place} tiếp nhận trung bình {n} hồ sơ mỗi ngày.",
            "Từ đầu tháng, {place} triển khai tiếp nhận hồ sơ vào sáng thứ Bảy nhằm giảm tải cho các ngày trong tuần.",
        ),
        (
            "Phần lớn hồ sơ liên quan đến chứng thực, hộ tịch và đất đai.",
            "Một số người dân phản ánh phải chờ lâu vào đầu giờ sáng do lượng hồ sơ dồn ứ.",
            "Địa phương đã bố trí thêm cán bộ hướng dẫn người dân nộp hồ sơ qua cổng dịch vụ công.",
            "Tỷ lệ hồ sơ được giải quyết đúng hạn đạt hơn 95%, theo báo cáo của địa phương.",
            "Người cao tuổi được ưu tiên và hỗ trợ thao tác trên thiết bị tại chỗ.",
        ),
        ("Địa phương cho biết sẽ tiếp tục rà soát, rút ngắn thời gian giải quyết thủ tục.",),
    ),
    "health": NewsTheme(
        "health", "neutral", False, False,
        ("Số ca sốt xuất huyết tại {prov} tăng mạnh", "{prov} triển khai tiêm vắc xin cúm cho người cao tuổi"),
        (
            "Theo ngành y tế {prov}, từ đầu tháng đến nay địa phương ghi nhận hơn {n} ca sốt xuất huyết, tăng so với cùng kỳ năm trước.",
            "Ngành y tế {prov} vừa triển khai đợt tiêm chủng cho người cao tuổi và trẻ nhỏ tại các trạm y tế phường, xã.",
        ),
        (
            "Nhiều bệnh viện tuyến cuối ghi nhận tình trạng quá tải ở khoa truyền nhiễm.",
            "Cơ quan y tế khuyến cáo người dân diệt lăng quăng, loại bỏ các vật dụng chứa nước đọng quanh nhà.",
            "Các đội phun hóa chất diệt muỗi được tăng cường tại những khu vực có ổ dịch.",
            "Người có biểu hiện sốt cao liên tục cần đến cơ sở y tế để được thăm khám, không tự ý điều trị tại nhà.",
            "Các trạm y tế mở cửa cả ngày cuối tuần để phục vụ người dân.",
        ),
        ("Ngành y tế sẽ tiếp tục theo dõi sát diễn biến dịch bệnh trong thời gian tới.",),
    ),
    "education": NewsTheme(
        "education", "neutral", False, False,
        ("Phụ huynh lo lắng về các khoản thu đầu năm học", "{prov} rà soát các khoản thu ngoài học phí"),
        (
            "Nhiều phụ huynh tại {prov} phản ánh các khoản thu đầu năm học tăng, trong đó có nhiều khoản thỏa thuận chưa rõ ràng.",
            "Ngành giáo dục {prov} vừa yêu cầu các trường rà soát, công khai toàn bộ các khoản thu trong năm học.",
        ),
        (
            "Theo quy định, các khoản thu thỏa thuận phải được thống nhất với phụ huynh và công khai trước khi thực hiện.",
            "Một số trường đã hoàn trả các khoản thu chưa đúng quy định sau khi có phản ánh.",
            "Sĩ số lớp học ở các khu vực đông dân vẫn vượt chuẩn, có lớp lên tới 50 học sinh.",
            "Ngành giáo dục cho biết sẽ thành lập đoàn kiểm tra đột xuất tại một số trường.",
            "Phụ huynh có thể phản ánh trực tiếp qua đường dây nóng của ngành giáo dục.",
        ),
        ("Các trường vi phạm sẽ bị xử lý theo quy định.",),
    ),
    "food_safety": NewsTheme(
        "food_safety", "negative", False, False,
        ("Thu giữ hàng tấn thực phẩm không rõ nguồn gốc tại {prov}", "Hàng chục người nhập viện nghi ngộ độc thực phẩm ở {prov}"),
        (
            "Ngày {date}, lực lượng quản lý thị trường {prov} phát hiện một cơ sở tập kết hơn {n} kg thực phẩm đông lạnh không rõ nguồn gốc.",
            "Tối {date}, nhiều người tại {prov} nhập viện với triệu chứng đau bụng, nôn ói sau khi ăn tại một quán ăn.",
        ),
        (
            "Chủ cơ sở không xuất trình được hóa đơn, chứng từ chứng minh nguồn gốc số hàng trên.",
            "Cơ quan chức năng đã lấy mẫu thực phẩm để xét nghiệm, xác định nguyên nhân.",
            "Hiện sức khỏe các bệnh nhân đã ổn định, phần lớn được xuất viện trong ngày.",
            "Toàn bộ số hàng bị tạm giữ để tiếp tục xác minh, xử lý.",
            "Ngành y tế khuyến cáo người dân chỉ mua thực phẩm có nguồn gốc rõ ràng.",
        ),
        ("Vụ việc đang được tiếp tục điều tra làm rõ.",),
    ),
    "scams": NewsTheme(
        "scams", "negative", False, False,
        ("Cảnh báo thủ đoạn giả danh cơ quan chức năng để lừa đảo", "Người phụ nữ ở {prov} bị lừa hơn {n} triệu đồng qua cuộc gọi giả danh"),
        (
            "Công an {prov} vừa phát đi cảnh báo về thủ đoạn giả danh cán bộ gọi điện yêu cầu người dân cài ứng dụng lạ để cập nhật thông tin.",
            "Một người phụ nữ tại {prov} vừa bị chiếm đoạt hơn {n} triệu đồng sau khi làm theo hướng dẫn của người tự xưng là cán bộ.",
        ),
        (
            "Các đối tượng thường tạo tình huống khẩn cấp, đe dọa nạn nhân để buộc họ chuyển tiền.",
            "Sau khi cài ứng dụng theo hướng dẫn, tài khoản ngân hàng của nạn nhân bị chiếm quyền điều khiển.",
            "Cơ quan công an khẳng định không làm việc qua điện thoại và không yêu cầu chuyển tiền vào tài khoản cá nhân.",
            "Người dân cần báo ngay cho ngân hàng và cơ quan công an gần nhất khi phát hiện dấu hiệu lừa đảo.",
            "Số vụ lừa đảo qua mạng được ghi nhận tăng mạnh trong những tháng gần đây.",
        ),
        ("Cơ quan công an đề nghị người dân nâng cao cảnh giác, chia sẻ thông tin cho người thân, nhất là người cao tuổi.",),
    ),
    "jobs": NewsTheme(
        "jobs_wages", "neutral", False, False,
        ("Doanh nghiệp tại {prov} cần tuyển hàng nghìn lao động cuối năm", "Công nhân ở {prov} lo mất việc khi đơn hàng giảm"),
        (
            "Theo trung tâm dịch vụ việc làm {prov}, nhu cầu tuyển dụng dịp cuối năm tăng mạnh, tập trung ở ngành dệt may, da giày và điện tử.",
            "Nhiều doanh nghiệp tại {prov} cắt giảm giờ làm do đơn hàng sụt giảm, khiến thu nhập của công nhân bị ảnh hưởng.",
        ),
        (
            "Mức lương khởi điểm cho lao động phổ thông dao động từ 7 đến 9 triệu đồng mỗi tháng.",
            "Nhiều doanh nghiệp có chính sách hỗ trợ nhà ở, xe đưa đón để thu hút lao động.",
            "Tổ chức công đoàn đang theo dõi sát tình hình, kịp thời hỗ trợ người lao động bị mất việc.",
            "Phiên giao dịch việc làm tới đây dự kiến thu hút khoảng {n} doanh nghiệp tham gia.",
            "Người lao động mất việc được hướng dẫn làm thủ tục hưởng trợ cấp thất nghiệp.",
        ),
        ("Ngành lao động dự báo thị trường việc làm sẽ khởi sắc hơn vào đầu năm sau.",),
    ),
    "prices": NewsTheme(
        "prices", "neutral", False, False,
        ("Giá rau xanh tại {prov} tăng sau mưa bão", "Sức mua tại các chợ ở {prov} chững lại"),
        (
            "Những ngày gần đây, giá nhiều loại rau xanh tại các chợ ở {prov} tăng từ 20% đến 30% do ảnh hưởng của mưa lớn kéo dài.",
            "Tiểu thương tại các chợ truyền thống ở {prov} cho biết sức mua giảm rõ rệt so với cùng kỳ năm trước.",
        ),
        (
            "Theo tiểu thương, nguồn hàng từ các vùng trồng về chợ đầu mối giảm mạnh.",
            "Tại các siêu thị, giá rau củ được giữ ổn định nhờ hợp đồng bao tiêu với nhà cung cấp.",
            "Nhiều bà nội trợ cho biết phải cân nhắc kỹ hơn mỗi lần đi chợ.",
            "Cơ quan quản lý cho biết sẽ theo dõi chặt chẽ diễn biến giá cả, không để xảy ra tình trạng găm hàng.",
            "Giá thịt heo, trứng gia cầm nhìn chung ổn định.",
        ),
        ("Giá rau được dự báo sẽ hạ nhiệt khi thời tiết thuận lợi trở lại.",),
    ),
    "sport": NewsTheme(
        None, "positive", False, False,
        ("Đội tuyển Việt Nam giành chiến thắng thuyết phục", "Giải chạy bộ tại {prov} thu hút hàng nghìn vận động viên"),
        (
            "Tối {date}, đội tuyển Việt Nam giành chiến thắng thuyết phục với tỷ số 2–0, qua đó nâng cao cơ hội đi tiếp.",
            "Sáng {date}, giải chạy bộ thường niên tại {prov} thu hút hơn {n} vận động viên chuyên nghiệp và phong trào tham gia.",
        ),
        (
            "Ngay từ những phút đầu, các cầu thủ chủ động tấn công và tạo ra nhiều cơ hội nguy hiểm.",
            "Khán giả có mặt trên sân cổ vũ cuồng nhiệt suốt 90 phút thi đấu.",
            "Ban tổ chức bố trí nhiều trạm tiếp nước và lực lượng y tế dọc đường chạy.",
            "Huấn luyện viên trưởng đánh giá cao tinh thần thi đấu của các học trò.",
            "Giải đấu năm nay có nhiều gương mặt trẻ gây ấn tượng.",
        ),
        ("Trận đấu tiếp theo sẽ diễn ra vào cuối tuần này.", "Ban tổ chức cho biết sẽ nâng quy mô giải vào năm sau."),
    ),
    "entertainment": NewsTheme(
        None, "positive", False, False,
        ("Phim Việt cán mốc doanh thu ấn tượng", "Đêm nhạc ngoài trời tại {prov} thu hút đông khán giả"),
        (
            "Sau hai tuần ra rạp, một bộ phim Việt đã vượt mốc {n} tỷ đồng doanh thu, trở thành hiện tượng phòng vé.",
            "Tối {date}, đêm nhạc ngoài trời tại {prov} thu hút hàng chục nghìn khán giả, phần lớn là người trẻ.",
        ),
        (
            "Nhiều suất chiếu tại các cụm rạp kín chỗ vào cuối tuần.",
            "Khán giả đánh giá cao kịch bản gần gũi và diễn xuất tự nhiên của dàn diễn viên.",
            "Ban tổ chức bố trí lực lượng giữ trật tự và phân luồng giao thông quanh khu vực.",
            "Chương trình quy tụ nhiều nghệ sĩ được yêu thích.",
            "Giới chuyên môn nhận định đây là tín hiệu tích cực cho điện ảnh trong nước.",
        ),
        ("Sự kiện dự kiến sẽ được tổ chức định kỳ hằng năm.",),
    ),
    "weather": NewsTheme(
        None, "neutral", False, False,
        ("Mưa lớn diện rộng tại {prov} trong những ngày tới", "Áp thấp nhiệt đới có thể gây mưa to ở {prov}"),
        (
            "Theo cơ quan khí tượng, từ ngày {date}, khu vực {prov} có mưa rào và dông, cục bộ có nơi mưa rất to.",
            "Cơ quan khí tượng cho biết một vùng áp thấp đang di chuyển vào đất liền, có thể gây mưa lớn tại {prov}.",
        ),
        (
            "Lượng mưa phổ biến từ 50 đến 100 mm, có nơi trên 150 mm.",
            "Trong cơn dông có khả năng xảy ra lốc, sét và gió giật mạnh.",
            "Người dân cần đề phòng ngập úng tại các khu vực trũng thấp.",
            "Nhiệt độ cao nhất dao động từ 30 đến 32 độ C.",
            "Các địa phương được yêu cầu rà soát phương án ứng phó.",
        ),
        ("Người dân nên thường xuyên theo dõi bản tin dự báo thời tiết để chủ động ứng phó.",),
    ),
    "public_order": NewsTheme(
        "public_order", "neutral", False, True,
        ("Bắt nhóm đối tượng chuyên trộm xe máy tại {place}", "Xử lý tình trạng tụ tập đua xe ở {place}"),
        (
            "Công an {place} vừa bắt giữ nhóm đối tượng chuyên trộm cắp xe máy tại các khu dân cư trên địa bàn.",
            "Sau nhiều phản ánh của người dân, lực lượng chức năng {place} đã ra quân xử lý tình trạng tụ tập đua xe vào ban đêm.",
        ),
        (
            "Qua trích xuất camera, cơ quan công an nhanh chóng xác định danh tính các đối tượng.",
            "Tang vật thu giữ gồm nhiều xe máy và dụng cụ phá khóa.",
            "Người dân cho biết tình trạng này gây mất an ninh trật tự kéo dài.",
            "Lực lượng chức năng tăng cường tuần tra vào khung giờ từ 22 giờ đến 2 giờ sáng.",
            "Vụ việc đang được tiếp tục mở rộng điều tra.",
        ),
        ("Công an đề nghị người dân nâng cao ý thức tự bảo vệ tài sản.",),
    ),
    "land_housing": NewsTheme(
        "land_housing", "negative", True, True,
        ("Dự án treo nhiều năm, người dân {place} mòn mỏi chờ", "Cấp giấy chứng nhận quyền sử dụng đất ở {place} còn chậm"),
        (
            "Hơn mười năm qua, hàng trăm hộ dân tại {place} sống trong cảnh không được xây mới, sửa chữa nhà vì nằm trong quy hoạch dự án chưa triển khai.",
            "Nhiều hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất tại {place} bị trễ hẹn, khiến người dân phải đi lại nhiều lần.",
        ),
        (
            "Nhiều căn nhà đã xuống cấp nghiêm trọng nhưng chủ nhà không thể xin phép sửa chữa.",
            "Người dân kiến nghị công bố rõ lộ trình thực hiện hoặc điều chỉnh quy hoạch.",
            "Đại diện chính quyền địa phương thừa nhận việc chậm trễ và cho biết đã báo cáo lên cấp trên.",
            "Theo thống kê, còn khoảng {n} hồ sơ đang tồn đọng.",
            "Địa phương cam kết giải quyết dứt điểm các hồ sơ trễ hạn trong quý này.",
        ),
        ("Người dân mong sớm có câu trả lời rõ ràng để ổn định cuộc sống.",),
    ),
}

NEWS_THEME_WEIGHTS = {
    "flooding": 0.05,
    "traffic": 0.09,
    "waste": 0.05,
    "environment": 0.05,
    "utilities": 0.05,
    "admin": 0.06,
    "health": 0.07,
    "education": 0.07,
    "food_safety": 0.05,
    "scams": 0.07,
    "jobs": 0.06,
    "prices": 0.07,
    "sport": 0.09,
    "entertainment": 0.07,
    "weather": 0.05,
    "public_order": 0.05,
    "land_housing": 0.04,
}

# Fictional outlets on reserved example domains: never a real newspaper.
OUTLETS: tuple[tuple[str, str], ...] = (
    ("Báo Phố Thị", "baophothi.example"),
    ("Tin Nhanh Phương Nam", "tinnhanhphuongnam.example"),
    ("Thời Sự 24h", "thoisu24h.example"),
    ("Đô Thị Ngày Nay", "dothingaynay.example"),
    ("Bản Tin Thủ Đô", "bantinthudo.example"),
    ("Nhịp Sống Miền Trung", "nhipsongmientrung.example"),
    ("Tin Tức Cộng Đồng", "tintuccongdong.example"),
    ("Người Đưa Tin Số", "nguoiduatinso.example"),
)

BYLINE_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Huỳnh")
BYLINE_GIVEN = ("Minh Anh", "Thu Hà", "Quốc Bảo", "Hoàng Nam", "Ngọc Lan", "Thanh Tùng", "Phương Thảo", "Đức Huy", "Mai Chi", "Tuấn Kiệt")

# Lines a re-publishing outlet puts first instead of the original lead.
SYNDICATION_INTROS = (
    "(Tổng hợp) ",
    "Theo ghi nhận của phóng viên, ",
    "Theo thông tin từ địa phương, ",
    "",
)
