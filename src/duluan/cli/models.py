"""`duluan models …`: train, evaluate and try the shipped text classifiers."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
from rich.table import Table

from .common import console

DATA_HELP = "Folder of the public data sets (default: $DULUAN_DATA, else ../shared/data)."


@click.group()
def models() -> None:
    """Train, evaluate and try the shipped models: category, sentiment, toxicity, concern."""


MODEL_NAMES = ["category", "sentiment", "toxicity", "concern"]


@models.command("train")
@click.argument("name", type=click.Choice(MODEL_NAMES))
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help=DATA_HELP)
@click.option("--seed", type=int, default=13, show_default=True, help="Same seed, same model.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write the model files here (default: replace the shipped ones).")
def train_command(name: str, data_dir: Path | None, seed: int, out_dir: Path | None) -> None:
    """Train model NAME from the public data sets and write its files."""
    from ..enrich.models import train

    if name == "concern":
        from ..enrich.concern_training import train_concern_model

        concern = train_concern_model(data_dir or os.environ.get("DULUAN_DATA"), seed, out_dir)
        console.print(json.dumps(concern.__dict__, ensure_ascii=False, default=str, indent=1))
        return

    report = train(name, data_dir or os.environ.get("DULUAN_DATA"), seed, out_dir)
    for head in report.heads:
        console.print(
            f"{head.name}: {head.n_train} texts, C={head.chosen_c} "
            f"(held-out macro F1 {head.holdout_scores}), temperature {head.temperature}, "
            f"{head.kept_columns} columns kept"
            + (f", threshold {head.threshold}" if head.threshold is not None else "")
        )
    for path in report.files:
        console.print(f"  wrote {path}")
    console.print(f"Done in {report.seconds} s.")


@models.command("eval")
@click.argument("names", nargs=-1, type=click.Choice(MODEL_NAMES))
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help=DATA_HELP)
@click.option("--models", "model_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Read model files from here (default: the shipped ones).")
@click.option("--no-baseline", is_flag=True, help="Skip training the TF-IDF + SVM baseline.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines instead of a table.")
def eval_command(names: tuple[str, ...], data_dir: Path | None, model_dir: Path | None,
                 no_baseline: bool, as_json: bool) -> None:
    """Score models NAMES (default: all) on their evaluation sets, beside a baseline."""
    from dataclasses import asdict

    from ..enrich.evaluation import evaluate

    chosen = list(names or MODEL_NAMES)
    shared = [n for n in chosen if n != "concern"]
    rows = evaluate(shared, data_dir or os.environ.get("DULUAN_DATA"), model_dir,
                    baseline=not no_baseline) if shared else []
    if "concern" in chosen:
        # Our own 1,145 texts train the gold part: out-of-fold scores, lexicon as baseline;
        # then the blind sets, the scores that count (in a checkout).
        from ..enrich.concern_eval import BLIND_PATHS, evaluate_concerns, evaluate_gold_cv

        rows.extend(evaluate_gold_cv())
        for path in BLIND_PATHS:
            if path.exists():
                rows.extend(evaluate_concerns(path, per_class=False))
    if as_json:
        for row in rows:
            click.echo(json.dumps(asdict(row), ensure_ascii=False))
        return
    table = Table("model")
    table.add_column("data set", no_wrap=True)  # "concerns_blind2" must stay readable
    for column in ("split", "metric", "score", "baseline"):
        table.add_column(column)
    for row in rows:
        base = "" if row.baseline is None else f"{row.baseline:.4f}"
        table.add_row(row.model, row.dataset, row.split, row.metric, f"{row.score:.4f}", base)
    console.print(table)


@models.command("predict")
@click.argument("texts", nargs=-1, required=True)
def predict_command(texts: tuple[str, ...]) -> None:
    """Print every model's label and probabilities for each TEXT, as JSON Lines."""
    from ..enrich.models import predict

    for text, result in zip(texts, predict(texts), strict=True):
        click.echo(json.dumps({"text": text, **result}, ensure_ascii=False))


def register(main: click.Group) -> None:
    main.add_command(models)
