import numpy as np

from duluan.enrich.concerns import load_concern_model, predict_concerns
from duluan.enrich.passages import LEAD_WEIGHT, PASSAGE_WORDS, passage_weights, split_passages

# Written for these tests: a sports report and a resident's long complaint, both longer
# than one passage.
SPORT = (
    "Đội tuyển bóng đá nữ Việt Nam thắng đậm trong trận ra quân\n"
    "Tối qua, trên sân vận động Thiên Trường, đội tuyển bóng đá nữ Việt Nam đã thắng đối "
    "thủ 4-0 trong trận ra quân của vòng loại giải châu Á. Ngay từ những phút đầu, các cầu "
    "thủ áo đỏ chủ động dâng cao, phối hợp nhuần nhuyễn ở cánh trái. Phút 18, tiền đạo Huỳnh "
    "Như mở tỷ số bằng cú sút chéo góc. Sau giờ nghỉ, huấn luyện viên tung thêm hai cầu thủ "
    "trẻ và đội nhà ghi thêm ba bàn. Khán giả cổ vũ suốt trận, nhiều gia đình đưa con nhỏ đến "
    "xem. Trận tiếp theo, đội tuyển gặp Thái Lan vào tối thứ Bảy. Ban huấn luyện cho biết các "
    "cầu thủ đều khỏe, không ai chấn thương, và cả đội đang hướng tới tấm vé dự vòng chung kết "
    "sau nhiều năm chờ đợi."
)
COMPLAINT = (
    "Kính gửi UBND phường và công ty cấp nước. Nhà tôi ở hẻm 42 đường Lê Văn Sỹ đã mất nước "
    "sinh hoạt gần một tuần nay. Ngày nào tôi cũng gọi tổng đài nhưng chỉ được hẹn sẽ có người "
    "xuống kiểm tra, rồi không thấy ai. Cả xóm phải đi xin từng can nước, người già và trẻ nhỏ "
    "không có nước tắm giặt, quán ăn đầu hẻm phải đóng cửa. Tiền nước tháng nào cũng đóng đủ, "
    "vậy mà khi mất nước thì không ai giải quyết, không một lời thông báo. Chúng tôi đề nghị "
    "các cơ quan chức năng kiểm tra đường ống và có phương án cấp nước tạm cho bà con ngay "
    "trong tuần này. Xin cảm ơn."
)


def test_a_text_of_one_passage_is_read_whole() -> None:
    short = "Hẻm 42 mất nước cả tuần nay mà không ai giải quyết!"
    assert split_passages(short) == [short]
    assert split_passages(" ".join(["từ"] * PASSAGE_WORDS)) == [" ".join(["từ"] * PASSAGE_WORDS)]


def test_long_texts_are_cut_at_sentence_ends_into_passages_of_the_limit() -> None:
    for text in (SPORT, COMPLAINT):
        parts = split_passages(text)
        assert len(parts) >= 2
        assert all(len(p.split()) <= PASSAGE_WORDS for p in parts)
        assert " ".join(parts).split() == text.split()  # every word, in order
        assert all(p.endswith((".", "!", "?", "…")) for p in parts[:-1])  # whole sentences
    # A sentence longer than a passage is cut into runs of words.
    run_on = " ".join(f"chữ{i}" for i in range(2 * PASSAGE_WORDS + 5))
    assert [len(p.split()) for p in split_passages(run_on)] == [PASSAGE_WORDS, PASSAGE_WORDS, 5]
    assert split_passages("") == [""]


def test_weights_count_words_the_leads_twice_and_sum_to_one() -> None:
    assert passage_weights(["một đoạn"]).tolist() == [1.0]
    weights = passage_weights(["a b c d", "e f g h", "i j"])
    assert np.isclose(weights.sum(), 1.0)
    assert np.isclose(weights[0], LEAD_WEIGHT * weights[1]) and np.isclose(weights[1], 2 * weights[2])


def test_a_closing_courtesy_does_not_flip_a_long_complaint() -> None:
    # 70 words of complaint, then "Xin cảm ơn.": the short last passage weighs its 3 words.
    words = COMPLAINT.split()[:70]
    complaint = " ".join(words).rstrip(".") + "."
    [alone] = predict_concerns([complaint])
    [thanked] = predict_concerns([complaint + " Xin cảm ơn."])
    assert len(split_passages(complaint + " Xin cảm ơn.")) == 2
    assert alone.complaint > 0.5 and thanked.complaint > 0.5
    assert abs(thanked.complaint - alone.complaint) < 0.1


def test_a_long_text_scores_as_the_weighted_mean_of_its_passages() -> None:
    model = load_concern_model()
    parts = split_passages(COMPLAINT)
    probs, complaint = model.predict(parts)
    weights = passage_weights(parts)
    [found] = predict_concerns([COMPLAINT])
    assert np.isclose(found.complaint, weights @ complaint)
    assert np.isclose(found.concern_probabilities["utilities"], weights @ probs[:, model.labels.index("utilities")])
    # A short text gets exactly what the model gives it whole.
    short = "Hẻm 42 mất nước cả tuần nay mà không ai giải quyết!"
    assert predict_concerns([short])[0].complaint == float(model.predict([short])[1][0])


def test_a_long_report_is_not_a_complaint_and_a_long_plea_is() -> None:
    sport, plea = predict_concerns([SPORT, COMPLAINT])
    assert sport.complaint < 0.5 and sport.concern == "other"
    assert plea.complaint > 0.5 and plea.concern == "utilities"
