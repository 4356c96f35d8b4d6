from datetime import UTC, datetime

from sqlalchemy import Engine, select, update

from duluan.analysis import topic_store
from duluan.analysis.topic_labels import Sample, headline, pooled_keywords, ranked_pool, relabel
from duluan.analysis.topic_model import ClusterOptions
from duluan.analysis.topic_report import _evidence
from duluan.analysis.topic_vectors import TopicVectorizer
from duluan.analysis.topics import TopicOptions, _closeness, update_topics
from duluan.store.schema import documents, story_topics
from duluan.text.keywords import label_form


def test_a_label_shows_the_form_with_diacritics_in_lower_case() -> None:
    # Most members typed without marks, some started a sentence with the phrase.
    assert label_form({"giay to": 30, "Giấy tờ": 4, "giấy tờ": 2}) == "giấy tờ"
    assert label_form({"giay to": 30, "Giấy tờ": 4}) == "giấy tờ"
    # A name most members capitalise stays a name, whoever typed it in lower case.
    assert label_form({"Thủ Đức": 3, "Thu Duc": 9}) == "Thủ Đức"
    assert label_form({"Hà Nội": 99, "hà nội": 1}) == "Hà Nội"
    assert label_form({"UBND": 9, "ubnd": 1}) == "UBND"
    # A phrase nobody marked keeps its letters, in the case most wrote it.
    assert label_form({"di lam": 5, "Di lam": 4}) == "di lam"


def _sample(story_id: int, keywords: list[str]) -> Sample:
    return Sample(story_id, "post", None, "", 1, 1.0 - story_id / 100, keywords)


def test_topic_keywords_read_with_diacritics_when_any_member_wrote_them() -> None:
    samples = [_sample(i, ["lam giay to", "phuong Linh Xuan"]) for i in range(8)]
    samples += [_sample(8, ["làm giấy tờ", "Linh Xuân"]), _sample(9, ["Làm giấy tờ"])]
    assert pooled_keywords(samples)[0] == "làm giấy tờ"


def test_a_label_reads_the_stories_nearest_the_centroid_now_not_the_openers(engine: Engine) -> None:
    """Every story that opened a topic keeps similarity 1.0, so after merges the stored
    similarity ranks the openers of absorbed topics first; the label ranks the topic's
    recent stories by their cosine with the centroid as it is now."""
    from test_topics import load, themed_days

    load(engine, themed_days(range(3)))
    update_topics(engine)
    with engine.begin() as conn:
        flood = conn.execute(
            select(story_topics.c.topic_id).join(documents, documents.c.story_id == story_topics.c.story_id)
            .where(documents.c.origin.like("flood:%"))
        ).scalars().first()
        members = conn.execute(select(story_topics.c.story_id).where(story_topics.c.topic_id == flood)).scalars().all()
        # An off-topic story with a stored similarity of 1.0, as an absorbed opener has.
        stray = conn.execute(
            select(documents.c.story_id).where(documents.c.origin.like("football:%"))
        ).scalars().first()
        conn.execute(update(story_topics).where(story_topics.c.story_id == stray).values(topic_id=flood, similarity=1.0))
        conn.execute(update(story_topics).where(story_topics.c.story_id.in_(members)).values(similarity=0.2))
        # What the stored similarity gives: the stray story first.
        assert next(iter(_evidence(conn, flood, 50))).story_id == stray
        vectorizer = TopicVectorizer()
        clusterer = topic_store.load_clusterer(conn, ClusterOptions(), datetime(2000, 1, 1, tzinfo=UTC), vectorizer.background())
        nearest = _closeness(clusterer, vectorizer, TopicOptions().concern_weight)
        ranked = ranked_pool(conn, flood, nearest)
        # The evidence a reader sees is ranked the same way once the topic is relabelled.
        relabel(conn, [flood], nearest=nearest)
        evidence = [e.story_id for e in _evidence(conn, flood, 50)]
    assert evidence == [s.story_id for s in ranked]
    assert ranked[-1].story_id == stray and len(ranked) == len(members) + 1
    assert ranked[0].similarity > 0.3 > ranked[-1].similarity
    assert [s.similarity for s in ranked] == sorted((s.similarity for s in ranked), reverse=True)


def test_a_headline_prefers_a_post_written_with_diacritics() -> None:
    plain = Sample(1, "post", None, "Troi oi, nuoc chay ra vang khe, khong dam nau an", 1, 0.9, [])
    marked = Sample(2, "post", None, "Nước máy chảy ra vàng khè, không dám nấu ăn", 1, 0.8, [])
    assert headline([plain, marked]) == marked.text
    assert headline([plain]) == plain.text  # nothing better near: the nearest
    article = Sample(3, "news", "Nước máy ở phường Bạch Mai có mùi lạ", "…", 4, 0.5, [])
    assert headline([plain, marked, article]) == article.title


def test_keywords_stored_before_the_discourse_list_do_not_label_a_topic() -> None:
    samples = [_sample(i, ["quá trời", "giá thịt heo", "nhà em"]) for i in range(10)]
    assert pooled_keywords(samples) == ["giá thịt heo"]
