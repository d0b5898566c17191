"""Download and user claims through ``extract`` (guidelines §3)."""

from __future__ import annotations

import pytest

from extractor.parsing.names import fold


def _claims(article) -> list[tuple]:
    return [
        (c.app, c.count, c.qualifier.value, c.metric.value, c.period_start, c.period_end) for c in article.claims
    ]


CLAIMS = [
    # exact counts, with the period the sentence gives
    ("2021-05-10", "L'application Yuka a enregistré 54.000 téléchargements en mars 2021.",
     [("Yuka", 54000, "exact", "downloads", "2021-03", "2021-03")]),
    ("2021-03-22", "L'application Plumo a enregistré 54.000 téléchargements ce week-end.",
     [("Plumo", 54000, "exact", "downloads", "2021-03-20", "2021-03-21")]),
    ("2021-03-17", "L'application Snapchat a enregistré 1,5 million de téléchargements en France en janvier 2021.",
     [("Snapchat", 1_500_000, "exact", "downloads", "2021-01", "2021-01")]),
    ("2021-03-17", "Le jeu Wordle a été téléchargé cinquante mille fois.",
     [("Wordle", 50_000, "exact", "downloads", None, None)]),
    ("2021-03-17", "BeReal cumule 50 millions de téléchargements.",
     [("BeReal", 50_000_000, "exact", "downloads", None, None)]),
    ("2021-03-17", "L'application Yubo a atteint 40 millions d'utilisateurs.",
     [("Yubo", 40_000_000, "exact", "users", None, None)]),
    # at_least: "plus de", "dépasser", "franchir", "100 000+"
    ("2021-03-17", "L'application Trevio a été téléchargée plus de 2 millions de fois.",
     [("Trevio", 2_000_000, "at_least", "downloads", None, None)]),
    ("2021-03-17", "Le jeu Clash Royale est sorti sur mobile. Il a été téléchargé plus de 2 millions de fois.",
     [("Clash Royale", 2_000_000, "at_least", "downloads", None, None)]),
    ("2021-03-17", "Wordle a franchi la barre des 10 millions de téléchargements.",
     [("Wordle", 10_000_000, "at_least", "downloads", None, None)]),
    ("2021-03-17", "Sur le Play Store, l'application Vinted affiche 100 000+ téléchargements.",
     [("Vinted", 100_000, "at_least", "downloads", None, None)]),
    ("2021-03-17", "WhatsApp compte plus d'un milliard d'utilisateurs.",
     [("WhatsApp", 1_000_000_000, "at_least", "users", None, None)]),
    # approx: "près de", "environ" (before or after), "quelque", "frôler"
    ("2021-03-17", "L'application TousAntiCovid a été téléchargée près de 15 millions de fois.",
     [("TousAntiCovid", 15_000_000, "approx", "downloads", None, None)]),
    ("2021-03-17", "Doctolib revendique environ 70 millions de téléchargements.",
     [("Doctolib", 70_000_000, "approx", "downloads", None, None)]),
    ("2021-03-17", "L'application Zenly a été téléchargée 2 millions de fois environ.",
     [("Zenly", 2_000_000, "approx", "downloads", None, None)]),
    ("2021-03-17", "L'application Lydia revendique quelque 5 millions d'utilisateurs.",
     [("Lydia", 5_000_000, "approx", "users", None, None)]),
    ("2021-03-17", "Le jeu Wordle frôle les 5 millions de téléchargements.",
     [("Wordle", 5_000_000, "approx", "downloads", None, None)]),
    # at_most: "moins de", "jusqu'à" as an upper bound, "plafonner à"
    ("2021-03-17", "L'application Zenly a été téléchargée moins de 40 000 fois.",
     [("Zenly", 40_000, "at_most", "downloads", None, None)]),
    ("2021-03-17", "Selon les estimations, l'application Zenly aurait été téléchargée jusqu'à 3 millions de fois.",
     [("Zenly", 3_000_000, "at_most", "downloads", None, None)]),
    ("2021-03-17", "Le jeu Wordle plafonne à 5 millions de téléchargements.",
     [("Wordle", 5_000_000, "at_most", "downloads", None, None)]),
    # two claims: "passer de X à Y", "entre X et Y", per-country figures
    ("2021-03-17", "Les téléchargements de Signal sont passés de 300 à 58 000 en une semaine.",
     [("Signal", 300, "exact", "downloads", None, None), ("Signal", 58_000, "exact", "downloads", None, None)]),
    ("2021-03-17", "Le réseau social Mastodon est passé de 300 à 58 000 inscrits.",
     [("Mastodon", 300, "exact", "users", None, None), ("Mastodon", 58_000, "exact", "users", None, None)]),
    ("2021-03-17", "L'application BeReal cumule entre 2 et 2,5 millions de téléchargements en France.",
     [("BeReal", 2_000_000, "at_least", "downloads", None, None),
      ("BeReal", 2_500_000, "at_most", "downloads", None, None)]),
    ("2021-03-17", "L'application Zenly a été téléchargée 12 000 fois en France et 30 000 fois en Allemagne.",
     [("Zenly", 12_000, "exact", "downloads", None, None), ("Zenly", 30_000, "exact", "downloads", None, None)]),
    # users: "utilisateurs actifs", "abonnés", "membres", "joueurs"
    ("2021-03-17", "Snapchat revendique 300 millions d'utilisateurs actifs.",
     [("Snapchat", 300_000_000, "exact", "users", None, None)]),
    ("2021-03-17", "Netflix compte 220 millions d'abonnés dans le monde.",
     [("Netflix", 220_000_000, "exact", "users", None, None)]),
    ("2021-03-17", "Discord rassemble 150 millions de membres.",
     [("Discord", 150_000_000, "exact", "users", None, None)]),
    ("2021-03-17", "L'application Yubo compte 60 millions de joueurs.",
     [("Yubo", 60_000_000, "exact", "users", None, None)]),
    # "ce chiffre" is the previous claim's app, not the nearest one; "aujourd'hui" ends the period
    ("2021-03-17",
     "L'application Plumo avait été téléchargée 8.000 fois à sa sortie. "
     "Ce chiffre atteint aujourd'hui 90.000 téléchargements, loin derrière Zenly.",
     [("Plumo", 8_000, "exact", "downloads", None, None), ("Plumo", 90_000, "exact", "downloads", None, "2021-03-17")]),
    # a store's or a market's total has no app
    ("2021-03-17", "L'App Store a enregistré 30 milliards de téléchargements en 2020.",
     [(None, 30_000_000_000, "exact", "downloads", "2020", "2020")]),
    ("2021-03-17", "Sur l'ensemble du marché, les applications ont été téléchargées 250 milliards de fois.",
     [(None, 250_000_000_000, "exact", "downloads", None, None)]),
    # periods: "depuis son lancement en 2016" starts it; an as-of or announcement day ends it
    ("2021-03-17", "Depuis son lancement en 2016, l'application Yuka a été téléchargée 30 millions de fois.",
     [("Yuka", 30_000_000, "exact", "downloads", "2016", None)]),
    ("2021-12-01", "L'application Yuka a annoncé le 19 novembre 2021 avoir dépassé 10 millions de téléchargements.",
     [("Yuka", 10_000_000, "at_least", "downloads", None, "2021-11-19")]),
    # more cue words of guidelines §3
    ("2021-03-17", "Le jeu Wordle a atteint la barre des 10 millions de téléchargements.",
     [("Wordle", 10_000_000, "exact", "downloads", None, None)]),
    ("2021-03-17", "Le jeu Wordle a passé la barre des 10 millions de téléchargements.",
     [("Wordle", 10_000_000, "at_least", "downloads", None, None)]),
    ("2021-03-17", "L'application Zenly a été téléchargée au moins 3 millions de fois.",
     [("Zenly", 3_000_000, "at_least", "downloads", None, None)]),
    ("2021-03-17", "L'application Zenly a été téléchargée un peu moins de 3 millions de fois.",
     [("Zenly", 3_000_000, "at_most", "downloads", None, None)]),
    ("2021-03-17", "L'application Zenly s'approche des 3 millions de téléchargements.",
     [("Zenly", 3_000_000, "approx", "downloads", None, None)]),
    # a qualifier does not carry over to the next figure
    ("2021-03-17", "L'application Zenly compte plus de 3 millions d'utilisateurs et 500 000 abonnés payants.",
     [("Zenly", 3_000_000, "at_least", "users", None, None), ("Zenly", 500_000, "exact", "users", None, None)]),
    # "usagers", "inscrits", "internautes" are users
    ("2021-03-17", "L'application Doctolib compte 80 millions d'usagers.",
     [("Doctolib", 80_000_000, "exact", "users", None, None)]),
    ("2021-03-17", "Le réseau social Yubo revendique 60 millions d'inscrits.",
     [("Yubo", 60_000_000, "exact", "users", None, None)]),
    ("2021-03-17", "L'application Vinted rassemble 16 millions d'internautes chaque mois en France.",
     [("Vinted", 16_000_000, "exact", "users", None, None)]),
    # the same figure repeated is one claim; another period is another claim
    ("2021-03-17", "L'application Plumo a été téléchargée 54.000 fois. Avec 54.000 téléchargements, Plumo devance Zenly.",
     [("Plumo", 54_000, "exact", "downloads", None, None)]),
    ("2021-05-17", "L'application Plumo a été téléchargée 54.000 fois en mars 2021 et 80.000 fois en avril 2021.",
     [("Plumo", 54_000, "exact", "downloads", "2021-03", "2021-03"),
      ("Plumo", 80_000, "exact", "downloads", "2021-04", "2021-04")]),
    ("2021-03-17", "La messagerie Signal a enregistré 7,5 millions d'installations entre le 6 et le 10 janvier 2021.",
     [("Signal", 7_500_000, "exact", "downloads", "2021-01-06", "2021-01-10")]),
    ("2021-03-17", "Le jeu Among Us a attiré 500 millions de joueurs en novembre 2020.",
     [("Among Us", 500_000_000, "exact", "users", "2020-11", "2020-11")]),
    # a number and a price in one sentence: only the number of users is a claim
    ("2021-03-17", "L'application Deezer coûte 10,99 euros par mois et compte 10 millions d'abonnés.",
     [("Deezer", 10_000_000, "exact", "users", None, None)]),
    # a difference is not a claim, and does not cancel the figure before it
    ("2021-03-17", "L'application Yuka a été téléchargée 30 millions de fois, soit 5 millions de plus que son concurrent.",
     [("Yuka", 30_000_000, "exact", "downloads", None, None)]),
]


@pytest.mark.parametrize("published, text, expected", CLAIMS, ids=[fold(row[1])[:70] for row in CLAIMS])
def test_claims_app_count_qualifier_metric_period(extract_fn, published, text, expected):
    article = extract_fn(text, published=published)
    assert _claims(article) == expected
    for claim in article.claims:
        assert text[claim.start : claim.end] == claim.text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Selon Sensor Tower, TikTok a été téléchargée 850 millions de fois en 2020.",
         [("TikTok", 850_000_000, "exact", "downloads", "2020", "2020", "Sensor Tower")]),
        ("D'après data.ai, l'application Threads a été téléchargée 100 millions de fois.",
         [("Threads", 100_000_000, "exact", "downloads", None, None, "data.ai")]),
        ("L'application Threads a été téléchargée 100 millions de fois.",
         [("Threads", 100_000_000, "exact", "downloads", None, None, None)]),
    ],
)
def test_claims_source(extract_fn, text, expected):
    article = extract_fn(text, published="2021-03-17")
    assert [(*claim, c.source) for claim, c in zip(_claims(article), article.claims)] == expected


NOT_CLAIMS = [
    "L'abonnement à l'application Spotify coûte 4,99 euros par mois.",  # price
    "ByteDance a levé 1,2 milliard de dollars.",  # money
    "Les téléchargements de Telegram ont progressé de +35 % en janvier.",  # percentage
    "Android 14 a été installé sur 20 % des appareils.",
    "Candy Crush est numéro un du classement des jeux les plus téléchargés.",  # rank
    "WhatsApp occupe la 3e place du classement des applications.",
    "La mise à jour vers iOS 17 est disponible pour l'application Waze.",  # versions
    "Windows 11 est installé sur les PC de l'entreprise.",
    "L'application Orange permet de tester la 5G.",
    "Deezer emploie 2 000 salariés.",  # employees
    "TikTok gagne un million de téléchargements par jour.",  # rate
    "L'application Yuka vise 50 millions de téléchargements.",  # target
    "Le stade virtuel du jeu est capable d'accueillir 100 millions de joueurs.",  # capacity
    "L'application TikTok est disponible dans 150 pays.",
    "Le réseau social Mastodon a gagné 30 millions d'inscrits de plus que son rival.",  # difference
]


@pytest.mark.parametrize("text", NOT_CLAIMS, ids=[fold(t)[:48] for t in NOT_CLAIMS])
def test_claims_none_found(extract_fn, text):
    article = extract_fn(text, published="2021-03-17")
    assert _claims(article) == []


# Periods that the figure's own words do not give in full: a launch stated
# elsewhere, a running total, a duration, a unit ("sur l'année"), a list that
# continues the previous claim (guidelines §3; these are the rules behind the
# claim period accuracy of corpus/README.md).
PERIODS = [
    # a launch day starts a running total; the announcement day ends it
    ("2021-05-20", "Lancée le 12 mars 2021, l'application Plumo a été téléchargée 200 000 fois, a annoncé hier son éditeur.",
     [("Plumo", 200_000, "exact", "downloads", "2021-03-12", "2021-05-19")]),
    # the next sentence's running total starts at the same launch
    ("2021-05-20", "Lancée le 12 mars 2021, l'application Plumo a été téléchargée 200 000 fois, a annoncé hier son éditeur. "
     "Elle n'avait été téléchargée que 150 000 fois fin avril.",
     [("Plumo", 200_000, "exact", "downloads", "2021-03-12", "2021-05-19"),
      ("Plumo", 150_000, "exact", "downloads", "2021-03-12", "2021-04")]),
    # "depuis" governs the phrase the date belongs to
    ("2023-05-26", "Téléchargée plus de 2 millions de fois depuis sa refonte en 2019, l'application Yuka reste en tête.",
     [("Yuka", 2_000_000, "at_least", "downloads", "2019", None)]),
    ("2022-10-08", "L'application Plumo cumulait 4 millions de téléchargements depuis son lancement en Ontario, le 31 juillet.",
     [("Plumo", 4_000_000, "exact", "downloads", "2022-07-31", None)]),
    # "depuis sa sortie" with no date beside it: the launch the article states
    ("2022-03-01", "Le jeu Wordle est sorti en octobre 2021. Il a été téléchargé 3 millions de fois depuis sa sortie.",
     [("Wordle", 3_000_000, "exact", "downloads", "2021-10", None)]),
    # "en trois jours" from a start day; "en moins de vingt-quatre heures": the next day
    ("2021-07-20", "Disponible depuis le lundi 5 juillet 2021, l'application Plumo a été téléchargée 80 000 fois en trois jours.",
     [("Plumo", 80_000, "exact", "downloads", "2021-07-05", "2021-07-07")]),
    ("2020-06-20", "L'application Plumo, disponible depuis le mardi 2 juin 2020, a été téléchargée près de 600 000 fois "
     "en moins de vingt-quatre heures.",
     [("Plumo", 600_000, "approx", "downloads", "2020-06-02", "2020-06-03")]),
    # a peak of concurrent players is a point in time, not an as-of end
    ("2021-04-10", "Le jeu Among Us a atteint 2 millions de joueurs simultanés début avril 2021.",
     [("Among Us", 2_000_000, "exact", "users", "2021-04", "2021-04")]),
    # a running total held in a month ends there
    ("2021-03-17", "En janvier 2021, l'application Plumo revendiquait 900 000 inscrits.",
     [("Plumo", 900_000, "exact", "users", None, "2021-01")]),
    # "sur l'année": the year of the latest date named before
    ("2023-01-10", "L'application Plumo a été téléchargée 3 millions de fois en décembre 2022. "
     "L'application Zenly a été installée 40 millions de fois sur l'année.",
     [("Plumo", 3_000_000, "exact", "downloads", "2022-12", "2022-12"),
      ("Zenly", 40_000_000, "exact", "downloads", "2022", "2022")]),
    # a list that continues the previous claim shares its period; a share ("dont") too
    ("2024-01-17", "L'application Plumo a été téléchargée 9 millions de fois en 2023. "
     "Derrière, on retrouve Zenly (8 millions de téléchargements) et Yuka (7 millions).",
     [("Plumo", 9_000_000, "exact", "downloads", "2023", "2023"),
      ("Zenly", 8_000_000, "exact", "downloads", "2023", "2023"),
      ("Yuka", 7_000_000, "exact", "downloads", "2023", "2023")]),
    ("2024-01-17", "L'application Plumo a été téléchargée 19 millions de fois en 2023, dont 12 millions en France.",
     [("Plumo", 19_000_000, "exact", "downloads", "2023", "2023"),
      ("Plumo", 12_000_000, "exact", "downloads", "2023", "2023")]),
    # "a depuis doublé" is the adverb: no start
    ("2020-12-03", "Fin octobre 2020, l'application Plumo comptait 3,1 millions d'utilisateurs. "
     "Ce chiffre a depuis presque doublé pour atteindre 6 millions au 1er décembre 2020.",
     [("Plumo", 3_100_000, "exact", "users", None, "2020-10"),
      ("Plumo", 6_000_000, "approx", "users", None, "2020-12-01")]),
    # "sur la même période" opening a sentence: the latest period of the same metric, past a user count
    ("2023-09-27", "L'application Plumo a été téléchargée 300 000 fois entre juin et août 2023. L'appli Zenly compte "
     "2 millions d'utilisateurs actifs. Sur la même période, l'appli Yuka a été téléchargée 74 000 fois, devant Vinted (51 000).",
     [("Plumo", 300_000, "exact", "downloads", "2023-06", "2023-08"),
      ("Zenly", 2_000_000, "exact", "users", None, None),
      ("Yuka", 74_000, "exact", "downloads", "2023-06", "2023-08"),
      ("Vinted", 51_000, "exact", "downloads", "2023-06", "2023-08")]),
    # listed figures share the period of the figure they follow, not the day the ranking was published
    ("2026-01-20", "Selon le palmarès publié lundi, l'application Temu a été installée 9,4 millions de fois en 2025, "
     "devant ChatGPT (8,1 millions) et Threads (5,2 millions).",
     [("Temu", 9_400_000, "exact", "downloads", "2025", "2025"),
      ("ChatGPT", 8_100_000, "exact", "downloads", "2025", "2025"),
      ("Threads", 5_200_000, "exact", "downloads", "2025", "2025")]),
    # a season on the verb that claims a figure dates the claim; on the verb that reaches it, it is a window
    ("2023-09-27", "La jeune pousse Pignon revendiquait au printemps 2019 quelque 60 000 utilisateurs pour son application Voisino.",
     [("Voisino", 60_000, "approx", "users", None, "2019-05")]),
    ("2023-09-27", "L'application Voisino a atteint 60 000 utilisateurs au printemps 2019.",
     [("Voisino", 60_000, "exact", "users", "2019-03", "2019-05")]),
    # "à la mi-avril" is a point in time, whatever "depuis" says earlier in the sentence
    ("2024-04-24", "En Espagne, où elle est disponible depuis plus longtemps, l'application Plumo avait été téléchargée "
     "quelque 900 000 fois à la mi-avril 2024.",
     [("Plumo", 900_000, "approx", "downloads", None, "2024-04")]),
    # a share of the previous figure ("de ces téléchargements") and figures in brackets after places continue
    # its claim: its app, its period
    ("2019-10-09", "Le jeu Plumo a dépassé les 100 millions de téléchargements entre le 1er et le 8 octobre 2019, loin "
     "devant Pokémon Go. Les États-Unis représentent à eux seuls 17,2 millions de ces téléchargements, devant l'Inde "
     "(14,8 millions) et le Brésil (8,1 millions).",
     [("Plumo", 100_000_000, "at_least", "downloads", "2019-10-01", "2019-10-08"),
      ("Plumo", 17_200_000, "exact", "downloads", "2019-10-01", "2019-10-08"),
      ("Plumo", 14_800_000, "exact", "downloads", "2019-10-01", "2019-10-08"),
      ("Plumo", 8_100_000, "exact", "downloads", "2019-10-01", "2019-10-08")]),
    # a list continues the latest claim of its metric, past a user count in between
    ("2020-07-10", "En juin 2020, l'application SNCF Connect a été téléchargée 1,2 million de fois. La SNCF revendique "
     "désormais 14 millions d'utilisateurs actifs chaque mois. Derrière elle, on trouve BlaBlaCar (780 000 installations) "
     "et Trainline (420 000).",
     [("SNCF Connect", 1_200_000, "exact", "downloads", "2020-06", "2020-06"),
      ("SNCF Connect", 14_000_000, "exact", "users", None, None),
      ("BlaBlaCar", 780_000, "exact", "downloads", "2020-06", "2020-06"),
      ("Trainline", 420_000, "exact", "downloads", "2020-06", "2020-06")]),
    # a date of the firm's history is not the period of its app's figure
    ("2023-01-10", "Stocard, l'appli allemande rachetée par Klarna en 2021, compte environ 1,5 million d'utilisateurs en Belgique.",
     [("Stocard", 1_500_000, "approx", "users", None, None)]),
    # "sur la même période, contre 6,5 millions du … au …": the figure's own dates win
    ("2021-01-12", "La messagerie Signal a enregistré 9 millions de téléchargements entre le 6 et le 10 janvier 2021. "
     "Telegram a enregistré 8 millions de téléchargements sur la même période, contre 6,5 millions du 30 décembre 2020 "
     "au 3 janvier 2021.",
     [("Signal", 9_000_000, "exact", "downloads", "2021-01-06", "2021-01-10"),
      ("Telegram", 8_000_000, "exact", "downloads", "2021-01-06", "2021-01-10"),
      ("Telegram", 6_500_000, "exact", "downloads", "2020-12-30", "2021-01-03")]),
]


@pytest.mark.parametrize("published, text, expected", PERIODS, ids=[fold(row[1])[:70] for row in PERIODS])
def test_claim_periods_beyond_the_figures_words(extract_fn, published, text, expected):
    article = extract_fn(text, published=published)
    assert _claims(article) == expected


@pytest.mark.parametrize(
    "text, sentences",
    [
        # the stock parser would cut before the comma, parting the launch day from its figure
        ("Lancée le 25 juin 2020, l'application SwissCovid a été téléchargée 2 980 000 fois. Elle perd des utilisateurs.",
         ["Lancée le 25 juin 2020, l'application SwissCovid a été téléchargée 2 980 000 fois.",
          "Elle perd des utilisateurs."]),
        # a paragraph break still ends a sentence, even before a lower-case word
        ("Plumo en tête\n\nl'application a été téléchargée 54.000 fois.",
         ["Plumo en tête\n\n", "l'application a été téléchargée 54.000 fois."]),
    ],
)
def test_sentences_never_start_with_closing_punctuation_or_a_continuing_word(nlp, text, sentences):
    doc = nlp(text)
    assert [sentence.text for sentence in doc.sents] == sentences


# Which app a figure belongs to when several are named (guidelines §3).
ATTRIBUTION = [
    # users counted "sur" an app are its users, whoever claims them
    ("Twitter revendiquait en mars 10 millions d'inscrits sur Periscope, son service de vidéo en direct.",
     [("Periscope", 10_000_000)]),
    # a colon opens a clause of its own: its first name is the app, whatever the parser made the subject
    ("En Asie, les messageries sont déjà devenues des plateformes à tout faire : WeChat, la messagerie de Tencent, "
     "revendique près de 700 millions d'utilisateurs actifs.",
     [("WeChat", 700_000_000)]),
    # "le jeu", "la messagerie" refer back to an app of that sort (gazetteer kind, or the noun that introduced it)
    ("Le studio Lunar a sorti le jeu Kwiz en mars. Pendant ce temps, Deezer a changé de patron. "
     "Le jeu a été installé 300.000 fois.",
     [("Kwiz", 300_000)]),
    ("Telegram profite de la panne de son rival. De son côté, Pokémon Go revient en force avec un nouvel événement. "
     "La messagerie revendique 25 millions de nouveaux utilisateurs en trois jours.",
     [("Telegram", 25_000_000)]),
    # "celle-ci", "ce dernier": the app named last, whatever its role; "la première … la seconde": the first and
    # second apps of the latest sentence naming apps
    ("Il avait appliqué la même recette à Duo, son application d'appels vidéo. "
     "Celle-ci a franchi la barre des 10 millions de téléchargements depuis sa sortie.",
     [("Duo", 10_000_000)]),
    ("Pour contrôler les certificats, les organisateurs n'utilisent pas CovidSafe.be mais CovidScan. "
     "Cette dernière a été installée 41.000 fois.",
     [("CovidScan", 41_000)]),
    ("Depuis l'automne, l'application Lydia reste dédiée au paiement entre amis, tandis que les comptes courants "
     "ont basculé sous une nouvelle marque, Sumeria. La première revendique 8 millions d'utilisateurs, la seconde "
     "1 million de clients.",
     [("Lydia", 8_000_000), ("Sumeria", 1_000_000)]),
    ("MyMinfin et MyGov.be reposent toutes deux sur itsme pour l'identification. La seconde, pilotée par le SPF "
     "BOSA, revendique 2,3 millions d'utilisateurs.",
     [("MyGov.be", 2_300_000)]),
    # the clitic "en" on the figure's verb takes the previous claim's metric, however far before the figure
    ("BlaBlaCar revendique plus de 80 millions de membres. Il y a trois ans, la plateforme n'en revendiquait encore "
     "que 35 millions.",
     [("BlaBlaCar", 80_000_000), ("BlaBlaCar", 35_000_000)]),
    # "contre N un an plus tôt" continues the figure past its metric's adjectives and its source
    ("Spotify comptait 159 millions d'utilisateurs actifs mensuels au 31 décembre, contre 123 millions un an plus tôt.",
     [("Spotify", 159_000_000), ("Spotify", 123_000_000)]),
    ("En janvier, l'application ChatGPT a été téléchargée environ 1,9 million de fois au Canada, selon la firme "
     "Sensor Tower, contre 2,4 millions un an plus tôt.",
     [("ChatGPT", 1_900_000), ("ChatGPT", 2_400_000)]),
    # a name set off by commas whose apposition the parser took for the subject is still the subject
    ("Les banques, elles, jouent collectif. Lancé dans l'Hexagone en septembre par l'European Payments Initiative (EPI), "
     "Wero, l'ex-Paylib, est directement intégré aux applications de BNP Paribas, de la Société Générale, du Crédit "
     "Mutuel ou de La Banque Postale, sans téléchargement supplémentaire. Le service compte déjà 14 millions "
     "d'utilisateurs en Europe.",
     [("Wero", 14_000_000)]),
    # a group's apps together: "au moins une de ses applications", "Celles-ci" (its applications) as the subject
    ("Meta touche un public colossal : au quatrième trimestre 2023, 3,19 milliards de personnes utilisaient chaque "
     "jour au moins une de ses applications.",
     [(None, 3_190_000_000)]),
    ("Uber a publié ses résultats. Le montant des réservations passées sur ses applications a atteint 29,1 milliards. "
     "Celles-ci ont été utilisées au moins une fois dans le mois par 124 millions de personnes en moyenne.",
     [(None, 124_000_000)]),
    # a sentence-opening "Avec <figure>, …" describes the main clause's subject, named after it
    ("Avec 9.000 téléchargements, dont 4.500 depuis vendredi, l'application bruxelloise Fluxi fait figure de petit "
     "poucet face à Uber.",
     [("Fluxi", 9_000), ("Fluxi", 4_500)]),
    # a first-person quote's figure belongs to the app named in its attribution, not where the speaker spoke
    ("Uber est suspendu à Bruxelles. « Nous avons passé dimanche le cap des 300.000 utilisateurs belges », se réjouit "
     "Sarah Dumont, directrice de Heetch pour le Benelux.",
     [("Heetch", 300_000)]),
    ("Le Chat de Mistral AI séduit. « Un million de téléchargements en deux semaines, c'est au-delà de toutes nos "
     "attentes », s'est félicité le dirigeant sur LinkedIn.",
     [("Le Chat", 1_000_000)]),
    # an ordinal before its noun is not a pronoun
    ("Threads a franchi la barre des 100 millions d'inscrits. La première place du classement revient à ChatGPT.",
     [("Threads", 100_000_000)]),
    # an "avec" phrase after a subordinate clause belongs to that clause's subject
    ("Amazon Prime Video se classe deuxième, tandis que Disney+ complète le podium en 3e place du classement, "
     "avec un peu moins de 90 millions de téléchargements.",
     [("Disney+", 90_000_000)]),
    # after a colon, the clause elaborates on the subject, not on a name inside one of its phrases
    ("Signal a profité de la panne de WhatsApp : la messagerie chiffrée a gagné 1,2 million d'utilisateurs en deux jours.",
     [("Signal", 1_200_000)]),
    # a name set between commas after "sa première application" is an app, and the subject
    ("Sa première application, Kairn, un agrégateur de jeux indépendants, revendique 120 000 utilisateurs.",
     [("Kairn", 120_000)]),
    ("La start-up Ondela a lancé sa propre application de salons audio, Volubil, disponible sur iOS. "
     "L'application revendique 40.000 inscrits.",
     [("Volubil", 40_000)]),
    # the agent of a participle on the metric noun
    ("Bluesky comptait 9 millions d'utilisateurs. Ce total reste loin des quelque 300 millions d'utilisateurs revendiqués par Threads.",
     [("Bluesky", 9_000_000), ("Threads", 300_000_000)]),
    # a name inside a phrase before "le réseau social" is not what the phrase names
    ("Lancé jeudi dans cent pays, Threads avait tout d'un triomphe. Adossé aux comptes Instagram, le réseau social "
     "de Meta a franchi la barre des 100 millions d'inscrits.",
     [("Threads", 100_000_000)]),
    # a hyphenated name stays in its sentence and keeps its figure
    ("En comparaison, l'application allemande Corona-Warn-App cumule 17 millions de téléchargements.",
     [("Corona-Warn-App", 17_000_000)]),
    # apps after "devant" are compared with, and do not make the figure a store's total
    ("Côté jeux, c'est Royal Match qui décroche la première place. Le puzzle-game a été téléchargé 3,3 millions de fois, "
     "devant Monopoly Go et Subway Surfers.",
     [("Royal Match", 3_300_000)]),
    # an app the previous sentence introduces is what "l'application" then refers to, not the earlier topic
    ("Clubhouse revendique 2 millions d'utilisateurs. Ondela a lancé sa propre application de salons audio, Volubil, "
     "disponible sur iOS. L'application revendique 40.000 inscrits.",
     [("Clubhouse", 2_000_000), ("Volubil", 40_000)]),
    # a goal with a deadline, or what "il faudra", is not a claim
    ("« Nous voulons atteindre 6 millions d'utilisateurs d'ici fin 2024 », indique le patron de Twint.", []),
    ("« Il faudra au moins trois millions d'utilisateurs pour que l'application Coronalert ait un impact », dit-il.", []),
    # a participle clause on the app's noun; "pour X" right after the figure
    ("Ce total reste loin de celui de l'application allemande Corona-Warn-App, téléchargée plus de 22 millions de fois.",
     [("Corona-Warn-App", 22_000_000)]),
    ("Les applications de l'État ont été téléchargées 20 millions de fois, dont 6,1 millions pour impots.gouv.",
     [(None, 20_000_000), ("impots.gouv", 6_100_000)]),
    # an app reached through a verb inside the subject is not the subject
    ("L'application Threads, lancée en juillet 2023 pour concurrencer X, revendiquait 200 millions d'utilisateurs.",
     [("Threads", 200_000_000)]),
    # "utilisé par N personnes" counts users; "N personnes s'y inscrivent chaque jour" is a rate
    ("Son assistant ChatGPT est utilisé par plus de 400 millions de personnes chaque semaine. "
     "Le service en comptait 300 millions en décembre.",
     [("ChatGPT", 400_000_000), ("ChatGPT", 300_000_000)]),
    ("Plus d'un million de personnes s'inscrivent chaque jour sur Threads.", []),
    # "les applications du groupe (Facebook, Instagram…)" as the subject: the group's total, no app
    ("Les applications de Meta (Facebook, Instagram, WhatsApp et Messenger) ont été utilisées chaque jour par "
     "3,29 milliards de personnes.",
     [(None, 3_290_000_000)]),
    # a platform named "sur Twitch" is not what the next "il" is about
    ("Le jeu Among Us a attiré 60 millions de joueurs en juillet. Grâce aux streamers, qui en ont fait le jeu le plus "
     "regardé sur Twitch, le titre s'est imposé. Au mois d'août, il a été téléchargé 80 millions de fois.",
     [("Among Us", 60_000_000), ("Among Us", 80_000_000)]),
    # "ses titres" as the subject: a catalogue's total; a store's page names the app it is about
    ("Pour Voodoo, l'enjeu est de se diversifier. Ses titres, de Helix Jump à Paper.io 2, cumulent plus de sept "
     "milliards de téléchargements.",
     [(None, 7_000_000_000)]),
    ("Sur Android, la fiche Google Play de Bluesky affiche désormais « 10M+ » installations.",
     [("Bluesky", 10_000_000)]),
    # newcomers every day are a rate
    ("Le jeu Pokémon TCG Pocket attire encore chaque jour près de 1,5 million de nouveaux joueurs.", []),
    # "hors jeux" excludes a category, it does not make the figure a market total
    ("ChatGPT arrive en tête, toutes catégories confondues hors jeux, avec 902 millions de téléchargements, devant "
     "TikTok et Instagram.",
     [("ChatGPT", 902_000_000)]),
    # what follows a colon elaborates the clause before it, and its app
    ("Disney+ complète le podium, avec un peu moins de 90 millions de téléchargements. Le trimestre a été dynamique "
     "pour Netflix : porté par son offre avec publicité, le service a frôlé les 45 millions de téléchargements.",
     [("Disney+", 90_000_000), ("Netflix", 45_000_000)]),
    # a qualifier may stand between a listed app and its figure
    ("Instagram revendique 259 millions d'utilisateurs, Facebook 255 millions et Twitter un peu plus de 100 millions.",
     [("Instagram", 259_000_000), ("Facebook", 255_000_000), ("X", 100_000_000)]),  # X: Twitter's canonical name
    # a loss and users added each quarter are not counts of users
    ("Netflix, qui a perdu près d'un million d'abonnés au deuxième trimestre, en revendiquait 220,67 millions fin juin.",
     [("Netflix", 220_670_000)]),
    ("En 2016, Snapchat ajoutait plus de dix millions d'utilisateurs chaque trimestre.", []),
    # a figure first given without its app, then with it, is one claim
    ("La start-up belge Mollo lève 4 millions d'euros. Son application de révisions revendique déjà cinq cent mille "
     "utilisateurs. Lancée il y a deux ans, l'application Studeo transforme les leçons en défis. Elle compte "
     "aujourd'hui cinq cent mille utilisateurs.",
     [("Studeo", 500_000)]),
    # a daily figure is a rate, not a claim; "six applications qui totalisaient" is a market total
    ("Temu a même dépassé les 100 000 téléchargements quotidiens en septembre.", []),
    ("Check Point a repéré un logiciel malveillant dans six applications qui totalisaient 90 millions de téléchargements.",
     [(None, 90_000_000)]),
]


@pytest.mark.parametrize("text, expected", ATTRIBUTION, ids=[fold(row[0])[:70] for row in ATTRIBUTION])
def test_claim_apps_when_several_are_named(extract_fn, text, expected):
    article = extract_fn(text, published="2024-01-10")
    assert [(c.app, c.count) for c in article.claims] == expected


@pytest.mark.parametrize(
    "published, text, expected",
    [
        # the seed's construction: "une semaine auparavant … la même période" moves the window back a week
        ("2020-09-20", "Sensor Tower a relevé une hausse des téléchargements entre le vendredi 18 et le samedi 19 "
         "septembre 2020. Si une semaine auparavant, WeChat ne comptait que 1.900 téléchargements au cours de la même "
         "période, ce chiffre est monté jusqu'à 54.000 téléchargements entre vendredi et samedi dernier.",
         [("WeChat", 1_900, "exact", "downloads", "2020-09-11", "2020-09-12"),
          ("WeChat", 54_000, "exact", "downloads", "2020-09-18", "2020-09-19")]),
        # "contre N un an plus tôt": the previous figure's quarter, a year back
        ("2024-10-31", "Au troisième trimestre 2024, les applications de Meta ont été utilisées chaque jour par "
         "3,29 milliards de personnes en moyenne, contre 3,14 milliards un an plus tôt.",
         [(None, 3_290_000_000, "exact", "users", "2024-07", "2024-09"),
          (None, 3_140_000_000, "exact", "users", "2023-07", "2023-09")]),
    ],
)
def test_claim_periods_shifted_from_another(extract_fn, published, text, expected):
    assert _claims(extract_fn(text, published=published)) == expected


@pytest.mark.parametrize(
    "value, amount, unit, expected",
    [
        ("2020-09-18", -1, "semaine", "2020-09-11"),
        ("2024-07", -1, "an", "2023-07"),
        ("2024", -1, "an", "2023"),
        ("2020-03-31", -1, "mois", "2020-02-29"),  # the last day of a shorter month
        ("2021-01", -2, "mois", "2020-11"),
        ("2024", -1, "semaine", "2024"),  # a week cannot move a year: kept as given
    ],
)
def test_shifting_a_period_keeps_its_precision(value, amount, unit, expected):
    from extractor.components.claims import _shift

    assert _shift(value, amount, unit) == expected
