"""Toxicity on social and civic texts: our toxicity labels of the written sets, the false
alarm metric, and what the shipped model says of everyday complaints."""

import json
from pathlib import Path

import pytest

from duluan.enrich import datasets
from duluan.enrich.evaluation import clean_flagged
from duluan.enrich.models import SOCIAL_TOXICITY_SETS, TASKS, ModelSet
from duluan.errors import UsageError

DATA = Path(__file__).resolve().parent / "data"
LABELS = {"clean", "offensive", "hate"}


def _rows(name: str) -> list[dict]:
    return [
        json.loads(line)
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.mark.parametrize(
    ("label_file", "text_files"),
    [
        ("toxicity_social.jsonl", datasets.SOCIAL_TRAIN_FILES),
        ("toxicity_eval.jsonl", datasets.TOXICITY_EVAL_FILES),
    ],
)
def test_every_written_text_has_one_toxicity_label(
    label_file: str, text_files: tuple[str, ...]
) -> None:
    labels = _rows(label_file)
    ids = [r["id"] for name in text_files for r in _rows(name)]
    # One line per text, in the files' order, and a reason for every text that is not clean.
    assert [r["id"] for r in labels] == ids
    assert {r["toxicity"] for r in labels} <= LABELS
    assert all(r.get("why") for r in labels if r["toxicity"] != "clean")


def test_training_and_evaluation_texts_are_apart() -> None:
    train = datasets.load("social-toxicity/train")
    held = datasets.load("social-toxicity/eval")
    key = lambda text: " ".join(text.lower().split())  # noqa: E731
    assert not {key(t) for t in train.texts} & {key(t) for t in held.texts}
    assert "social-toxicity/eval" not in {s for h in TASKS["toxicity"].heads for s in h.train_sets}


def test_a_label_file_that_misses_a_text_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "texts.jsonl").write_text(
        '{"id": "t-1", "text": "Đường ngập quá"}\n{"id": "t-2", "text": "Cảm ơn phường"}\n',
        encoding="utf-8",
    )
    (tmp_path / "labels.jsonl").write_text('{"id": "t-1", "toxicity": "clean"}\n', encoding="utf-8")
    monkeypatch.setattr(datasets, "WRITTEN_DATA", tmp_path)
    load = datasets._relabelled(("texts.jsonl",), "labels.jsonl", "x/train", "toxicity")
    with pytest.raises(UsageError, match="t-2"):
        load(tmp_path)
    (tmp_path / "labels.jsonl").write_text(
        '{"id": "t-1", "toxicity": "clean"}\n{"id": "t-2", "toxicity": "clean"}\n', encoding="utf-8"
    )
    assert load(tmp_path).labels == ["clean", "clean"]


def test_clean_flagged_counts_only_texts_labelled_clean() -> None:
    truth = ["clean", "clean", "clean", "clean", "offensive"]
    said = ["clean", "hate", "clean", "offensive", "clean"]
    assert clean_flagged(truth, said) == 0.5
    assert clean_flagged(["hate"], ["clean"]) == 0.0


def test_the_public_benchmarks_see_the_toxicity_heads_on_public_sets_only() -> None:
    public = TASKS["toxicity"].restricted_to(("vihsd/train", "victsd/train"))
    sets = {h.name: h.train_sets for h in public.heads}
    assert sets["toxicity-kind"] == ("vihsd/train",) == sets["toxicity-social"]
    assert set(SOCIAL_TOXICITY_SETS) == {"vihsd/train", "social-toxicity/train"}


# Written for this test (not in any training or evaluation file): what a ward's page reads
# every day, and plain abuse.
COMPLAINTS = [
    "Hết nói nổi với con đường này, tháng nào cũng đào lên lấp xuống!",
    "Trạm y tế phường tổ chức tiêm vắc xin sởi miễn phí cho trẻ vào sáng thứ Bảy.",
    "Chán thật sự, cúp điện từ sáng tới giờ mà không ai thông báo.",
    "xe rac toi ma ko ai lay, hoi mui qua troi, phuong xem lai giup",
    "Quán này phục vụ quá tệ, đợi một tiếng mới có đồ ăn.",
    "Lại tăng học phí, phụ huynh như tôi biết xoay xở sao đây?",
    "Bực mình ghê, gọi tổng đài điện lực cả chục cuộc không ai bắt máy.",
    "Ủy ban nhân dân xã thông báo lịch tiếp công dân tháng này vào thứ Năm hằng tuần.",
    "Hẻm nhà mình tối om mấy tháng nay, đèn đường hư mà báo hoài không ai sửa.",
    "Giá thịt heo ngoài chợ lên 150 nghìn một ký rồi, đi chợ mà xót ruột.",
    "Trời ơi, kẹt xe từ cầu Sài Gòn tới ngã tư Hàng Xanh gần một tiếng đồng hồ.",
    "Cảm ơn các anh công an phường đã giúp bà cụ lạc đường về tới nhà.",
    "bao nhieu lan phan anh ve bai rac tu phat ma van y nguyen, that vong qua",
    "Nước máy có mùi clo nồng nặc, nhà có con nhỏ không dám cho tắm.",
    "Thủ tục làm sổ đỏ gì mà đi lại năm lần bảy lượt vẫn chưa xong, mệt mỏi quá.",
    "Trường tổ chức họp phụ huynh đầu năm vào tối thứ Sáu, mong các anh chị sắp xếp đến dự.",
    "Tào lao thật, vừa sửa đường xong tuần trước giờ lại đào lên.",
    "Cửa hàng bán thực phẩm hết hạn mà vẫn mở cửa bình thường, cơ quan chức năng đâu rồi?",
    "Mưa có nửa tiếng mà nước ngập tới yên xe, năm nào cũng vậy.",
    "Nhận được tin nhắn giả danh ngân hàng đòi cập nhật tài khoản, mọi người cẩn thận nha.",
]
ABUSE = [
    "đm thằng chủ quán ngu như chó",
    "mày câm mồm đi con điên",
]


def test_everyday_complaints_are_mostly_clean_and_plain_abuse_is_not() -> None:
    results = ModelSet(("toxicity",)).predict(COMPLAINTS + ABUSE)
    labels = [r["toxicity"]["label"] for r in results]
    # The model still calls about 3 % of such texts abusive (models/toxicity.md): one slip
    # in 20 is allowed, not more.
    flagged = [text for text, label in zip(COMPLAINTS, labels, strict=False) if label != "clean"]
    assert len(flagged) <= 1, flagged
    assert "clean" not in labels[len(COMPLAINTS) :]
