"""Offsets: every span of every corpus article slices to its text, in predictions and in gold."""

from __future__ import annotations

import pytest

from conftest import ROOT, read_jsonl
from extractor import ArticleInput, extract_many
from extractor.parsing.names import name_key
from extractor.parsing.partial_dates import PartialDate
from extractor.schema import Article

GOLD_FILES = [ROOT / "corpus" / "dev.gold.jsonl", ROOT / "corpus" / "test.gold.jsonl"]
GOLD = [row for path in GOLD_FILES for row in read_jsonl(path)]
IDS = [row["id"] for row in GOLD]


@pytest.fixture(scope="module")
def predictions(nlp):
    """Return the extractor's record of every corpus article, by id."""
    inputs = [ArticleInput(row["text"], row["id"], row["published"]) for row in GOLD]
    return {article.id: article for article in extract_many(inputs, nlp=nlp)}


def _spans(article: Article):
    for date in article.dates:
        yield "date", date.start, date.end, date.text
    for claim in article.claims:
        if claim.start is not None:
            yield "claim", claim.start, claim.end, claim.text
    for entity in article.entities:
        for mention in entity.mentions:
            yield f"mention of {entity.name}", mention.start, mention.end, mention.text


def test_offsets_corpus_ids_are_unique():
    assert len(IDS) == len(set(IDS))
    assert all(row["text"] for row in GOLD)


@pytest.mark.parametrize("row", GOLD, ids=IDS)
def test_offsets_predicted_spans_slice_to_their_text(predictions, row):
    text = row["text"]
    article = predictions[row["id"]]
    bad = [
        (what, start, end, span_text, text[start:end])
        for what, start, end, span_text in _spans(article)
        if not 0 <= start <= end <= len(text) or text[start:end] != span_text
    ]
    assert bad == []
    # the record is valid against its own text (schema validator)
    Article.model_validate({**article.model_dump(), "text": text})


def _valid_iso(value: str | None) -> bool:
    if value is None:
        return True
    try:
        return PartialDate.parse(value).iso() == value
    except ValueError:
        return False


@pytest.mark.parametrize("row", GOLD, ids=IDS)
def test_offsets_gold_article_is_consistent(row):
    text = row["text"]
    Article.model_validate(row)  # schema: date texts equal text[start:end]
    for date in row["dates"]:
        assert text[date["start"] : date["end"]] == date["text"]
        assert _valid_iso(date["value"]) and _valid_iso(date["end_value"]), date
        if date["value"] and date["end_value"]:
            first = PartialDate.parse(date["value"]).first_day()
            assert first <= PartialDate.parse(date["end_value"]).last_day(), date
        if date["end_value"] is not None:
            assert date["value"] is not None, date
    apps = {entity["name"] for entity in row["entities"] if entity["type"] == "APP"}
    for claim in row["claims"]:
        assert claim["app"] is None or claim["app"] in apps, claim
        assert _valid_iso(claim["period_start"]) and _valid_iso(claim["period_end"]), claim
        if claim.get("start") is not None:
            assert text[claim["start"] : claim["end"]] == claim["text"]
        elif claim.get("text"):
            assert claim["text"] in text, claim
    for entity in row["entities"]:
        keys = {name_key(entity["name"]), *(name_key(alias) for alias in entity["aliases"])}
        for mention in entity.get("mentions", []):
            surface = text[mention["start"] : mention["end"]]
            assert name_key(surface) in keys, (entity["name"], surface)
            if mention.get("text") is not None:
                assert mention["text"] == surface
