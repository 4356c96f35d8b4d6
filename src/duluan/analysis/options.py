"""The analysis options a workspace's settings ask for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import SettingError
from .baseline import BaselineOptions
from .surges import SurgeOptions


def baseline_options(settings: Mapping[str, Any]) -> BaselineOptions:
    window, guard = int(settings["baseline_window_days"]), int(settings["baseline_guard_days"])
    minimum = BaselineOptions.min_history
    if guard < 0 or window - guard < minimum:
        raise SettingError(
            f"baseline_window_days ({window}) must exceed baseline_guard_days ({guard}) by at "
            f"least {minimum} days of history"
        )
    return BaselineOptions(window=window, guard=guard)


def surge_options(settings: Mapping[str, Any]) -> SurgeOptions:
    if not 0 < float(settings["alert_fdr"]) < 1:
        raise SettingError(f"alert_fdr must be between 0 and 1, not {settings['alert_fdr']}")
    return SurgeOptions(
        q=float(settings["alert_fdr"]),
        min_count=int(settings["alert_min_count"]),
        topic_min_count=int(settings["alert_topic_min_count"]),
        k=int(settings["k_anonymity"]),
        baseline=baseline_options(settings),
    )
