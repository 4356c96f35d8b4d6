"""The Source interface every reader implements, and a fake for tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..records import RawItem, RawReject

SourceOutput = RawItem | RawReject


class Source:
    """Something that can be read into raw items; subclasses implement `read`."""

    kind: str = "base"

    def read(self) -> Iterator[SourceOutput]:
        raise NotImplementedError


@dataclass
class FakeSource(Source):
    """Yields the items it was given; for tests of the pipeline."""

    items: Iterable[SourceOutput] = field(default_factory=list)
    kind: str = "fake"

    def read(self) -> Iterator[SourceOutput]:
        yield from self.items
