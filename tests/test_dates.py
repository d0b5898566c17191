"""Date spans and values through ``extract`` (guidelines §2)."""

from __future__ import annotations

import pytest

from conftest import same_span
from extractor.parsing.names import fold


def _only_date(article):
    assert len(article.dates) == 1, [(d.text, d.value, d.end_value) for d in article.dates]
    return article.dates[0]


DATES = [
    # full dates
    ("2021-05-10", "L'application a fermé ses portes le 1er avril 2021.", "1er avril 2021", "2021-04-01", None),
    ("2021-05-10", "Le mardi 16 mars 2021, la société a présenté sa feuille de route.", "mardi 16 mars 2021", "2021-03-16", None),
    ("2021-05-10", "La mise à jour a été publiée le 15/04/2021 sur les boutiques.", "15/04/2021", "2021-04-15", None),
    # weekday + day, no year: the year comes from `published`, the weekday must agree
    ("2021-03-14", "Le vendredi 12 mars, la CNIL a publié son avis.", "vendredi 12 mars", "2021-03-12", None),
    ("2021-03-14", "Le jeudi 12 mars, la CNIL a publié son avis.", "jeudi 12 mars", "2020-03-12", None),
    ("2020-09-22", "Le dimanche 20 septembre, la plateforme a subi une panne géante.", "dimanche 20 septembre", "2020-09-20", None),
    # year boundary
    ("2021-01-05", "Le correctif a été publié le 28 décembre.", "28 décembre", "2020-12-28", None),
    ("2020-12-30", "La nouvelle version sera disponible le 4 janvier.", "4 janvier", "2021-01-04", None),
    # ranges and lists, month and year carried from the right side
    ("2021-02-20", "Le salon se tiendra du 3 au 5 mars 2021 à Lyon.", "3 au 5 mars 2021", "2021-03-03", "2021-03-05"),
    ("2022-09-22", "Les ventes de smartphones ont bondi les 18 et 19 septembre.", "18 et 19 septembre", "2022-09-18", "2022-09-19"),
    ("2021-06-10", "Le festival numérique a eu lieu entre le vendredi 4 et le dimanche 6 juin 2021.",
     "vendredi 4 et le dimanche 6 juin 2021", "2021-06-04", "2021-06-06"),
    ("2021-01-10", "Les serveurs ont été coupés du 28 décembre au 3 janvier.", "28 décembre au 3 janvier", "2020-12-28", "2021-01-03"),
    ("2021-05-10", "L'étude couvre la période de janvier à mars 2021.", "janvier à mars 2021", "2021-01", "2021-03"),
    # relative, against the publication date (Wednesday 17 March 2021)
    ("2021-03-17", "La start-up a présenté son application hier.", "hier", "2021-03-16", None),
    ("2021-03-17", "La start-up a présenté son application avant-hier.", "avant-hier", "2021-03-15", None),
    ("2021-03-17", "Le ministre a réagi lundi dernier.", "lundi dernier", "2021-03-15", None),
    ("2021-03-16", "Les ventes ont bondi vendredi et samedi dernier.", "vendredi et samedi dernier", "2021-03-12", "2021-03-13"),
    ("2021-03-19", "Le jeu est sorti ce mardi.", "ce mardi", "2021-03-16", None),
    ("2021-03-22", "Les serveurs du jeu ont saturé ce week-end.", "ce week-end", "2021-03-20", "2021-03-21"),
    ("2021-03-17", "Le service a été lancé le week-end dernier.", "le week-end dernier", "2021-03-13", "2021-03-14"),
    ("2021-03-17", "Le service a été lancé la semaine dernière.", "la semaine dernière", "2021-03-08", "2021-03-14"),
    ("2021-03-17", "Les ventes ont reculé le mois dernier.", "le mois dernier", "2021-02", None),
    ("2021-01-12", "Les ventes ont reculé le mois dernier.", "le mois dernier", "2020-12", None),
    ("2021-03-17", "La société a levé 20 millions d'euros l'an dernier.", "l'an dernier", "2020", None),
    ("2021-03-17", "La société a levé 20 millions d'euros l'année dernière.", "l'année dernière", "2020", None),
    ("2021-03-17", "La société compte doubler ses effectifs cette année.", "cette année", "2021", None),
    ("2021-03-17", "Le bug a été corrigé il y a trois jours.", "il y a trois jours", "2021-03-14", None),
    ("2021-03-17", "La mise à jour est disponible aujourd'hui.", "aujourd'hui", "2021-03-17", None),
    # months, quarters, edges, seasons, years
    ("2021-05-10", "Le jeu est sorti en mars 2021 sur mobile.", "mars 2021", "2021-03", None),
    ("2024-05-02", "Les revenus ont progressé au premier trimestre 2024.", "premier trimestre 2024", "2024-01", "2024-03"),
    ("2024-01-10", "Les revenus de l'éditeur ont chuté au T3 2023.", "T3 2023", "2023-07", "2023-09"),
    ("2021-03-17", "Le lancement est prévu début 2021.", "début 2021", "2021", None),
    ("2021-04-14", "La bêta a fermé fin mars 2021.", "fin mars 2021", "2021-03", None),
    ("2021-05-10", "Le jeu sortira à la mi-juin.", "mi-juin", "2021-06", None),
    ("2021-03-17", "Le jeu sortira à l'automne 2021.", "automne 2021", "2021-09", "2021-11"),
    ("2021-03-17", "Le jeu sortira à l'hiver 2021.", "hiver 2021", "2021-12", "2022-02"),
    ("2021-03-17", "La plateforme a été créée en 2016 à Bordeaux.", "2016", "2016", None),
    # a year-less month or season: in the past of the publication date, unless the words before look ahead
    ("2022-12-14", "La start-up a lancé sa version web en mars.", "mars", "2022-03", None),
    ("2022-12-14", "La start-up espère doubler ce chiffre d'ici mars.", "mars", "2023-03", None),
    ("2020-04-22", "Salto, dont le lancement est prévu à l'automne, vise 2 millions d'abonnés.", "automne", "2020-09", "2020-11"),
    ("2023-04-05", "La version Android arrivera en juin.", "juin", "2023-06", None),
    ("2024-01-09", "Netflix, qui publiera ses résultats du quatrième trimestre, reste en tête.",
     "quatrième trimestre", "2023-10", "2023-12"),
]


@pytest.mark.parametrize(
    "published, text, core, value, end_value", DATES, ids=[f"{fold(row[2])}@{row[0]}" for row in DATES]
)
def test_dates_span_and_value(extract_fn, published, text, core, value, end_value):
    date = _only_date(extract_fn(text, published=published))
    assert same_span(date.text, core), date.text
    assert text[date.start : date.end] == date.text
    assert (date.value, date.end_value) == (value, end_value)


@pytest.mark.parametrize(
    "text",
    [
        "Il a travaillé pendant trois ans chez un opérateur.",  # duration
        "La rédaction publie un bilan des téléchargements chaque lundi.",  # frequency
        "Tous les lundis, la plateforme publie ses chiffres.",
        "Les téléchargements ont doublé sur les 12 derniers mois.",  # rolling window
        "Depuis un an, les ventes de l'éditeur ont doublé.",
        "Les sept derniers jours ont été calmes pour la messagerie.",
        "La conférence de presse commence à 19h30.",  # time of day
        "Le fondateur, âgé de 34 ans, a quitté la société.",  # age
        "Désormais, l'application est payante.",
        "Maintenant, l'application est payante.",
    ],
)
def test_dates_not_annotated(extract_fn, text):
    article = extract_fn(text, published="2021-03-17")
    assert [(d.text, d.value) for d in article.dates] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # anchored on another event: a span with value null (guidelines §2)
        ("Le service a été lancé le 2 février 2021. Trois jours plus tard, il était saturé.",
         [("2 février 2021", "2021-02-02"), ("Trois jours plus tard", None)]),
        ("L'application a été lancée le 3 mars 2021. Une semaine auparavant, la bêta avait fermé.",
         [("3 mars 2021", "2021-03-03"), ("Une semaine auparavant", None)]),
        # anchored on a month, the arithmetic is certain at that precision
        ("L'application a été lancée en mars 2021. Dix-huit mois plus tard, elle a fermé.",
         [("mars 2021", "2021-03"), ("Dix-huit mois plus tard", "2022-09")]),
    ],
)
def test_dates_anaphoric_value(extract_fn, text, expected):
    article = extract_fn(text, published="2023-01-10")
    assert [(d.text, d.value) for d in article.dates] == expected
    assert all(d.end_value is None for d in article.dates)


def test_dates_reference_from_the_text_when_published_is_unknown(extract_fn):
    text = "Le mardi 16 mars 2021, la société a annoncé son rachat. Hier, l'action a bondi de 12 %."
    article = extract_fn(text, published=None)
    assert article.reference_date == "2021-03-16"
    assert article.reference_date_origin.value == "text"
    assert [(d.text, d.value) for d in article.dates] == [("mardi 16 mars 2021", "2021-03-16"), ("Hier", "2021-03-15")]


def test_dates_past_cue_wins_over_a_reference_taken_from_the_text(extract_fn):
    # no `published`: the reference is the latest full date (20 January 2026), and "depuis sa sortie
    # en mars" is the March before it, not the nearer one after it
    text = "Le palmarès a été publié le mardi 20 janvier 2026. Le jeu a été téléchargé un million de fois depuis sa sortie en mars."
    article = extract_fn(text)
    march = [d for d in article.dates if d.text.endswith("mars")]
    assert [(d.value, d.end_value) for d in march] == [("2025-03", None)]


def test_dates_reference_known_only_to_the_year_leaves_days_null(extract_fn):
    text = "La plateforme a été lancée en 2019. Hier, elle a annoncé une panne."
    article = extract_fn(text, published=None)
    assert (article.reference_date, article.reference_date_origin.value) == ("2019", "text")
    assert [(d.text, d.value) for d in article.dates] == [("2019", "2019"), ("Hier", None)]


def test_dates_published_is_the_reference(extract_fn):
    article = extract_fn("La mise à jour est arrivée hier.", published="2021-03-17")
    assert (article.reference_date, article.reference_date_origin.value) == ("2021-03-17", "published")


def test_dates_without_any_reference_relative_is_null(extract_fn):
    article = extract_fn("Hier, la plateforme a annoncé une panne.", published=None)
    assert article.reference_date is None
    assert [(d.text, d.value) for d in article.dates] == [("Hier", None)]
