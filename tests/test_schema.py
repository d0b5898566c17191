"""extractor.schema: the record contract refuses inconsistent records."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from extractor.cli import app
from extractor.schema import Article, DateMention, DownloadClaim, Entity, Mention

TEXT = "Le vendredi 18 septembre, l'application a été téléchargée 54.000 fois."


def _article(**fields) -> dict:
    return {"id": "a", "text": TEXT, **fields}


def test_schema_accepts_a_consistent_record():
    article = Article.model_validate(
        _article(
            dates=[{"text": "vendredi 18 septembre", "start": 3, "end": 24, "value": "2020-09-18"}],
            entities=[{"name": "WeChat", "type": "APP", "mentions": [{"start": 28, "end": 39, "text": "application"}]}],
            claims=[{"app": "WeChat", "count": 54000, "text": "54.000 fois", "start": 58, "end": 69}],
        )
    )
    assert (article.dates[0].value, article.claims[0].qualifier.value, article.claims[0].metric.value) == (
        "2020-09-18",
        "exact",
        "downloads",
    )


@pytest.mark.parametrize(
    "fields, field_name",
    [
        # date text that is not text[start:end]
        ({"dates": [{"text": "vendredi 18 septembre", "start": 0, "end": 21, "value": "2020-09-18"}]}, "date"),
        # offsets past the end of the text
        ({"dates": [{"text": "x", "start": 70, "end": 500, "value": None}]}, "date"),
        # a claim whose text is not at its offsets
        ({"claims": [{"app": None, "count": 54000, "text": "54.000 fois", "start": 0, "end": 11}]}, "claim"),
        # an entity mention whose text is not at its offsets
        ({"entities": [{"name": "WeChat", "type": "APP", "mentions": [{"start": 0, "end": 6, "text": "WeChat"}]}]},
         "WeChat"),
    ],
)
def test_schema_rejects_text_not_at_its_offsets(fields, field_name):
    with pytest.raises(ValidationError) as error:
        Article.model_validate(_article(**fields))
    assert field_name in str(error.value)


@pytest.mark.parametrize("value", ["2020-13", "2021-02-29", "18/09/2020", "2020-09-18T00:00", "septembre", "2020-00"])
def test_schema_rejects_an_invalid_iso_value(value):
    with pytest.raises(ValidationError) as error:
        DateMention(text="x", start=0, end=1, value=value)
    assert "value" in str(error.value)


@pytest.mark.parametrize("field", ["period_start", "period_end"])
def test_schema_rejects_an_invalid_claim_period(field):
    with pytest.raises(ValidationError) as error:
        DownloadClaim(count=10, **{field: "2020-13"})
    assert field in str(error.value)


@pytest.mark.parametrize(
    "model, data, field",
    [
        (Article, {"id": "a", "title": "Un titre"}, "title"),
        (Entity, {"name": "WeChat", "type": "APP", "kind": "app"}, "kind"),
        (DateMention, {"text": "x", "start": 0, "end": 1, "precision": "day"}, "precision"),
        (DownloadClaim, {"count": 10, "unit": "fois"}, "unit"),
        (Mention, {"start": 0, "end": 1, "label": "APP"}, "label"),
    ],
)
def test_schema_rejects_unknown_fields(model, data, field):
    with pytest.raises(ValidationError) as error:
        model.model_validate(data)
    assert field in str(error.value)


@pytest.mark.parametrize(
    "model, data, field",
    [
        (Entity, {"name": "WeChat", "type": "PRODUCT"}, "type"),
        (Entity, {"name": "", "type": "APP"}, "name"),
        (DownloadClaim, {"count": 0}, "count"),
        (DownloadClaim, {"count": 10, "qualifier": "roughly"}, "qualifier"),
        (DownloadClaim, {"count": 10, "metric": "views"}, "metric"),
        (Mention, {"start": -1, "end": 3}, "start"),
    ],
)
def test_schema_rejects_values_outside_the_enums_and_bounds(model, data, field):
    with pytest.raises(ValidationError) as error:
        model.model_validate(data)
    assert field in str(error.value)


def test_schema_models_are_frozen():
    claim = DownloadClaim(count=10)
    with pytest.raises(ValidationError):
        claim.count = 11


def test_schema_command_prints_a_json_schema_with_claims():
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Article"
    assert {"claims", "dates", "entities"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False
    assert "DownloadClaim" in schema["$defs"]
