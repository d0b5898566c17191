"""extractor.evaluation: the scoring rules of gold-format.md on small hand-made pairs."""

from __future__ import annotations

import pytest

from extractor.evaluation import PRF, check_thresholds, evaluate_articles
from extractor.schema import Article

TEXT = (
    "L'application WeChat a été téléchargée 54.000 fois le vendredi 18 septembre 2020 "
    "sur le PlayStore, selon Sensor Tower."
)


def _article(entities=(), dates=(), claims=(), **fields) -> Article:
    return Article.model_validate(
        {"id": "a1", "text": TEXT, "entities": list(entities), "dates": list(dates), "claims": list(claims), **fields}
    )


def _entity(name, type_, aliases=(), mentions=()):
    return {"name": name, "type": type_, "aliases": list(aliases), "mentions": list(mentions)}


def _mention(surface):
    start = TEXT.index(surface)
    return {"start": start, "end": start + len(surface), "text": surface}


def _date(surface, value, end_value=None):
    start = TEXT.index(surface)
    return {"text": surface, "start": start, "end": start + len(surface), "value": value, "end_value": end_value}


def _claim(app, count, period=(None, None), metric="downloads", qualifier="exact"):
    return {"app": app, "count": count, "qualifier": qualifier, "metric": metric,
            "period_start": period[0], "period_end": period[1]}


def _prf(prf: PRF) -> tuple[int, int, int]:
    return prf.tp, prf.fp, prf.fn


# -- entities ------------------------------------------------------------------

PLAY_STORE = _entity("Play Store", "APP", aliases=["PlayStore"])


@pytest.mark.parametrize(
    "predicted, expected",
    [
        # same canonical name
        ([_entity("Play Store", "APP")], (1, 0, 0)),
        # the prediction's name is a gold alias
        ([_entity("PlayStore", "APP")], (1, 0, 0)),
        # a mention text equals a gold alias, whatever the predicted name
        ([_entity("Google Play", "APP", mentions=[_mention("PlayStore")])], (1, 0, 0)),
        # case, accents and punctuation do not count
        ([_entity("play-store", "APP")], (1, 0, 0)),
        ([_entity("PLAY STORE", "APP")], (1, 0, 0)),
        # a second prediction for the matched entity is neither right nor wrong
        ([_entity("Play Store", "APP"), _entity("PlayStore", "APP")], (1, 0, 0)),
        # another type does not match
        ([_entity("Play Store", "COMPANY")], (0, 1, 1)),
        # another name is a false positive and leaves the gold one missed
        ([_entity("App Store", "APP")], (0, 1, 1)),
        ([], (0, 0, 1)),
    ],
)
def test_evaluation_entity_matching(predicted, expected):
    report = evaluate_articles([(_article([PLAY_STORE]), _article(predicted))])
    assert _prf(report.entities) == expected


def test_evaluation_entity_scores_per_type():
    gold = _article([PLAY_STORE, _entity("Sensor Tower", "COMPANY"), _entity("WeChat", "APP")])
    pred = _article([_entity("PlayStore", "APP"), _entity("Sensor Tower", "APP"), _entity("WeChat", "APP")])
    report = evaluate_articles([(gold, pred)])
    assert _prf(report.entities_by_type["APP"]) == (2, 1, 0)
    assert _prf(report.entities_by_type["COMPANY"]) == (0, 0, 1)
    assert _prf(report.entities) == (2, 1, 1)
    assert report.scores()["entities.f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert sorted((e.article, e.kind, e.detail) for e in report.errors) == [
        ("a1", "FN", "Sensor Tower (COMPANY)"),
        ("a1", "FP", "Sensor Tower (APP)"),
    ]


# -- dates ---------------------------------------------------------------------

GOLD_DATE = _date("vendredi 18 septembre 2020", "2020-09-18")


@pytest.mark.parametrize(
    "predicted, spans, values, strict",
    [
        # same span, same value
        ([_date("vendredi 18 septembre 2020", "2020-09-18")], (1, 0, 0), (1, 1), (1, 0, 0)),
        # an overlapping span matches; the leading article is tolerated
        ([_date("le vendredi 18 septembre", "2020-09-18")], (1, 0, 0), (1, 1), (1, 0, 0)),
        # overlap with a wrong value: a span match, a value error, strict FP and FN
        ([_date("18 septembre", "2021-09-18")], (1, 0, 0), (0, 1), (0, 1, 1)),
        # a stray end_value makes the value wrong
        ([_date("vendredi 18 septembre 2020", "2020-09-18", "2020-09-19")], (1, 0, 0), (0, 1), (0, 1, 1)),
        # no overlap: FP and FN
        ([_date("WeChat", None)], (0, 1, 1), (0, 0), (0, 1, 1)),
        ([], (0, 0, 1), (0, 0), (0, 0, 1)),
    ],
)
def test_evaluation_date_overlap_and_values(predicted, spans, values, strict):
    report = evaluate_articles([(_article(dates=[GOLD_DATE]), _article(dates=predicted))])
    assert _prf(report.date_spans) == spans
    assert (report.date_values.correct, report.date_values.total) == values
    assert _prf(report.date_strict) == strict


def test_evaluation_one_gold_date_matches_one_prediction():
    predicted = [_date("vendredi 18", "2020-09-18"), _date("septembre 2020", "2020-09")]
    report = evaluate_articles([(_article(dates=[GOLD_DATE]), _article(dates=predicted))])
    assert _prf(report.date_spans) == (1, 1, 0)


# -- claims --------------------------------------------------------------------

WECOM = _entity("WeCom", "APP", aliases=["WeChat Work"])


@pytest.mark.parametrize(
    "gold_claims, pred_entities, pred_claims, expected",
    [
        # same app, same count
        ([_claim("WeChat", 54000)], [], [_claim("WeChat", 54000)], (1, 0, 0)),
        # same app, another count
        ([_claim("WeChat", 54000)], [], [_claim("WeChat", 1900)], (0, 1, 1)),
        # another app, same count
        ([_claim("WeChat", 54000)], [], [_claim("TikTok", 54000)], (0, 1, 1)),
        # the app is matched through a gold alias
        ([_claim("WeCom", 58000)], [], [_claim("WeChat Work", 58000)], (1, 0, 0)),
        # ... or through the predicted entity's mention texts
        ([_claim("WeCom", 58000)], [_entity("Wecom app", "APP", aliases=["WeChat Work"])],
         [_claim("Wecom app", 58000)], (1, 0, 0)),
        # null app matches null, and only null
        ([_claim(None, 30_000_000_000)], [], [_claim(None, 30_000_000_000)], (1, 0, 0)),
        ([_claim(None, 30_000_000_000)], [], [_claim("App Store", 30_000_000_000)], (0, 1, 1)),
        ([_claim("WeChat", 54000)], [], [_claim(None, 54000)], (0, 1, 1)),
        # a repeat of a matched claim is neither right nor wrong
        ([_claim("WeChat", 54000)], [], [_claim("WeChat", 54000), _claim("WeChat", 54000)], (1, 0, 0)),
    ],
)
def test_evaluation_claim_matching(gold_claims, pred_entities, pred_claims, expected):
    gold = _article([_entity("WeChat", "APP"), WECOM], claims=gold_claims)
    pred = _article(pred_entities, claims=pred_claims)
    report = evaluate_articles([(gold, pred)])
    assert _prf(report.claims["downloads"]) == expected


def test_evaluation_claim_metrics_are_scored_apart():
    gold = _article(claims=[_claim("WeChat", 1_000_000_000, metric="users")])
    pred = _article(claims=[_claim("WeChat", 1_000_000_000, metric="downloads")])
    report = evaluate_articles([(gold, pred)])
    assert _prf(report.claims["users"]) == (0, 0, 1)
    assert _prf(report.claims["downloads"]) == (0, 1, 0)


@pytest.mark.parametrize(
    "gold_period, pred_period, right",
    [
        (("2021-03", "2021-03"), ("2021-03-01", "2021-03-31"), True),
        (("2021-03", "2021-03"), ("2021-03", "2021-03"), True),
        (("2021", "2021"), ("2021-01-01", "2021-12-31"), True),
        (("2021-02", "2021-02"), ("2021-02-01", "2021-02-28"), True),
        (("2021-03", "2021-03"), ("2021-03-01", "2021-03-30"), False),
        (("2016", None), ("2016-01-01", None), True),
        (("2016", None), ("2016", "2021-03-14"), False),
        ((None, "2020-07-22"), (None, "2020-07-22"), True),
        ((None, None), ("2020-09-18", "2020-09-19"), False),
    ],
)
def test_evaluation_period_compared_as_days(gold_period, pred_period, right):
    gold = _article(claims=[_claim("WeChat", 54000, gold_period)])
    pred = _article(claims=[_claim("WeChat", 54000, pred_period)])
    report = evaluate_articles([(gold, pred)])
    period = report.periods["downloads"]
    assert (period.correct, period.total) == ((1, 1) if right else (0, 1))
    assert [e.kind for e in report.errors] == ([] if right else ["WRONG_PERIOD"])


# -- accumulators and thresholds --------------------------------------------------


@pytest.mark.parametrize(
    "tp, fp, fn, precision, recall, f1",
    [
        (2, 1, 1, 2 / 3, 2 / 3, 2 / 3),
        (3, 0, 1, 1.0, 0.75, 6 / 7),
        (0, 0, 0, 1.0, 1.0, 1.0),  # nothing to find, nothing found
        (0, 2, 0, 0.0, 0.0, 0.0),
        (0, 0, 2, 0.0, 0.0, 0.0),
    ],
)
def test_evaluation_prf_scores(tp, fp, fn, precision, recall, f1):
    prf = PRF(tp, fp, fn)
    assert (prf.precision, prf.recall, prf.f1) == pytest.approx((precision, recall, f1))


def test_evaluation_prf_add_sums_counts():
    total = PRF(1, 2, 3)
    total.add(PRF(4, 5, 6))
    assert _prf(total) == (5, 7, 9)


def test_evaluation_errors_are_listed_by_article():
    first = (_article(claims=[_claim("WeChat", 54000)]), _article())
    second = (_article(id="a2"), _article(id="a2", claims=[_claim("WeChat", 54000)]))
    report = evaluate_articles([first, second])
    assert report.articles == 2
    assert [(e.article, e.field, e.kind) for e in report.errors] == [
        ("a1", "claims.downloads", "FN"),
        ("a2", "claims.downloads", "FP"),
    ]


@pytest.mark.parametrize(
    "scores, minimums, tolerance, failures",
    [
        ({"entities.f1": 0.90}, {"entities.f1": 0.92}, 0.01, ["entities.f1: 0.9000 < 0.9200 - 0.01"]),
        ({"entities.f1": 0.915}, {"entities.f1": 0.92}, 0.01, []),  # within tolerance
        ({"entities.f1": 0.95}, {"entities.f1": 0.92}, 0.0, []),
        ({"entities.f1": 0.95}, {"dates.strict_f1": 0.5}, 0.0, ["dates.strict_f1: not measured"]),
        (
            {"entities.f1": 0.5, "dates.span_f1": 0.5},
            {"entities.f1": 0.6, "dates.span_f1": 0.6},
            0.05,
            ["dates.span_f1: 0.5000 < 0.6000 - 0.05", "entities.f1: 0.5000 < 0.6000 - 0.05"],
        ),
    ],
)
def test_evaluation_check_thresholds_reports_drops_beyond_tolerance(scores, minimums, tolerance, failures):
    assert check_thresholds(scores, minimums, tolerance) == failures


def test_evaluation_report_scores_cover_the_thresholds_metrics():
    report = evaluate_articles([(_article(), _article())])
    assert {
        "entities.f1", "dates.span_f1", "dates.strict_f1", "dates.value_accuracy",
        "claims.downloads.f1", "claims.users.f1", "claims.period_accuracy",
    } <= set(report.scores())
