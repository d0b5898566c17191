"""The HTML review views: spans, values and error classes in the parsed page, no network resource."""

from __future__ import annotations

import re
import time
from pathlib import Path

import lxml.html
import pytest

from extractor.evaluation import evaluate_articles
from extractor.schema import Article, DateMention, DownloadClaim, Entity, Mention
from extractor.scoring import read_articles
from extractor.views import evaluation_html, render_evaluation, render_records, show

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_GOLD = SHARED / "real" / "seed.gold.jsonl"
SEED_TEXT = SHARED / "real" / "seed.txt"

TEXT = (
    "Le 3 mars 2021, l'application Plumo, éditée par la start-up Plumo Labs, "
    "a été téléchargée 12 000 fois selon Sensor Tower. Hier, Orange a salué ce chiffre."
)


def offsets(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Return the offsets of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mention(text: str, needle: str, nth: int = 0) -> Mention:
    start, end = offsets(text, needle, nth)
    return Mention(start=start, end=end, text=needle)


def date(text: str, needle: str, value: str | None, end_value: str | None = None) -> DateMention:
    start, end = offsets(text, needle)
    return DateMention(text=needle, start=start, end=end, value=value, end_value=end_value)


def claim(text: str, needle: str | None, count: int, app: str | None, **fields) -> DownloadClaim:
    start, end = offsets(text, needle) if needle else (None, None)
    return DownloadClaim(app=app, count=count, text=needle, start=start, end=end, **fields)


def record(article_id: str = "plumo", text: str = TEXT, **changes) -> Article:
    """Return a hand-made extractor record of ``TEXT``."""
    fields = dict(
        id=article_id,
        text=text,
        published="2021-03-04",
        entities=[
            Entity(name="Plumo", type="APP", mentions=[mention(text, "Plumo")]),
            Entity(name="Plumo Labs", type="COMPANY", mentions=[mention(text, "Plumo Labs")]),
            Entity(name="Sensor Tower", type="COMPANY", mentions=[mention(text, "Sensor Tower")]),
        ],
        dates=[date(text, "3 mars 2021", "2021-03-03")],
        claims=[
            claim(
                text,
                "téléchargée 12 000 fois",
                12000,
                "Plumo",
                period_start="2021-03-03",
                period_end="2021-03-03",
                source="Sensor Tower",
            ),
        ],
    )
    fields.update(changes)
    return Article(**fields)


def parse(page: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(page)


def marks(tree: lxml.html.HtmlElement, css: str | None = None) -> list[lxml.html.HtmlElement]:
    """Return the highlighted spans (first pieces only), optionally those with a CSS class."""
    found = tree.xpath("//mark[contains(concat(' ', @class, ' '), ' sp ')]")
    found = [m for m in found if "cont" not in m.get("class").split()]
    return [m for m in found if css is None or css in m.get("class").split()]


def own_text(mark: lxml.html.HtmlElement) -> str:
    """Return the text a mark covers (its labels are CSS-only, so this is the article's text)."""
    return mark.text_content()


def assert_self_contained(page: str) -> None:
    """Fail if the page could reach the network: links, sources, imports, CSS urls."""
    tree = parse(page)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name in {"src", "href", "xlink:href", "srcset", "action", "data", "poster"} or name.endswith("}href"):
                assert value.startswith("#"), f"<{element.tag} {name}={value!r}>"
    assert not tree.xpath("//link | //img | //iframe | //object | //embed | //script[@src]")
    assert "@import" not in page
    assert not re.search(r"url\(", page), "CSS url(...) found"
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", page)


# --------------------------------------------------------------------------
# Records view
# --------------------------------------------------------------------------


def test_render_records_highlights_mentions_dates_and_claims():
    article = record()
    tree = parse(render_records([article], [TEXT]))
    apps = [m for m in marks(tree, "t-APP") if m.get("data-name") == "Plumo"]
    assert [own_text(m) for m in apps] == ["Plumo"]
    companies = {own_text(m): m.get("data-name") for m in marks(tree, "t-COMPANY")}
    assert companies == {"Plumo Labs": "Plumo Labs", "Sensor Tower": "Sensor Tower"}
    (day,) = marks(tree, "t-DATE")
    assert (own_text(day), day.get("data-value")) == ("3 mars 2021", "2021-03-03")
    assert "2021-03-03" in day.xpath(".//span[@class='lbl']/@data-label")[0]
    (count,) = marks(tree, "t-CLAIM")
    assert own_text(count) == "téléchargée 12 000 fois"
    assert (count.get("data-app"), count.get("data-count"), count.get("data-metric")) == ("Plumo", "12000", "downloads")
    assert "qualifier: exact" in count.get("title") and "source: Sensor Tower" in count.get("title")
    claims_table = tree.xpath("//table[contains(@class, 'claims')]")[0].text_content()
    assert "Plumo" in claims_table and "12\u202f000" in claims_table and "Sensor Tower" in claims_table
    entities_table = tree.xpath("//table[contains(@class, 'entities')]")[0].text_content()
    assert "Plumo Labs" in entities_table


def test_render_records_keeps_the_text_as_is():
    tree = parse(render_records([record()], [TEXT]))
    (shown,) = tree.xpath("//div[@class='txt']")
    assert shown.text_content() == TEXT


def test_render_records_nests_and_splits_crossing_spans():
    text = "Alpha Beta Gamma et Beta"
    article = Article(
        id="crossing",
        text=text,
        entities=[
            Entity(name="Alpha Beta", type="COMPANY", mentions=[mention(text, "Alpha Beta")]),
            Entity(name="Beta Gamma", type="APP", mentions=[mention(text, "Beta Gamma")]),
            Entity(name="Beta", type="AGENCY", mentions=[mention(text, "Beta"), mention(text, "Beta", 1)]),
        ],
    )
    tree = parse(render_records([article], [text]))
    (shown,) = tree.xpath("//div[@class='txt']")
    assert shown.text_content() == text
    pieces: dict[str, str] = {}
    for piece in shown.iter("mark"):  # a piece covers its own text and that of the marks nested in it
        key = f"{piece.get('data-type')}:{piece.get('data-name')}"
        pieces[key] = pieces.get(key, "") + piece.text_content()
    assert pieces["COMPANY:Alpha Beta"] == "Alpha Beta"
    assert pieces["APP:Beta Gamma"] == "Beta Gamma"
    tracks = {m.get("data-name"): m.get("style") for m in marks(tree) if m.get("data-type") != "AGENCY"}
    assert tracks["Alpha Beta"] != tracks["Beta Gamma"]
    assert len([m for m in marks(tree) if m.get("data-type") == "AGENCY"]) == 2


def test_render_records_escapes_the_text():
    text = "Le site <script>alert('x')</script> & l'app <b>Zed</b> compte 5 000 utilisateurs."
    start, end = offsets(text, "<b>Zed</b>")
    article = Article(
        id="<evil id>",
        text=text,
        entities=[Entity(name="<b>Zed</b>", type="APP", mentions=[Mention(start=start, end=end)])],
        claims=[claim(text, "5 000 utilisateurs", 5000, "<b>Zed</b>", metric="users")],
    )
    page = render_records([article, record()], [text, TEXT])
    assert "<script>alert" not in page and "<b>Zed" not in page
    assert "&lt;script&gt;alert(" in page and "&lt;b&gt;Zed&lt;/b&gt;" in page
    tree = parse(page)
    assert len(tree.xpath("//script")) == 1 and not tree.xpath("//b[contains(., 'Zed')]")
    assert tree.xpath("//div[@class='txt']")[0].text_content() == text
    assert tree.xpath("//section[@id='article-<evil-id>']")


def test_render_records_summary_charts_claims_over_time():
    second = record(
        "second",
        claims=[
            claim(TEXT, "téléchargée 12 000 fois", 250000, "Plumo", period_end="2022"),
            claim(TEXT, None, 3000000, "Orange", metric="users", period_start="2021-06"),
            claim(TEXT, None, 40, None),
        ],
    )
    page = render_records([record(), second], [TEXT, TEXT])
    tree = parse(page)
    (summary,) = tree.xpath("//section[contains(@class, 'summary')]")
    counts = summary.xpath(".//table[contains(@class, 'entity-counts')]")[0].text_content()
    assert "COMPANY" in counts and "Plumo Labs (2)" in counts
    points = summary.xpath(".//svg//a")
    assert sorted((p.get("data-app"), p.get("data-count")) for p in points) == [
        ("Orange", "3000000"),
        ("Plumo", "12000"),
        ("Plumo", "250000"),
    ]
    anchors = {p.get("href") for p in points}
    assert anchors == {"#article-plumo", "#article-second"}
    for anchor in anchors:
        assert tree.xpath(f"//*[@id='{anchor[1:]}']")
    legend = summary.xpath(".//div[@class='legend']")[0].text_content()
    assert "Plumo (2)" in legend and "Orange (1)" in legend
    undated = summary.xpath(".//table[contains(@class, 'undated')]")[0]
    assert "40" in undated.text_content() and undated.xpath(".//a/@href") == ["#article-second"]
    # a point per claim with a period: the y axis is logarithmic, 12 000 lies below 250 000
    heights = {p.get("data-count"): float(p[0].get("cy") or p[0].get("y")) for p in points}
    assert heights["12000"] > heights["250000"] > heights["3000000"]


def test_render_records_caps_the_articles_shown_in_full():
    articles = [record(f"a{i}") for i in range(5)]
    tree = parse(render_records(articles, [TEXT] * 5, limit=2))
    (note,) = tree.xpath("//p[contains(@class, 'cap-note')]")
    assert "2 of 5" in note.text_content() and "3 left out" in note.text_content()
    assert [s.get("id") for s in tree.xpath("//section[contains(@class, 'article')]")] == ["article-a0", "article-a1"]
    assert tree.xpath("//section[contains(@class, 'left-out')]//li/@id") == ["article-a2", "article-a3", "article-a4"]
    assert len(tree.xpath("//section[contains(@class, 'summary')]//svg//a")) == 5
    assert not parse(render_records(articles, [TEXT] * 5)).xpath("//p[contains(@class, 'cap-note')]")


def test_render_records_checks_its_arguments():
    with pytest.raises(ValueError):
        render_records([record()], [])
    with pytest.raises(ValueError):
        render_records([record()], [TEXT], limit=0)


# --------------------------------------------------------------------------
# Evaluation view
# --------------------------------------------------------------------------


def gold_and_prediction() -> tuple[Article, Article]:
    """Return a gold record and a prediction with one error of each kind."""
    gold = record(
        "pair",
        entities=[
            Entity(name="Plumo", type="APP", aliases=["Plumo app"]),
            Entity(name="Sensor Tower", type="COMPANY"),
        ],
        dates=[date(TEXT, "3 mars 2021", "2021-03-03"), date(TEXT, "Hier", "2021-03-03")],
        claims=[
            claim(TEXT, None, 12000, "Plumo", period_start="2021-03-03", period_end="2021-03-03").model_copy(
                update={"text": "12 000 fois"}
            ),
        ],
    )
    pred = record(
        "pair",
        entities=[
            Entity(name="Plumo", type="APP", mentions=[mention(TEXT, "Plumo")]),
            Entity(name="Orange", type="COMPANY", mentions=[mention(TEXT, "Orange")]),
        ],
        dates=[date(TEXT, "3 mars 2021", "2021-03-04")],
        claims=[
            claim(TEXT, "téléchargée 12 000 fois", 12000, "Plumo", period_start="2021-03-01"),
            claim(TEXT, "ce chiffre", 7, "Plumo"),
        ],
    )
    return gold, pred


def test_render_evaluation_marks_matches_misses_false_alarms_and_wrong_values():
    gold, pred = gold_and_prediction()
    report = evaluate_articles([(gold, pred)])
    page = render_evaluation([gold], [pred], report)
    tree = parse(page)
    assert {own_text(m) for m in marks(tree, "match")} >= {"Plumo"}
    missed = {own_text(m) for m in marks(tree, "miss")}
    assert {"Sensor Tower", "Hier"} <= missed  # an entity without mentions is found by its name
    alarms = {own_text(m) for m in marks(tree, "false-alarm")}
    assert alarms == {"Orange", "ce chiffre"}
    wrong = {own_text(m): m for m in marks(tree, "wrong-value")}
    assert set(wrong) == {"3 mars 2021", "téléchargée 12 000 fois"}
    day = wrong["3 mars 2021"]
    assert (day.get("data-gold"), day.get("data-pred")) == ("2021-03-03", "2021-03-04")
    label = day.xpath(".//span[@class='lbl']/@data-label")[0]
    assert "2021-03-03" in label and "2021-03-04" in label
    period = wrong["téléchargée 12 000 fois"]
    assert (period.get("data-gold"), period.get("data-pred")) == ("2021-03-03", "2021-03-01")
    rows = tree.xpath("//table[contains(@class, 'errors')]/tbody/tr")
    assert len(rows) == len(report.errors)
    kinds = {row.xpath("./td[2]")[0].text_content() for row in rows}
    assert kinds == {"FP", "FN", "WRONG_VALUE", "WRONG_PERIOD"}
    scores = tree.xpath("//table[contains(@class, 'scores-entities')]")[0].text_content()
    assert "overall" in scores and "0.500" in scores
    assert tree.xpath("//div[@class='txt']")[0].text_content() == TEXT


def test_render_evaluation_finds_a_missed_claim_by_its_text():
    gold, pred = gold_and_prediction()
    pred = pred.model_copy(update={"claims": []})
    tree = parse(render_evaluation([gold], [pred], evaluate_articles([(gold, pred)])))
    (missed,) = [m for m in marks(tree, "miss") if m.get("data-type") == "CLAIM"]
    assert (own_text(missed), missed.get("data-count"), missed.get("data-app")) == ("12 000 fois", "12000", "Plumo")


def test_render_evaluation_sorts_articles_by_errors_and_caps_them():
    gold, pred = gold_and_prediction()
    perfect = record("perfect")
    one_error = record("one-error")
    golds = [perfect, gold, one_error]
    preds = [perfect, pred, one_error.model_copy(update={"dates": []})]
    report = evaluate_articles(zip(golds, preds))
    tree = parse(render_evaluation(golds, preds, report))
    order = [s.get("id") for s in tree.xpath("//section[contains(@class, 'article')]")]
    assert order == ["article-pair", "article-one-error", "article-perfect"]
    capped = parse(render_evaluation(golds, preds, report, limit=1))
    assert capped.xpath("//p[contains(@class, 'cap-note')]")
    assert [s.get("id") for s in capped.xpath("//section[contains(@class, 'article')]")] == ["article-pair"]
    assert capped.xpath("//section[contains(@class, 'left-out')]//li/@id") == ["article-one-error", "article-perfect"]


def test_render_evaluation_checks_its_arguments():
    gold, pred = gold_and_prediction()
    with pytest.raises(ValueError):
        render_evaluation([gold], [], evaluate_articles([]))


# --------------------------------------------------------------------------
# The seed article
# --------------------------------------------------------------------------

needs_seed = pytest.mark.skipif(not SEED_GOLD.exists(), reason="../shared/real/seed.gold.jsonl is absent")


@needs_seed
def test_render_evaluation_on_the_seed_against_a_degraded_copy():
    (gold,) = read_articles(SEED_GOLD)
    wrong_date = gold.dates[0].model_copy(update={"value": "2019-01-01"})
    pred = gold.model_copy(
        update={
            "entities": [e for e in gold.entities if e.name != "Tencent"]
            + [Entity(name="Unsplash", type="COMPANY", mentions=[mention(gold.text, "Unsplash")])],
            "dates": [wrong_date, *gold.dates[1:]],
            "claims": [c for c in gold.claims if c.count != 54000],
        }
    )
    page = render_evaluation([gold], [pred], evaluate_articles([(gold, pred)]))
    assert_self_contained(page)
    tree = parse(page)
    assert {own_text(m) for m in marks(tree, "miss") if m.get("data-type") == "COMPANY"} == {"Tencent"}
    assert [own_text(m) for m in marks(tree, "miss") if m.get("data-type") == "CLAIM"] == ["54.000 téléchargements"]
    assert [own_text(m) for m in marks(tree, "false-alarm")] == ["Unsplash"]
    (wrong,) = marks(tree, "wrong-value")
    assert (own_text(wrong), wrong.get("data-gold"), wrong.get("data-pred")) == (
        gold.dates[0].text,
        gold.dates[0].value,
        "2019-01-01",
    )
    assert "WeChat" in {own_text(m) for m in marks(tree, "match")}


@needs_seed
def test_evaluation_html_runs_the_pipeline_on_the_seed(nlp, tmp_path):
    output = tmp_path / "errors.html"
    report = evaluation_html([SEED_GOLD], output)
    assert report.articles == 1
    page = output.read_text(encoding="utf-8")
    assert_self_contained(page)
    tree = parse(page)
    matched = {own_text(m) for m in marks(tree, "match")}
    assert {"WeChat", "vendredi 18 septembre", "54.000 téléchargements"} <= matched
    (claim_mark,) = [m for m in marks(tree) if m.get("data-count") == "54000"]
    assert claim_mark.get("data-app") == "WeChat"
    rows = tree.xpath("//table[contains(@class, 'errors')]/tbody/tr")
    assert len(rows) == len(report.errors)


@needs_seed
def test_show_runs_the_pipeline_and_writes_the_records_view(nlp, tmp_path):
    output = tmp_path / "report.html"
    assert show([SEED_TEXT, SEED_GOLD], output, limit=1) == 2
    page = output.read_text(encoding="utf-8")
    assert_self_contained(page)
    tree = parse(page)
    assert tree.xpath("//p[contains(@class, 'cap-note')]")
    (section,) = tree.xpath("//section[contains(@class, 'article')]")
    days = {own_text(m): m.get("data-value") for m in marks(section, "t-DATE")}
    assert days["vendredi 18 septembre"] == "2020-09-18"
    assert any(m.get("data-count") == "54000" and m.get("data-app") == "WeChat" for m in marks(section, "t-CLAIM"))
    assert "WeChat" in {own_text(m) for m in marks(section, "t-APP")}
    assert tree.xpath("//section[contains(@class, 'summary')]//svg//a[@href='#article-seed']")


# --------------------------------------------------------------------------
# Every page is self-contained
# --------------------------------------------------------------------------


def test_pages_reference_no_external_resource():
    gold, pred = gold_and_prediction()
    articles = [record(), record("second"), gold]
    assert_self_contained(render_records(articles, [TEXT] * 3, limit=1))
    assert_self_contained(render_evaluation([gold], [pred], evaluate_articles([(gold, pred)])))


def test_self_containment_check_catches_external_links():
    for bad in (
        '<img src="https://x/y.png">',
        '<a href="other.html">x</a>',
        "<style>@import 'x.css';</style>",
        '<div style="background:url(http://x)"></div>',
        '<script src="//cdn/x.js"></script>',
    ):
        with pytest.raises(AssertionError):
            assert_self_contained(f"<html><body>{bad}</body></html>")


def test_render_records_of_a_thousand_articles_is_fast():
    articles = [record(f"a{i}") for i in range(1000)]
    start = time.perf_counter()
    page = render_records(articles, [TEXT] * 1000)
    assert time.perf_counter() - start < 5.0
    assert page.count('class="box article"') == 200
