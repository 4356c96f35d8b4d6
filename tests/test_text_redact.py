import pytest

from duluan.text.redact import PLACEHOLDERS, redact_pii


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Liên hệ 0912 345 678 để được hỗ trợ", "Liên hệ [SĐT] để được hỗ trợ"),
        ("SĐT: 0912.345.678.", "SĐT: [SĐT]."),
        ("gọi 0912345678 ngay", "gọi [SĐT] ngay"),
        ("số 0912-345-678", "số [SĐT]"),
        ("Zalo 039 876 5432", "Zalo [SĐT]"),
        ("+84 912 345 678", "[SĐT]"),
        ("(+84) 912 345 678", "[SĐT]"),
        ("+84912345678", "[SĐT]"),
        ("84912345678", "[SĐT]"),
        ("Tổng đài 028 3829 1234", "Tổng đài [SĐT]"),
        ("(024) 3825 1234", "[SĐT]"),
        ("ĐT: 028.3829.1234", "ĐT: [SĐT]"),
        ("02838291234", "[SĐT]"),
        ("+84 28 3829 1234", "[SĐT]"),
        ("0912345678 0987654321", "[SĐT] [SĐT]"),
        ("năm 2023 0912 345 678", "năm 2023 [SĐT]"),
        ("(0912 345 678)", "([SĐT])"),
    ],
)
def test_phone_numbers(text, expected):
    result = redact_pii(text)
    assert result.text == expected
    assert result.counts["phone"] == expected.count("[SĐT]")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gửi về nguyen.van.a@gmail.com nhé", "Gửi về [EMAIL] nhé"),
        ("email:hotro@ubnd.hcm.gov.vn;", "email:[EMAIL];"),
        ("A_B+tag@mail.co.uk", "[EMAIL]"),
        ("<a href='mailto:ban.doc@baomoi.vn'>", "<a href='mailto:[EMAIL]'>"),
    ],
)
def test_email_addresses(text, expected):
    result = redact_pii(text)
    assert result.text == expected
    assert result.counts["email"] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CMND 123456789", "CMND [CCCD]"),
        ("CCCD số 001203004567 cấp ngày", "CCCD số [CCCD] cấp ngày"),
        ("cccd: 001 203 004 567", "cccd: [CCCD]"),
        ("căn cước công dân là 079090001234", "căn cước công dân là [CCCD]"),
        ("Số định danh cá nhân: 001.203.004.567", "Số định danh cá nhân: [CCCD]"),
        ("so dinh danh 001203004567", "so dinh danh [CCCD]"),
        ("chứng minh nhân dân số 023456789", "chứng minh nhân dân số [CCCD]"),
        ("mất giấy tờ 079090001234 ở đâu", "mất giấy tờ [CCCD] ở đâu"),
        ("mã 123456789.", "mã [CCCD]."),
    ],
)
def test_id_numbers(text, expected):
    result = redact_pii(text)
    assert result.text == expected
    assert result.counts["id_number"] == 1


NOT_PII = [
    "Giá vé 335.000 đồng một lượt",
    "Lương 1.200.000đ mỗi tháng",
    "Thiệt hại 84.500.000.000 đồng",
    "Hỗ trợ 335000000 đồng cho 12 hộ",
    "Vốn 500.000.000 VNĐ, lãi 12,5%",
    "Tăng 7,5% so với năm 2023",
    "Ngày 11/08/2023 lúc 08:30",
    "11-08-2023 và 2023-08-11",
    "Hotline 1900 1234 và 1800 1091 miễn phí",
    "Quận 7 có 10 phường, 250.000 dân",
    "Mã bưu chính 700000",
    "Xem https://vnexpress.net/ngap-o-thu-duc-4612345678.html",
    "Nguồn: vnexpress.net/abc-123456789.html",
    "https://tuoitre.vn/video?id=001203004567&p=0912345678",
    "Tỉ số 2-1, phút 90+3",
    "Khoảng 123.456.789 lượt xem",
    "Dân số 100.000.000 người",
    "Năm 1975 và năm 2025",
    "Diện tích 1.234,5 m2",
    "Một số 0.5 và 0,75",
    "Phiên bản 3.11.4",
    "",
]


@pytest.mark.parametrize("text", NOT_PII)
def test_leaves_other_numbers_alone(text):
    result = redact_pii(text)
    assert result.text == text
    assert sum(result.counts.values()) == 0


def test_counts_every_kind_in_one_text():
    text = (
        "Bà Lan (SĐT 0912 345 678, email lan.nguyen@yahoo.com, CCCD 001203004567) "
        "phản ánh khoản phí 1.500.000 đồng; liên hệ thêm 028 3829 1234."
    )
    result = redact_pii(text)
    assert result.text == (
        "Bà Lan (SĐT [SĐT], email [EMAIL], CCCD [CCCD]) "
        "phản ánh khoản phí 1.500.000 đồng; liên hệ thêm [SĐT]."
    )
    assert result.counts == {"phone": 2, "email": 1, "id_number": 1}
    assert set(result.counts) == set(PLACEHOLDERS)


def test_redaction_is_stable():
    once = redact_pii("gọi 0912 345 678 hoặc a@b.vn, CMND 123456789").text
    again = redact_pii(once)
    assert again.text == once
    assert sum(again.counts.values()) == 0
