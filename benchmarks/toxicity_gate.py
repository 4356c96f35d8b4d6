"""How the toxicity label is decided: the label head alone, or only where the score agrees.

    python benchmarks/toxicity_gate.py [--data ../shared/data]

The shipped toxicity task has two readers: a label head (clean / offensive / hate,
trained on ViHSD social posts) and a score (the probability of toxic, a mixture of a
ViHSD expert and a ViCTSD news-comment expert, with a threshold). Three ways to give
the label, with the shipped models as they are:

- "head": the label head's top class;
- "score" (shipped, `gated_toxicity_labels`): clean unless the score reaches its
  threshold, then the likelier of offensive and hate;
- "both": the head's top class where the score reaches its threshold, else clean (the
  strictest: abuse only where both readers see it).

Scored on ViHSD dev (macro F1 over the three labels, as written and without diacritics)
and ViCTSD valid (macro F1 of toxic / clean); then the number of texts labelled
offensive or hate on three sets that are not about abuse at all: VNTC dev news articles,
UIT-VSFC dev course comments and AIVIVN eval product reviews. Those counts are not an
error rate (a review can insult), but a label that calls half of the news "hate" is
wrong, whatever its score on ViHSD.
"""

from __future__ import annotations

import argparse
import os

for _variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402

from duluan.enrich import datasets  # noqa: E402
from duluan.enrich.models import ModelSet, gated_toxicity_labels  # noqa: E402
from duluan.enrich.scoring import macro_f1  # noqa: E402

VARIANTS = ("head", "score", "both")
LABELLED = ("vihsd/dev", "victsd/valid")
NOT_ABOUT_ABUSE = ("vntc/dev", "uit-vsfc/dev", "aivivn/eval")


def labels_by_variant(models: ModelSet, texts: list[str]) -> dict[str, list[str]]:
    inputs = models.inputs(texts)
    labels, probabilities = models.probabilities("toxicity-kind", inputs)
    _, toxic = models.toxic_flags(inputs)
    top = np.argmax(probabilities, axis=1).tolist()
    return {
        "head": [labels[k] for k in top],
        "score": gated_toxicity_labels(labels, probabilities, toxic),
        "both": [labels[k] if flag else "clean" for k, flag in zip(top, toxic.tolist(), strict=True)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="the shared data folder (default: $DULUAN_DATA)")
    args = parser.parse_args()
    models = ModelSet(("toxicity",))
    print(f"{'data set':28} {'metric':28} " + " ".join(f"{v:>8}" for v in VARIANTS))
    for name in LABELLED:
        data = datasets.load(name, args.data)
        for split, variant in (("as written", data), ("no diacritics", datasets.without_diacritics(data))):
            found = labels_by_variant(models, variant.texts)
            truth = list(variant.labels)
            if name.startswith("victsd"):  # toxic / clean: both abuse labels read as toxic
                scores = [macro_f1(truth, ["clean" if x == "clean" else "toxic" for x in found[v]]) for v in VARIANTS]
                metric = "macro F1, toxic / clean"
            else:
                scores = [macro_f1(truth, found[v]) for v in VARIANTS]
                metric = "macro F1, three labels"
            print(f"{name + ' ' + split:28} {metric:28} " + " ".join(f"{s:8.4f}" for s in scores))
    for name in NOT_ABOUT_ABUSE:
        data = datasets.load(name, args.data)
        found = labels_by_variant(models, data.texts)
        counts = [sum(label != "clean" for label in found[v]) for v in VARIANTS]
        metric = f"offensive or hate, of {len(data.texts):,}"
        print(f"{name:28} {metric:28} " + " ".join(f"{c:8,}" for c in counts))


if __name__ == "__main__":
    main()
