from hypothesis import given, settings
from hypothesis import strategies as st

from duluan.text.token_table import OTHER_KIND, TokenTable, kind_mask
from duluan.text.tokens import KINDS, Token, tokenize

TEXTS = [
    "Giá 335.000 đồng, tăng 12,5% ở Hà Nội; Hà Nội ngập.",
    "",
    "ko biết :)) @an #ngập www.abc.vn ngập ngập",
    "Ngập ở Thủ Đức, ngập ở Hà Nội.",
]


def test_table_lays_the_tokens_flat_with_one_id_per_text():
    lists = [tokenize(text) for text in TEXTS]
    table = TokenTable.of(lists)
    assert table.flat == [token for tokens in lists for token in tokens]
    assert table.offsets[0] == 0 and table.offsets[-1] == len(table.flat)
    for i, tokens in enumerate(lists):
        assert table.flat[table.offsets[i] : table.offsets[i + 1]] == tokens
    assert table.texts == list(dict.fromkeys(token.text for token in table.flat))
    assert [table.texts[i] for i in table.ids] == [token.text for token in table.flat]
    assert [KINDS[k] for k in table.kinds] == [token.kind for token in table.flat]
    assert table.docs().tolist() == [i for i, tokens in enumerate(lists) for _ in tokens]


def test_a_kind_not_in_kinds_is_other():
    table = TokenTable.of([[Token("x", 0, 1, "custom"), Token("y", 2, 3, "word")]])
    assert table.kinds.tolist() == [OTHER_KIND, KINDS.index("word")]
    assert not kind_mask(KINDS)[OTHER_KIND]


def test_codes_ask_once_per_distinct_text_and_only_for_selected_kinds():
    table = TokenTable.of([tokenize(text) for text in TEXTS])
    asked: list[str] = []
    known = {"ngập": 7}

    def make(text: str) -> int:
        asked.append(text)
        known[text] = len(text)
        return len(text)

    codes = table.codes(kind_mask(["word"]), known, make, -1)
    expected = [
        (7 if t.text == "ngập" else len(t.text)) if t.kind == "word" else -1 for t in table.flat
    ]
    assert codes.tolist() == expected
    assert len(asked) == len(set(asked))  # once per text
    assert "ngập" not in asked  # known already
    assert not {"335.000 đồng", ",", ":))"} & set(asked)  # not words


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="aăâbđ .,:)1 0%@#-ÂĐ\n", max_size=30), max_size=6))
def test_codes_match_a_lookup_token_by_token(texts):
    lists = [tokenize(text) for text in texts]
    table = TokenTable.of(lists)
    selected = kind_mask(["word", "punct"])
    codes = table.codes(selected, {}, lambda text: sum(map(ord, text)), 0)
    flat = [token for tokens in lists for token in tokens]
    assert codes.tolist() == [
        sum(map(ord, t.text)) if t.kind in ("word", "punct") else 0 for t in flat
    ]


def test_the_words_table_goes_on_from_the_tokens_ids():
    from duluan.text.words import segment_batch, segment_table, segment_words

    lists = [tokenize(text) for text in TEXTS]
    tokens = TokenTable.of(lists)
    words = segment_table(TEXTS, tokens)
    assert words.lists() == [segment_words(text) for text in TEXTS] == segment_batch(TEXTS)
    assert len(words) == len(TEXTS)
    assert words.texts[: len(tokens.texts)] == tokens.texts
    assert [words.texts[i] for i in words.ids] == [word.text for word in words.flat]
    assert [KINDS[k] for k in words.kinds] == [word.kind for word in words.flat]
    assert any(" " in word.text for word in words.flat)  # "Hà Nội": a new text
