"""Characters per second of duluan's language core against underthesea's word_tokenize.

    python benchmarks/language.py [--data ../shared/data] [--limit 20000]

One process, one core, the same news leads (news/tc201805.jsonl.gz) for both: (a) our
full core (normalise, tokens, words, features, and places / keywords when those modules
are importable), (b) underthesea's word_tokenize alone. Prints each step and the ratio.
"""

from __future__ import annotations

import os

# One core: numpy / scipy must not use a thread pool the baseline does not get.
for _variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import gzip  # noqa: E402
import importlib  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

from duluan.text.features import FeatureExtractor  # noqa: E402
from duluan.text.normalize import normalize_text  # noqa: E402
from duluan.text.tokens import tokenize  # noqa: E402
from duluan.text.words import segment_tokens  # noqa: E402

BATCH = 1000  # features are computed per batch, as the enrichment stage does


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


def optional_steps() -> list[tuple[str, Callable[[str], object]]]:
    """Places and keywords join the core when their modules exist in this checkout."""
    steps: list[tuple[str, Callable[[str], object]]] = []
    for name, module, function in (
        ("places", "duluan.text.places", "find_places"),
        ("keywords", "duluan.text.keywords", "document_keywords"),
    ):
        try:
            steps.append((name, getattr(importlib.import_module(module), function)))
        except (ImportError, AttributeError) as error:
            print(f"step {name}: not included ({error})")
    return steps


def timed(label: str, chars: int, run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    print(f"  {label:34} {seconds:8.2f} s {chars / seconds:12,.0f} chars/s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=os.environ.get("DULUAN_DATA", "../shared/data"))
    parser.add_argument("--limit", type=int, default=20_000, help="number of leads")
    args = parser.parse_args()

    texts = read_leads(Path(args.data) / "news" / "tc201805.jsonl.gz", args.limit)
    chars = sum(map(len, texts))
    print(f"data: {len(texts):,} leads, {chars:,} characters")
    extractor = FeatureExtractor()
    extras = optional_steps()
    # Warm up: load the segmenter model, gazetteers and background tables outside timing.
    extractor.transform(texts[:10])
    for _name, step in extras:
        step(texts[0])

    steps = ["normalise", "tokens", "words", "features"] + [name for name, _ in extras]
    print(f"(a) duluan core, steps: {', '.join(steps)}")
    normalised: list[str] = []
    total = timed("normalise", chars, lambda: normalised.extend(normalize_text(t) for t in texts))
    # Tokens and words alone, for the breakdown; not added to the total, since the
    # feature extractor tokenises and segments inside and its time includes both.
    tokens = []
    timed("tokens (breakdown)", chars, lambda: tokens.extend(tokenize(t) for t in normalised))
    timed(
        "words (breakdown)",
        chars,
        lambda: [segment_tokens(t, s) for t, s in zip(tokens, normalised, strict=True)],
    )
    total += timed(
        "features (incl. its own tokens+words)",
        chars,
        lambda: [
            extractor.transform(normalised[i : i + BATCH]) for i in range(0, len(normalised), BATCH)
        ],
    )
    for name, step in extras:
        total += timed(name, chars, lambda step=step: [step(t) for t in normalised])
    core_rate = chars / total
    print(f"  {'total':34} {total:8.2f} s {core_rate:12,.0f} chars/s")

    try:
        from underthesea import word_tokenize
    except ImportError as error:
        print(f"(b) underthesea: skipped, cannot import ({error}); pip install underthesea")
        return
    word_tokenize(texts[0])
    print("(b) underthesea word_tokenize alone")
    baseline = timed("word_tokenize", chars, lambda: [word_tokenize(t) for t in texts])
    print(f"ratio: duluan core is {core_rate / (chars / baseline):.2f}x underthesea word_tokenize")


if __name__ == "__main__":
    main()
