"""Training of the CNN (`neural.py`) with PyTorch, given as an argument.

Imported only by `neural.train_cnn`, after torch itself, so nothing else needs torch.

1. Each domain's texts are cut into a seeded training part and a `holdout` slice.
2. Every epoch, a seeded `fold_share` of the training texts is read without diacritics;
   batches hold one domain each and come in a seeded order; Adam, one thread; with
   `class_weight="balanced"` each label's loss is weighted by how rare it is in its domain.
3. After each epoch the slice (as written and folded) is scored: the epoch with the best
   mean macro F1 over domains is kept, and each head's softmax temperature is fitted there.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .linear import fit_temperature
from .neural import MAX_TOKENS, CnnModel, CnnOptions, TokenIds
from .scoring import macro_f1


def _split(ids: TokenIds) -> list[tuple[np.ndarray, np.ndarray]]:
    o = ids.offsets
    return [(ids.written[o[i] : o[i + 1]], ids.folded[o[i] : o[i + 1]]) for i in range(len(o) - 1)]


def _batch(rows: list[np.ndarray], pad: int) -> np.ndarray:
    width = max(len(r) for r in rows) + pad
    out = np.zeros((len(rows), width), np.int64)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out


def fit(
    torch: Any,
    data: dict[str, tuple[TokenIds, TokenIds, list[str]]],
    heads: dict[str, list[str]],
    options: CnnOptions,
    seed: int,
    log: Any = None,
) -> CnnModel:
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    nn = torch.nn
    rng = np.random.default_rng(seed)
    pad = max(options.widths) - 1
    n_features = 2 * options.filters * len(options.widths)

    class Net(nn.Module):  # type: ignore[misc, name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.embedding = nn.Embedding(options.buckets, options.dim, padding_idx=0)
            nn.init.normal_(self.embedding.weight, std=0.1)
            with torch.no_grad():
                self.embedding.weight[0].zero_()
            self.conv = nn.ParameterDict()
            self.conv_bias = nn.ParameterDict()
            for w in options.widths:
                bound = 1 / np.sqrt(w * options.dim)
                self.conv[str(w)] = nn.Parameter(
                    torch.empty(w, options.dim, options.filters).uniform_(-bound, bound)
                )
                self.conv_bias[str(w)] = nn.Parameter(torch.zeros(options.filters))
            self.dropout = nn.Dropout(options.dropout)
            self.out = nn.ModuleDict({d: nn.Linear(n_features, len(labels)) for d, labels in heads.items()})

        def pooled(self, written: Any, folded: Any, lengths: Any) -> Any:
            x = self.embedding(written) + self.embedding(folded)  # (n, T + pad, dim)
            t = x.shape[1] - pad
            mask = (torch.arange(t)[None, :] < lengths[:, None]).unsqueeze(2).float()
            maxima, means = [], []
            for w in options.widths:
                weight = self.conv[str(w)]
                h = sum(x[:, k : k + t] @ weight[k] for k in range(w)) + self.conv_bias[str(w)]
                h = torch.relu(h) * mask
                maxima.append(h.max(dim=1).values)
                means.append(h.sum(dim=1) / lengths[:, None].float())
            return torch.cat(maxima + means, dim=1)  # the order `CnnModel.pooled` gives

        def forward(self, domain: str, written: Any, folded: Any, lengths: Any) -> Any:
            return self.out[domain](self.dropout(self.pooled(written, folded, lengths)))

    # 1. Training part and slice of each domain.
    parts: dict[str, dict[str, Any]] = {}
    for domain, (written_ids, folded_ids, labels) in data.items():
        as_written, as_folded = _split(written_ids), _split(folded_ids)
        y = np.array([heads[domain].index(label) for label in labels])
        order = rng.permutation(len(y))
        cut = int(len(y) * options.holdout)
        parts[domain] = {"written": as_written, "folded": as_folded, "y": y,
                         "held": np.sort(order[:cut]), "train": np.sort(order[cut:])}  # fmt: skip
        counts = np.bincount(y[parts[domain]["train"]], minlength=len(heads[domain]))
        balanced = len(parts[domain]["train"]) / (len(counts) * np.maximum(counts, 1))
        # None, not ones, when unweighted: the sentiment CNN trains bit for bit as before.
        parts[domain]["weight"] = (torch.tensor(balanced, dtype=torch.float32)
                                   if options.class_weight == "balanced" else None)  # fmt: skip

    net = Net()
    optimiser = torch.optim.Adam(net.parameters(), lr=options.learning_rate)
    steps = options.epochs * sum(-(-len(p["train"]) // options.batch) for p in parts.values())
    # The rate falls linearly to 0: late epochs refine instead of overfitting the reviews.
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda step: max(0.0, 1 - step / steps))

    def tensors(rows: list[tuple[np.ndarray, np.ndarray]]) -> tuple[Any, Any, Any]:
        written = _batch([r[0] for r in rows], pad)
        folded = _batch([r[1] for r in rows], pad)
        lengths = torch.tensor([len(r[0]) for r in rows])
        return torch.from_numpy(written), torch.from_numpy(folded), lengths

    def held_logits(domain: str, variant: str) -> np.ndarray:
        p = parts[domain]
        texts = [p[variant][i] for i in p["held"]]
        out = []
        net.eval()
        with torch.no_grad():
            for start in range(0, len(texts), 256):
                chunk = texts[start : start + 256]
                written, folded, lengths = tensors(chunk)
                out.append(net(domain, written, folded, lengths).numpy())
        net.train()
        return np.vstack(out)

    best: tuple[float, int, dict[str, Any]] | None = None
    for epoch in range(options.epochs):
        # 2. A seeded share of the texts without diacritics, batches of one domain each.
        batches = []
        for domain, p in parts.items():
            order = rng.permutation(p["train"])
            folded_now = rng.random(len(order)) < options.fold_share
            rows = [p["folded"][i] if f else p["written"][i] for i, f in zip(order, folded_now, strict=True)]
            ys = p["y"][order]
            for start in range(0, len(order), options.batch):
                batches.append((domain, rows[start : start + options.batch], ys[start : start + options.batch]))
        total = 0.0
        for b in rng.permutation(len(batches)):
            domain, rows, ys = batches[b]
            written, folded, lengths = tensors(rows)
            logits = net(domain, written, folded, lengths)
            loss = nn.functional.cross_entropy(logits, torch.from_numpy(ys), weight=parts[domain]["weight"])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss.detach()) * len(ys)
        # 3. Score the slice, keep the best epoch.
        scores = []
        for domain, p in parts.items():
            truth = np.concatenate([p["y"][p["held"]]] * 2)
            logits = np.vstack([held_logits(domain, "written"), held_logits(domain, "folded")])
            scores.append(macro_f1(truth.tolist(), logits.argmax(1).tolist()))
        score = float(np.mean(scores))
        if log:
            log(f"epoch {epoch + 1}: train loss {total / sum(len(p['train']) for p in parts.values()):.4f}, "
                f"slice macro F1 {', '.join(f'{s:.4f}' for s in scores)}")  # fmt: skip
        if best is None or score > best[0]:
            best = (score, epoch + 1, {k: v.detach().clone() for k, v in net.state_dict().items()})
    assert best is not None
    net.load_state_dict(best[2])

    temperature = {}
    for domain, p in parts.items():
        truth = np.concatenate([p["y"][p["held"]]] * 2)
        logits = np.vstack([held_logits(domain, "written"), held_logits(domain, "folded")])
        temperature[domain] = fit_temperature(logits, truth)

    state = {k: v.numpy().astype(np.float32) for k, v in net.state_dict().items()}
    return CnnModel(
        options=options,
        heads={d: list(labels) for d, labels in heads.items()},
        embedding=state["embedding.weight"],
        conv={w: state[f"conv.{w}"] for w in options.widths},
        conv_bias={w: state[f"conv_bias.{w}"] for w in options.widths},
        out={d: np.ascontiguousarray(state[f"out.{d}.weight"].T) for d in heads},
        out_bias={d: state[f"out.{d}.bias"] for d in heads},
        temperature=temperature,
        metadata={"seed": seed, "best_epoch": best[1], "slice_macro_f1": round(best[0], 4),
                  "max_tokens": MAX_TOKENS},  # fmt: skip
    )
