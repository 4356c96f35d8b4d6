"""Syllable tokens and sentences: one regex pass that keeps numbers, money, dates and URLs whole.

Vietnamese writes one syllable per space-separated unit, so tokens here are syllables;
multi-syllable words ("hội nghị") come from `duluan.text.words`. What a plain
`str.split()` would break, and what downstream models need whole, gets its own kind:
"335.000 đồng" (money), "12,5%" (percent), "10/7/2020" (date), "8h30" (time), URLs,
e-mail addresses, hashtags, @mentions, emoticons (":))", "<3") and emoji sequences.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["KINDS", "Token", "split_sentences", "tokenize"]

KINDS = (
    "word", "number", "money", "percent", "date", "time", "url", "email", "hashtag",
    "mention", "emoticon", "emoji", "punct",
)  # fmt: skip


class Token(NamedTuple):
    """One token: its text, its [start, end) span in the input and its kind (see KINDS)."""

    text: str
    start: int
    end: int
    kind: str


_L = r"[^\W\d_]"  # a letter, in any script
_NUM = r"\d+(?:[.,]\d+)*"  # "335.000", "1,5", "1.234.567,89"
_SCALE = r"(?:nghìn|ngàn|triệu|tỷ|tỉ|trăm)"
_CURRENCY = r"(?:đồng|vnđ|vnd|usd|đ|euro|eur|yên|nhân dân tệ|bảng anh|won|bath|baht|\$|€|£)"
# Words that start with "đồng" but are not the currency: "2 đồng nghiệp", "3 đồng hồ".
_NOT_DONG = (
    r"(?!\s+(?:nghiệp|hồ|chí|bào|ruộng|đội|hương|minh|loại|phạm|tiền|xu|môn|cấp|ca|tác|"
    r"bằng|thời|cỏ|lúa|muối|ý|tình|hành|cảm|phục|dạng))"
)
# Single dotted abbreviations are tokens of their own, dot included, so the sentence
# splitter can tell "TP." (thành phố) from a full stop. Listed case-sensitively: "tp."
# lower-case is rare in news and "P." is only safe with a capital.
ABBREVIATIONS = (
    "TP", "Tp", "TX", "Q", "P", "H", "X", "TT", "TS", "PGS", "GS", "ThS", "Th.S", "BS",
    "CN", "KS", "LS", "NSƯT", "NSND", "ĐH", "CĐ", "THPT", "THCS", "Mr", "Mrs", "Ms", "Dr",
    "St", "No", "Co", "Ltd", "Inc", "Corp", "v.v", "v.v.v", "Tr", "tr", "Sđd", "Nxb", "NXB",
    "đ/c", "Đ/c", "ông", "bà",
)  # fmt: skip
_ABBR_ALT = "|".join(
    re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True) if a not in ("ông", "bà")
)

# Emoji: pictographs with skin tones, variation selectors and ZWJ sequences, or flags.
_EMOJI_BASE = "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u3297\u3299]"
_EMOJI = (
    rf"(?:[\U0001f1e6-\U0001f1ff]{{2}}|{_EMOJI_BASE}[\ufe0f\U0001f3fb-\U0001f3ff]*"
    rf"(?:\u200d{_EMOJI_BASE}[\ufe0f\U0001f3fb-\U0001f3ff]*)*)"
)

# Alternatives in priority order: the first that matches at a position wins, so the
# longer and more specific kinds come before number, word and the catch-all.
_PATTERN = re.compile(
    "(?:"
    + "|".join(
        (
            # Fast path for the commonest token, a plain word followed by a space or a
            # comma: tried first, it spares the engine the other alternatives. It cannot
            # take what a later kind would: those need a dot, "@", "-" or "'" after the letters.
            r"(?P<w>[^\W\d_][^\W_]*(?=[\s,;!?)\]\"”’]|$))",
            r"(?P<url>(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]}]"
            r"|(?<![\w@.])(?:[a-z0-9-]+\.)+(?:vn|com|net|org|gov|edu|info|io)"
            r"(?:\.vn)?(?:/[^\s<>\"']*[^\s<>\"'.,;:!?)\]}])?(?![\w@]))",
            r"(?P<email>(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?!\w))",
            r"(?P<hashtag>(?<![\w#])#\w*" + _L + r"\w*)",
            r"(?P<mention>(?<![\w@])@\w+(?:\.\w+)*)",
            r"(?P<date>(?<![\d.,/-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}(?P<dsep>[/.-])\d{1,2}(?P=dsep)\d{2,4}"
            r"|(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])|(?:0?[1-9]|1[0-2])/(?:19|20)\d\d)"
            r"(?![\d/]|[.,]\d))",
            r"(?P<time>(?<![\d.,])(?:[01]?\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?|h(?:[0-5]\d)?(?:p|')?"
            r"|g[0-5]\d)(?!\w|[.,:]\d))",
            # "50k", "2tr", "2tr5", "1tỷ"; "335.000 đồng", "1,2 tỷ đồng", "$5", "5 USD".
            r"(?P<money>(?<![\w.,])" + _NUM + r"(?:(?i:k|tr)\d*|tỷ|tỉ|củ)(?!\w)"
            r"|(?<![\w.,])"
            + _NUM
            + r"(?:\s?"
            + _SCALE
            + r")?\s?(?i:"
            + _CURRENCY
            + r")"
            + _NOT_DONG
            + r"(?!\w)"
            r"|(?:US)?[$€£]\s?" + _NUM + r"(?:\s?" + _SCALE + r")?(?![\w.,]))",
            r"(?P<percent>" + _NUM + r"\s?%)",
            r"(?P<number>" + _NUM + r")",
            r"(?P<emoticon>(?<![\w:;=])[:;=8][-']?(?:[)(\]\[]+|[dDpPoO3vV*](?!\w)|\|)"
            r"|[:;=][-']?(?:[)(]+)|<3+|\^[_.]?\^|-_-|[Tt]_[Tt]|>\.<|=\.=|:'\()",
            r"(?P<emoji>" + _EMOJI + r")",
            # Abbreviations end with their dot; a word may carry an inner apostrophe
            # ("H'Mông") and a code may carry digits after a hyphen ("COVID-19").
            r"(?P<word>(?<!\w)(?:" + _ABBR_ALT + r")\.(?!\w\.)"
            r"|[A-ZĐ]\.(?=[ ]?[A-ZĐ])"
            r"|" + _L + r"[^\W_]*(?:['’]" + _L + r"+)*(?:-\d+(?!\w))?)",
            r"(?P<punct>\.{2,}|[!?]{2,}|\S)",
        )
    )
    # Each match eats the spaces after its token, so the engine never tries every
    # alternative at a space; the token ends where its named group ends.
    + r")\s*"
)


_ABBREVIATION_SET = frozenset(ABBREVIATIONS) - {"ông", "bà"}
_new_token = tuple.__new__  # builds a Token without the keyword handling of Token(...)

# Chunks that are not plain letters but that the regex would cut without trying anything
# else (`_plain_tokens`): no alternative of `_PATTERN` starts with one of these marks
# but the catch-all, and a word followed by a closing one is taken by the fast word
# pattern, whose lookahead admits them.
_OPENING = frozenset("([“‘\"'")
_CLOSING = frozenset(')]”’"!?;')
_LONE = frozenset("-–—:;!?()[]“”‘’\"'/….,")
# What must follow a number, after at most one space, for it to be money or a percentage
# ("5 USD", "2 triệu đồng", "12 %"): where this does not match, the number stands alone.
_MONEY_OR_PERCENT_AFTER = re.compile(r"\s?(?:%|" + _SCALE + r"|(?i:" + _CURRENCY + r"))")


def _plain_tokens(chunk: str, start: int, end: int, text: str) -> list[Token] | None:
    """The tokens of a chunk the regex would cut in an obvious way: a lone mark, plain
    ASCII digits (with a comma or a full stop after them), or plain letters with one opening and/or closing mark ("(Hà", "Nội)",
    "“nước”"); None for anything else, which goes through the regex."""
    if len(chunk) == 1 and chunk in _LONE:
        return [_new_token(Token, (chunk, start, end, "punct"))]
    last = chunk[-1]
    if last in ",." and chunk[:-1].isdigit() and chunk.isascii():  # "2018," "3."
        return [
            _new_token(Token, (chunk[:-1], start, end - 1, "number")),
            _new_token(Token, (last, end - 1, end, "punct")),
        ]
    if chunk.isdigit() and chunk.isascii():
        if _MONEY_OR_PERCENT_AFTER.match(text, end) is not None:
            return None
        return [_new_token(Token, (chunk, start, end, "number"))]
    opening = chunk[0] in _OPENING
    closing = chunk[-1] in _CLOSING
    body = chunk[opening : len(chunk) - closing]
    if not (opening or closing) or not body.isalpha():
        return None
    found = [_new_token(Token, (body, start + opening, end - closing, "word"))]
    if opening:
        found.insert(0, _new_token(Token, (chunk[0], start, start + 1, "punct")))
    if closing:
        found.append(_new_token(Token, (chunk[-1], end - 1, end, "punct")))
    return found


def tokenize(text: str) -> list[Token]:
    """Split `text` into syllable-level tokens; whitespace separates but is never a token.

    Gives exactly what `_PATTERN.finditer` gives (a property test holds them equal), but
    most space-separated chunks are plain letters, alone or with a trailing comma or full
    stop: those become tokens without the regex, and so do lone marks, numbers and
    bracketed or quoted words (`_plain_tokens`); only the rest go through it.
    """
    tokens: list[Token] = []
    append = tokens.append
    find = text.find
    size = len(text)
    position = 0  # where the next chunk is searched from
    consumed = 0  # the regex has read the text up to here (it may span several chunks)
    chunks = text.split()
    # Normalised text is mostly words one space apart: then each chunk starts one past the
    # end of the one before, and no search is needed to find it.
    single = " ".join(chunks) == text
    step = 1 if single else 0
    for chunk in chunks:
        start = position if single else find(chunk, position)
        end = start + len(chunk)
        position = end + step
        if start < consumed:
            continue  # taken by a regex match that spanned spaces ("335.000 đồng")
        if chunk.isalpha():
            append(_new_token(Token, (chunk, start, end, "word")))
            continue
        last = chunk[-1]
        body = chunk[:-1]
        # "nước," and "nay." are a word and a punctuation mark, unless the dot belongs to
        # an abbreviation ("TP.") or an initial ("A. Nguyễn"), which the regex decides.
        if (last == "," or (last == "." and len(body) > 1 and body not in _ABBREVIATION_SET)) and body.isalpha():
            append(_new_token(Token, (body, start, end - 1, "word")))
            append(_new_token(Token, (last, end - 1, end, "punct")))
            continue
        plain = _plain_tokens(chunk, start, end, text)
        if plain is not None:
            tokens += plain
            continue
        cursor = start
        while True:
            match = _PATTERN.match(text, cursor)
            if match is None:  # cannot happen at a non-space character; never loop on it
                break
            kind = match.lastgroup or "punct"
            first, stop = match.span(kind)
            append(_new_token(Token, (text[first:stop], first, stop, "word" if kind == "w" else kind)))
            cursor = match.end()
            # Stop at a chunk boundary: past this chunk, with a space (or nothing) before.
            if cursor >= end and (cursor >= size or text[cursor - 1].isspace()):
                break
        consumed = cursor
    return tokens


def _tokenize_reference(text: str) -> list[Token]:
    """`tokenize` by the regex alone; for tests."""
    tokens = []
    for match in _PATTERN.finditer(text):
        kind = match.lastgroup or "punct"
        start, end = match.span(kind)
        tokens.append(Token(text[start:end], start, end, "word" if kind == "w" else kind))
    return tokens


_CLOSERS = frozenset("\"'”’»)]")
# Titles and unit prefixes stand before a name: a sentence never ends right after one.
_NEVER_FINAL = frozenset(a + "." for a in ABBREVIATIONS if a not in ("v.v", "v.v.v"))


def _ends_sentence(token: Token) -> bool:
    if token.kind != "punct":
        return token.kind == "word" and token.text in ("v.v.", "v.v.v.")
    return token.text[0] in ".!?…"


def _starts_sentence(token: Token) -> bool:
    first = token.text[0]
    return first.isupper() or first.isdigit() or first in "\"'“‘«([-–—•" or token.kind in (
        "emoji", "emoticon", "hashtag", "mention", "url",
    )  # fmt: skip


def split_sentences(text: str) -> list[str]:
    """Split `text` into sentences; abbreviations, decimals and initials do not end one."""
    sentences: list[str] = []
    for line in text.split("\n"):  # a line break always ends a sentence (titles, lists)
        tokens = tokenize(line)
        start = 0
        i = 0
        quotes = 0  # straight quotes open and close alike: their parity tells which
        while i < len(tokens):
            token = tokens[i]
            i += 1
            quotes += token.text == '"'
            if not _ends_sentence(token) or token.text in _NEVER_FINAL:
                continue
            # Closing quotes and brackets after the stop belong to this sentence.
            while i < len(tokens) and tokens[i].text in _CLOSERS:
                if tokens[i].text == '"':
                    if quotes % 2 == 0:
                        break
                    quotes += 1
                i += 1
            if i < len(tokens) and not _starts_sentence(tokens[i]):
                continue
            end = tokens[i - 1].end
            piece = line[start:end].strip()
            if piece:
                sentences.append(piece)
            start = end
        piece = line[start:].strip()
        if piece:
            sentences.append(piece)
    return sentences
