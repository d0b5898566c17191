"""Robustness: odd, empty, hostile and very long inputs never break a record."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import ArticleInput, extract, extract_many


def _assert_offsets(article, text):
    for date in article.dates:
        assert text[date.start : date.end] == date.text
    for claim in article.claims:
        if claim.start is not None:
            assert text[claim.start : claim.end] == claim.text
    for entity in article.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize("text", ["", " ", "   \n\n\t  ", "\u00a0\u202f\n"])
def test_robustness_empty_text_gives_a_record_with_a_warning(extract_fn, text):
    article = extract_fn(text, published="2021-03-14", id="vide")
    assert article.id == "vide"
    assert (article.entities, article.dates, article.claims) == ([], [], [])
    assert article.warnings == ["empty text: nothing to extract"]


@pytest.mark.parametrize("value", [None, b"WeChat a 54.000 utilisateurs", 42, ["texte"]])
def test_robustness_non_string_raises_type_error(extract_fn, value):
    with pytest.raises(TypeError, match=rf"must be a str, not {type(value).__name__}"):
        extract_fn(value)


def test_robustness_non_string_in_a_stream_raises_type_error(nlp):
    with pytest.raises(TypeError, match="must be a str"):
        list(extract_many([ArticleInput(None)], nlp=nlp))  # type: ignore[arg-type]


@pytest.mark.parametrize("published", ["2021-13-01", "hier", "14/03/2021"])
def test_robustness_bad_published_is_a_warning(extract_fn, published):
    article = extract_fn("La CNIL a publié son avis hier.", published=published)
    assert article.published is None
    assert article.warnings == [f"published {published!r} is not an ISO date: ignored"]


def test_robustness_published_with_a_time_keeps_the_day(extract_fn):
    article = extract_fn("La CNIL a publié son avis hier.", published="2021-03-14T08:30:00+01:00")
    assert (article.published, [d.value for d in article.dates]) == ("2021-03-14", ["2021-03-13"])


FRAGMENTS = [
    "L'application WeChat a été téléchargée 54.000 fois ",
    "le vendredi 18 septembre 2020",
    " selon Sensor Tower, ",
    "passer de 300 à 58\u00a0000 ",
    "la CNIL",
    "Crédits Unsplash\n",
    "\n\n",
    "ce week-end",
    "plus d'un milliard d'utilisateurs",
    "l’App Store",
]
ODD_CHARACTERS = st.sampled_from(
    ["\u200b", "\u200d", "\ufeff", "\u00ad", "\x00", "\x07", "\x1b", "\r", "\t", "\u2028", "\u202e",
     "😀", "👩‍💻", "🇫🇷", "é", "\u0301", "’", "«", "»", "\u00a0", "\u202f"]
)
TEXTS = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), ODD_CHARACTERS, st.text(max_size=12)),
    max_size=25,
).map("".join)


@settings(max_examples=25, deadline=None)
@given(text=TEXTS)
def test_robustness_random_unicode_never_raises(extract_fn, text):
    article = extract_fn(text, published="2020-09-22")
    _assert_offsets(article, text)


def test_robustness_long_input_processes(nlp):
    news = (
        "Le vendredi 18 septembre 2020, la messagerie Olvid a enregistré 54.000 téléchargements, "
        "selon Sensor Tower. La CNIL a publié un avis sur les applications de messagerie.\n\n"
    )
    prose = (
        "Les ventes de smartphones restent stables depuis plusieurs mois, tandis que les opérateurs "
        "investissent dans la fibre et que les éditeurs multiplient les mises à jour de leurs services. "
        "Les analystes estiment que le marché devrait se stabiliser, même si la concurrence reste vive "
        "entre les fabricants et que les consommateurs gardent leur téléphone plus longtemps.\n\n"
    )
    paragraph = news + prose * 3
    text = (paragraph * (200_000 // len(paragraph) + 1))[:200_000]
    article = extract(text, published="2020-09-22")
    assert len(text) == 200_000
    assert [w for w in article.warnings if not w.startswith("long text")] == []  # chunking is only a note
    assert {(e.name, e.type.value) for e in article.entities} == {
        ("Olvid", "APP"), ("Sensor Tower", "COMPANY"), ("CNIL", "AGENCY")
    }
    assert [(c.app, c.count, c.period_start) for c in article.claims] == [("Olvid", 54000, "2020-09-18")]
    assert len(article.dates) == text.count("vendredi 18 septembre 2020")
    assert {(d.value, d.end_value) for d in article.dates} == {("2020-09-18", None)}
    _assert_offsets(article, text)
