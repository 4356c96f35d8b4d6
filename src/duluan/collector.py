"""Pausing Python's cycle collector around batch work that makes many small objects.

A batch of the language core or of the topic model creates hundreds of thousands of
short-lived tuples, lists and dicts; each allocation run can start a pass of the cycle
collector over every object the process holds (loaded models, tables, a web server's
caches), which costs more than the batch's own work in a large process. None of these
objects form cycles, so reference counting frees them as usual while the collector waits.
It is restored after the batch, and left alone if it was already off.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused(pause: bool = True) -> Iterator[None]:
    """Run the block with the cycle collector off (when `pause` and it was on)."""
    paused = pause and gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
