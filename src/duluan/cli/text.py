"""`duluan text …`: the language core from the shell, JSON Lines out."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict, is_dataclass
from typing import Any, TextIO

import click

from ..errors import UsageError

INPUT_HELP = (
    "Texts come from the arguments, else from --input FILE, else from standard input; "
    "each input line is plain text, or a JSON object with a 'text' field (JSON Lines). "
    "Each output line is the input object (or {'text': ...}) with the result added."
)


def _records(texts: tuple[str, ...], source: TextIO | None) -> Iterator[tuple[dict[str, Any], int]]:
    if texts:
        for n, text in enumerate(texts, start=1):
            yield {"text": text}, n
        return
    stream = source if source is not None else sys.stdin
    for n, line in enumerate(stream, start=1):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"line {n} looks like JSON but is not valid: {exc.msg}; fix it or pass plain text") from exc
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise UsageError(f"line {n} is JSON without a 'text' string field")
            yield record, n
        else:
            yield {"text": line}, n


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _run(texts: tuple[str, ...], source: TextIO | None, field: str, step: Callable[[str], Any]) -> None:
    for record, _ in _records(texts, source):
        record[field] = _plain(step(record["text"]))
        click.echo(json.dumps(record, ensure_ascii=False))


def _input_option(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--input", "-i", "source", type=click.File("r", encoding="utf-8"), default=None,
                        help="Read texts from this file (plain lines or JSON Lines).")(func)
    return click.argument("texts", nargs=-1)(func)


@click.group()
def text() -> None:
    """The Vietnamese language core, one step at a time (JSON Lines out).

    \b
    Examples:
      duluan text normalize "Hoà bình  &amp; thuỷ lợi"
      echo "ngap nuoc o thu duc ko ai xu ly" | duluan text words
      duluan text places -i bai-viet.jsonl
      duluan text keywords "Người dân bức xúc vì rác không được thu gom..."
    """


@text.command()
@_input_option
@click.option("--fold", "folded", is_flag=True, help="Also add the folded form (no diacritics, lower case).")
@click.option("--teencode/--no-teencode", default=False, help="Also expand teencode (ko → không, dc → được).")
def normalize(texts: tuple[str, ...], source: TextIO | None, folded: bool, teencode: bool) -> None:
    """Normalise: NFC, one tone-mark placement, entities, whitespace, legacy mojibake."""
    from ..text.encodings import repair_mojibake
    from ..text.fold import fold
    from ..text.normalize import normalize_text
    from ..text.teencode import expand_teencode

    for record, _ in _records(texts, source):
        repaired, encoding = repair_mojibake(record["text"])
        normal = normalize_text(repaired)
        record["normalized"] = normal
        if encoding:
            record["repaired_encoding"] = encoding
        if teencode:
            record["expanded"] = expand_teencode(normal)
        if folded:
            record["folded"] = fold(normal)
        click.echo(json.dumps(record, ensure_ascii=False))


@text.command()
@_input_option
@click.option("--underscore", is_flag=True, help="Join the syllables of a word with '_' (hội_nghị).")
def words(texts: tuple[str, ...], source: TextIO | None, underscore: bool) -> None:
    """Word segmentation: multi-syllable words such as "hội nghị", "Thành phố Hồ Chí Minh"."""
    from ..text.normalize import normalize_text
    from ..text.words import segment

    _run(texts, source, "words", lambda t: segment(normalize_text(t), underscore=underscore))


@text.command()
@_input_option
def places(texts: tuple[str, ...], source: TextIO | None) -> None:
    """Places: provinces, districts and wards, old (pre-2025) and new units, mapped to new codes."""
    from ..text.places import find_places

    _run(texts, source, "places", find_places)


@text.command()
@_input_option
@click.option("--top", type=click.IntRange(1, 100), default=8, show_default=True)
@click.option("--group", is_flag=True, help="One keyword list for all the texts together (a topic label).")
def keywords(texts: tuple[str, ...], source: TextIO | None, top: int, group: bool) -> None:
    """Readable multi-word keywords ("ngập nước", "thu gom rác") per text or for the group."""
    from ..text.keywords import document_keywords, group_keywords
    from ..text.normalize import normalize_text

    if group:
        records = [r for r, _ in _records(texts, source)]
        found = group_keywords((normalize_text(r["text"]) for r in records), top=top)
        click.echo(json.dumps({"texts": len(records), "keywords": _plain(found)}, ensure_ascii=False))
        return
    _run(texts, source, "keywords", lambda t: document_keywords(normalize_text(t), top=top))


def register(main: click.Group) -> None:
    main.add_command(text)


__all__ = ["register"]
