from duluan.analysis.topic_labels import Sample, pooled_keywords
from duluan.text.keywords import label_form


def test_a_label_shows_the_form_with_diacritics_in_lower_case() -> None:
    # Most members typed without marks, some started a sentence with the phrase.
    assert label_form({"giay to": 30, "Giấy tờ": 4, "giấy tờ": 2}) == "giấy tờ"
    assert label_form({"giay to": 30, "Giấy tờ": 4}) == "giấy tờ"
    # A name most members capitalise stays a name, whoever typed it in lower case.
    assert label_form({"Thủ Đức": 3, "Thu Duc": 9}) == "Thủ Đức"
    assert label_form({"Hà Nội": 99, "hà nội": 1}) == "Hà Nội"
    assert label_form({"UBND": 9, "ubnd": 1}) == "UBND"
    # A phrase nobody marked keeps its letters, in the case most wrote it.
    assert label_form({"di lam": 5, "Di lam": 4}) == "di lam"


def _sample(story_id: int, keywords: list[str]) -> Sample:
    return Sample(story_id, "post", None, "", 1, 1.0 - story_id / 100, keywords)


def test_topic_keywords_read_with_diacritics_when_any_member_wrote_them() -> None:
    samples = [_sample(i, ["lam giay to", "phuong Linh Xuan"]) for i in range(8)]
    samples += [_sample(8, ["làm giấy tờ", "Linh Xuân"]), _sample(9, ["Làm giấy tờ"])]
    assert pooled_keywords(samples)[0] == "làm giấy tờ"
