"""Characters per second of duluan's language core against underthesea's word_tokenize.

    python benchmarks/language.py [--data ../shared/data] [--limit 20000] [--batch 1000]
                                  [--no-pause-gc]

One process, one thread, the same news leads (news/tc201805.jsonl.gz) for both:
(a) `analyse_many` with every step (normalise, tokens, words, places, keywords, features)
and (b) underthesea's `word_tokenize` alone. The two alternate batch by batch, so a
colleague's job slowing the machine slows both alike; the ratio is taken on CPU time
(`time.process_time`, which counts every thread of the process) and on wall time.
A breakdown per step follows, with the same public functions called one step at a time.
"""

from __future__ import annotations

import os

# One core: numpy / scipy must not use a thread pool the baseline does not get.
for _variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import gc  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

from duluan.text.analysis import AnalysisOptions, analyse_many  # noqa: E402
from duluan.text.features import FeatureExtractor  # noqa: E402
from duluan.text.keywords import document_keywords  # noqa: E402
from duluan.text.normalize import normalize_text  # noqa: E402
from duluan.text.places import find_places  # noqa: E402
from duluan.text.tokens import tokenize  # noqa: E402
from duluan.text.words import segment_batch  # noqa: E402


def read_leads(path: Path, limit: int) -> list[str]:
    texts: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if len(texts) >= limit:
                break
            text = json.loads(line).get("text") or ""
            if text:
                texts.append(text)
    return texts


class Clock:
    """Wall and CPU seconds, summed over the calls it timed."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0

    def time(self, run: Callable[[], object]) -> object:
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        self.cpu += time.process_time() - cpu
        self.wall += time.perf_counter() - wall
        return result


def line(label: str, chars: int, clock: Clock) -> None:
    print(
        f"  {label:44} {clock.cpu:7.2f} s cpu {chars / clock.cpu:11,.0f} chars/s"
        f"   {clock.wall:7.2f} s wall {chars / clock.wall:11,.0f} chars/s"
    )


def batches(texts: Sequence[str], size: int) -> list[Sequence[str]]:
    return [texts[i : i + size] for i in range(0, len(texts), size)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=os.environ.get("DULUAN_DATA", "../shared/data"))
    parser.add_argument("--limit", type=int, default=20_000, help="number of leads")
    parser.add_argument("--batch", type=int, default=1000, help="texts per analyse_many call")
    parser.add_argument(
        "--no-pause-gc", action="store_true", help="leave the cycle collector running in (a)"
    )
    args = parser.parse_args()

    texts = read_leads(Path(args.data) / "news" / "tc201805.jsonl.gz", args.limit)
    chars = sum(map(len, texts))
    print(f"data: {len(texts):,} leads, {chars:,} characters; batches of {args.batch:,}")
    try:
        from underthesea import word_tokenize
    except ImportError as error:
        word_tokenize = None
        print(f"(b) underthesea: skipped, cannot import ({error}); pip install underthesea")

    # Warm up outside timing: segmenter model and its tables, gazetteer, background.
    options = AnalysisOptions(batch_size=args.batch, pause_gc=not args.no_pause_gc)
    started = time.perf_counter()
    analyse_many(texts[:100], options=options)
    print(f"warm-up (loading models and tables): {time.perf_counter() - started:.2f} s")
    if word_tokenize is not None:
        word_tokenize(texts[0])

    # (a) and (b), alternating batch by batch; results are dropped after each batch, as
    # the enrichment stage writes them out and moves on.
    core, baseline = Clock(), Clock()
    for batch in batches(texts, args.batch):
        core.time(lambda batch=batch: analyse_many(batch, options=options))
        if word_tokenize is not None:
            baseline.time(lambda batch=batch: [word_tokenize(t) for t in batch])
    paused = "paused" if options.pause_gc else "not paused (--no-pause-gc)"
    print(f"(a) duluan analyse_many, all steps; cycle collector {paused} during a batch")
    line("normalise+tokens+words+places+keywords+features", chars, core)
    if word_tokenize is not None:
        print("(b) underthesea word_tokenize alone")
        line("word_tokenize", chars, baseline)
        print(
            f"ratio: duluan full core is {baseline.cpu / core.cpu:.2f}x underthesea word_tokenize"
            f" (cpu time), {baseline.wall / core.wall:.2f}x (wall time)"
        )

    # Breakdown: the same steps one at a time, through their public functions.
    steps = {
        name: Clock() for name in ("normalise", "tokens", "words", "places", "keywords", "features")
    }
    extractor = FeatureExtractor(options.features)
    for batch in batches(texts, args.batch):
        if options.pause_gc:  # as analyse_many does, so the sum compares with (a)
            gc.disable()
        normalised = steps["normalise"].time(lambda b=batch: [normalize_text(t) for t in b])
        tokens = steps["tokens"].time(lambda n=normalised: [tokenize(t) for t in n])
        words = steps["words"].time(lambda n=normalised, t=tokens: segment_batch(n, t))
        steps["places"].time(lambda n=normalised: [find_places(t) for t in n])
        steps["keywords"].time(
            lambda n=normalised, w=words: [
                document_keywords(t, options.keywords, words=ws) for t, ws in zip(n, w, strict=True)
            ]
        )
        steps["features"].time(
            lambda n=normalised, t=tokens, w=words: extractor.transform(n, tokens=t, words=w)
        )
        gc.enable()
    print("breakdown, one step at a time, collector as in (a) (sum differs from (a) by noise)")
    total = Clock()
    for name, clock in steps.items():
        line(name, chars, clock)
        total.cpu += clock.cpu
        total.wall += clock.wall
    line("sum", chars, total)


if __name__ == "__main__":
    main()
