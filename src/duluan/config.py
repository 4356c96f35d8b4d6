"""One table of settings (name, default, help), layered: defaults, duluan.toml, environment."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SettingError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env_var(self) -> str:
        return "DULUAN_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", "", "SQLAlchemy URL of the store; empty means the workspace's SQLite file duluan.db."),
    Setting("timezone", "Asia/Ho_Chi_Minh", "Time zone assumed for dates that give none."),
    Setting("batch_size", 1000, "Documents normalised and written per transaction during ingestion."),
    Setting("ingest_nice", 10, "CPU niceness that `duluan ingest`, `fetch` and `enrich` take on start (0 = unchanged, 19 = lowest), so that batch work yields to the dashboard on a shared machine; alone, it runs at full speed."),
    Setting("ingest_workers", 0, "Processes preparing and labelling batches while one writes; 0 means up to 2 (the cores)."),
    Setting("max_document_chars", 200_000, "Longer texts are cut to this many characters and flagged 'truncated'."),
    Setting("min_document_chars", 3, "Shorter texts (after normalisation) are rejected as empty."),
    Setting("future_tolerance_minutes", 60, "A published time further in the future than this is rejected."),
    Setting("near_duplicate_threshold", 0.6, "Estimated Jaccard similarity (word 3-shingles) at which a news article or page joins another's story."),
    Setting("social_near_duplicate_threshold", 0.8, "The same for posts and comments, whose reposts are near-verbatim."),
    Setting("minhash_permutations", 64, "MinHash signature length; bands x rows must equal it."),
    Setting("lsh_bands", 16, "LSH bands used to find near-duplicate candidates."),
    Setting("k_anonymity", 5, "Aggregates resting on fewer distinct post authors than this are suppressed."),
    Setting("topic_similarity_threshold", 0.1, "Cosine (TF-IDF, the mean story removed) at which a story joins a topic; below it, it starts one."),
    Setting("topic_merge_threshold", 0.13, "Cosine of two topic centroids (the mean removed) at which the younger topic merges into the older."),
    Setting("topic_split_threshold", 0.08, "Cosine of the two parts of a topic's recent stories (the mean removed) below which it splits; must be below the merge threshold."),
    Setting("topic_concern_weight", 0.0, "Weight (0 to below 1) of the citizen concern a post or comment names (its enrichment, not \"other\"), as one more term of its topic vector; news never carry it. 0.2 keeps complaints on different concerns that share only how people write about their ward out of one catch-all topic, but a small rumour then joins its concern's topic and its surge is missed more often (benchmarks/RESULTS.md). Applies to stories read after it is set."),
    Setting("topic_min_stories", 3, "Stories a topic needs to be born and listed; smaller groups wait as candidates."),
    Setting("topic_fade_days", 7, "A topic with no new story for this many days fades; a new story revives it."),
    Setting("topic_revive_days", 30, "How long after fading a topic can still be revived; later stories start a new topic."),
    Setting("alert_fdr", 0.05, "False discovery rate kept by the surge alerts, per level of place and per day (Benjamini-Hochberg)."),
    Setting("alert_min_count", 5, "Fewest stories a concern series needs on a day before it can alert."),
    Setting("alert_topic_min_count", 10, "Fewest stories a topic needs on a day before it can alert (topics count the press too)."),
    Setting("alert_lookback_days", 90, "Days `duluan alerts run` scans, ending today (plus the baseline window before)."),
    Setting("baseline_window_days", 28, "Days of history behind each day's expected count."),
    Setting("baseline_guard_days", 2, "Most recent days left out of the baseline, so that a surge does not raise its own."),
    Setting("user_agent", "", "HTTP User-Agent; empty means duluan/<version> with the project URL."),
    Setting("fetch_timeout_seconds", 20.0, "Timeout for one HTTP request."),
    Setting("fetch_min_interval_seconds", 2.0, "Minimum pause between two requests to the same host."),
    Setting("fetch_max_bytes", 5_000_000, "Largest HTTP body read; larger answers are refused."),
    Setting("session_hours", 12.0, "How long a dashboard login lasts before the user signs in again."),
    Setting("login_max_failures", 5, "Failed logins allowed per address and username within login_window_seconds before a pause."),
    Setting("login_window_seconds", 300.0, "The window over which failed logins are counted."),
    Setting("page_cache_seconds", 60.0, "How long the dashboard keeps a counted page (overview, topics, alerts) before counting it again; a change made in the app forgets them at once."),
    Setting("auth_cache_seconds", 5.0, "How long the server remembers who an API token or login cookie stands for; a revoke or logout made in the app applies at once, one made with `duluan users` within this time. 0 turns it off."),
    Setting("login_link_minutes", 60.0, "How long a one-time login link (`duluan users login-link`) stays valid."),
)

SETTINGS_BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any, origin: str) -> Any:
    expected = type(setting.default)
    if isinstance(value, expected) and not (expected is int and isinstance(value, bool)):
        return value
    if isinstance(value, str):
        try:
            if expected is int:
                return int(value)
            if expected is float:
                return float(value)
        except ValueError:
            pass
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    raise SettingError(
        f"setting '{setting.name}' from {origin} must be {expected.__name__}, got {value!r}"
    )


def load_settings(
    toml_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Defaults, then the workspace's duluan.toml, then DULUAN_* variables, then overrides."""
    values = {s.name: s.default for s in SETTINGS}
    if toml_path is not None and toml_path.exists():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SettingError(f"{toml_path} is not valid TOML: {exc}") from exc
        for name, value in data.get("settings", {}).items():
            if name not in SETTINGS_BY_NAME:
                known = ", ".join(SETTINGS_BY_NAME)
                raise SettingError(f"unknown setting '{name}' in {toml_path}; known: {known}")
            values[name] = _coerce(SETTINGS_BY_NAME[name], value, str(toml_path))
    env = os.environ if environ is None else environ
    for setting in SETTINGS:
        if setting.env_var in env:
            values[setting.name] = _coerce(setting, env[setting.env_var], setting.env_var)
    for name, value in (overrides or {}).items():
        if value is None:
            continue
        if name not in SETTINGS_BY_NAME:
            raise SettingError(f"unknown setting '{name}'")
        values[name] = _coerce(SETTINGS_BY_NAME[name], value, "the command line")
    if values["minhash_permutations"] % values["lsh_bands"]:
        raise SettingError("minhash_permutations must be a multiple of lsh_bands")
    return values


def settings_table_markdown() -> str:
    """The settings table as Markdown, for the README (a test keeps them in step)."""
    lines = ["| name | default | environment | help |", "|---|---|---|---|"]
    for s in SETTINGS:
        default = repr(s.default) if s.default != "" else '""'
        lines.append(f"| `{s.name}` | `{default}` | `{s.env_var}` | {s.help} |")
    return "\n".join(lines)
