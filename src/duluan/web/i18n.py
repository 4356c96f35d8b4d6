"""Interface text: Vietnamese first, English second. One table, one key per phrase.

A missing key is a bug a test catches (tests/test_web_i18n.py renders every template
in both languages); `t("key", n=3)` formats with str.format.
"""

from __future__ import annotations

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

MESSAGES: dict[str, tuple[str, str]] = {
    # layout
    "app_name": ("duluan", "duluan"),
    "tagline": ("Lắng nghe dư luận, trả lời đúng lúc", "Listen to public opinion, answer in time"),
    "nav_overview": ("Tổng quan", "Overview"),
    "nav_topics": ("Chủ đề", "Topics"),
    "nav_places": ("Địa bàn", "Places"),
    "nav_alerts": ("Cảnh báo", "Alerts"),
    "nav_cases": ("Hồ sơ xử lý", "Case desk"),
    "nav_search": ("Tìm kiếm", "Search"),
    "nav_sources": ("Nguồn & thu thập", "Sources & ingestion"),
    "nav_account": ("Tài khoản", "Account"),
    "switch_language": ("English", "Tiếng Việt"),
    "log_in": ("Đăng nhập", "Log in"),
    "log_out": ("Đăng xuất", "Log out"),
    "username": ("Tên đăng nhập", "Username"),
    "password": ("Mật khẩu", "Password"),
    "signed_in_as": ("Đang đăng nhập: {name} ({role})", "Signed in as {name} ({role})"),
    "login_title": ("Đăng nhập vào duluan", "Log in to duluan"),
    "login_failed": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password."),
    "login_link_failed": ("Liên kết đăng nhập không hợp lệ, đã dùng hoặc đã hết hạn.",
                          "The login link is unknown, used or expired."),
    "rate_limited": ("Quá nhiều lần đăng nhập sai. Hãy thử lại sau {seconds} giây.",
                     "Too many failed logins. Try again in {seconds} seconds."),
    "error_title": ("Có lỗi", "Something went wrong"),
    "error_back": ("Quay về trang tổng quan", "Back to the overview"),
    "role_viewer": ("Người xem", "Viewer"),
    "role_analyst": ("Phân tích viên", "Analyst"),
    "role_case_officer": ("Cán bộ xử lý", "Case officer"),
    "role_editor": ("Biên tập viên", "Editor"),
    "role_admin": ("Quản trị", "Admin"),
    "privacy_note": ("Số liệu dựa trên dưới {k} tác giả được ẩn (hiện “< {k}”).",
                     "Figures resting on fewer than {k} authors are hidden (shown “< {k}”)."),
}


def translate(lang: str, key: str, **values: object) -> str:
    index = 1 if lang == "en" else 0
    text = MESSAGES[key][index]
    return text.format(**values) if values else text
