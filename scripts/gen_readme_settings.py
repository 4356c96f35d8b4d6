"""Rewrite the settings table in README.md from duluan.config (a test keeps them in step).

    python scripts/gen_readme_settings.py
"""

from pathlib import Path

from duluan.config import settings_table_markdown

README = Path(__file__).resolve().parents[1] / "README.md"

text = README.read_text(encoding="utf-8")
start = text.index("| name | default | environment | help |")
end = text.index("\n\n", start)
README.write_text(text[:start] + settings_table_markdown() + text[end:], encoding="utf-8")
print(f"updated {README}")
