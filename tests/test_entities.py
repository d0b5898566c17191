"""Entities through ``extract``: gazetteers, cues, dual use, boilerplate (guidelines §1)."""

from __future__ import annotations

import pytest

from extractor.parsing.names import fold


def _pairs(article) -> set[tuple[str, str]]:
    return {(entity.name, entity.type.value) for entity in article.entities}


ENTITIES = [
    ("La CNIL a adressé une mise en demeure à l'éditeur.", {("CNIL", "AGENCY")}),
    ("L'Arcep a publié son baromètre annuel.", {("Arcep", "AGENCY")}),
    ("L'Autorité de la concurrence a ouvert une enquête sur les pratiques du secteur.",
     {("Autorité de la concurrence", "AGENCY")}),
    ("La Commission européenne a infligé une amende record au groupe.", {("Commission européenne", "AGENCY")}),
    ("La FTC a saisi la justice américaine.", {("FTC", "AGENCY")}),
    ("L'ANSSI alerte sur une faille critique.", {("ANSSI", "AGENCY")}),
    ("Tencent a dévoilé ses résultats trimestriels.", {("Tencent", "COMPANY")}),
    ("Selon Sensor Tower, le marché a progressé.", {("Sensor Tower", "COMPANY")}),
    ("La société Niantic a dévoilé un nouveau jeu.", {("Niantic", "COMPANY")}),
    ("Bruxelles a ouvert une enquête contre Apple.", {("Commission européenne", "AGENCY"), ("Apple", "COMPANY")}),
    ("L'application a disparu du PlayStore mardi.", {("Play Store", "APP")}),
    ("Google a retiré l'application de Google Play.", {("Google", "COMPANY"), ("Play Store", "APP")}),
    # names no gazetteer knows, typed by a cue
    ("La start-up lyonnaise Kalipso a levé 3 millions d'euros.", {("Kalipso", "COMPANY")}),
    ("La jeune pousse nantaise Zelvio recrute vingt ingénieurs.", {("Zelvio", "COMPANY")}),
    ("Kalipso, une start-up lyonnaise, recrute vingt ingénieurs.", {("Kalipso", "COMPANY")}),
    ("L'application Trevio permet de partager ses trajets.", {("Trevio", "APP")}),
    ("Il suffit de télécharger Plumo pour commencer.", {("Plumo", "APP")}),
    # a name the model takes for a place, typed by an indefinite apposition; a real place after "en" stays out
    ("À Lausanne, la jeune pousse Lemanpay a lancé en mars Monedo, une appli pour partager l'addition.",
     {("Lemanpay", "COMPANY"), ("Monedo", "APP")}),
    ("En Italie, une application de traçage a été retirée.", set()),
    ("Cette année, Partaj, l'appli toulousaine de partage des dépenses, séduit les investisseurs.", {("Partaj", "APP")}),
    # an apposition types the name before it, past "autre", "l'une des …" and adjectives
    ("Selon ses fondateurs, Brisko, une autre application lilloise, compte 40 000 utilisateurs.", {("Brisko", "APP")}),
    ("Joyn, la plateforme gantoise de fidélité, revendique 2 millions de membres.", {("Joyn", "APP")}),
    ("Stravo, l'une des toutes premières boutiques alternatives, revendique 400 000 téléchargements.",
     {("Stravo", "APP")}),
    # after "de" ("celui de Tea, l'application …"), "une autre alternative", "dont l'application …, Zenipou,"
    ("Le scénario rappelle celui de Tea, l’application américaine dont Saferdate s’inspire.", {("Tea", "APP")}),
    ("Mitron, une autre alternative indienne, revendique de son côté 17 millions de téléchargements.", {("Mitron", "APP")}),
    ("Elle s'appuie sur Zelda, un studio bordelais dont l'application de méditation pour enfants, Zenipou, a été "
     "téléchargée 850 000 fois.", {("Zelda", "COMPANY"), ("Zenipou", "APP")}),
    # a rival of a known app is an app
    ("Au Sénégal, Tchatao, un concurrent de WhatsApp conçu à Dakar, séduit les étudiants.",
     {("Tchatao", "APP"), ("WhatsApp", "APP")}),
    # a sentence-opening name whose apposition is closed by a comma ("Hier, une application …" is not one)
    ("Le marché bouge. Grimpa, une application conçue à Grenoble, a été téléchargée 20 000 fois.", {("Grimpa", "APP")}),
    # what is downloaded is an app; who downloads is not
    ("Selon Sensor Tower, Kroko a été téléchargée 3 millions de fois en mars.",
     {("Kroko", "APP"), ("Sensor Tower", "COMPANY")}),
    # a firm's app named after it; but not the firm behind "le jeu de survie du studio …"
    ("L'application Carrefour a été téléchargée 3 millions de fois, a annoncé Carrefour.",
     {("Carrefour", "APP"), ("Carrefour", "COMPANY")}),
    ("Le jeu de survie du studio japonais Pocketpair a séduit 8 millions de joueurs.", {("Pocketpair", "COMPANY")}),
    ("Le groupe bpost a vu ses volumes bondir. Son application bpost a été téléchargée 410.000 fois en avril.",
     {("bpost", "APP"), ("bpost", "COMPANY")}),
    # named by a participle that agrees with the head noun, not with its complement ("de la société d'État")
    ("L'application mobile de la société d'État, baptisée tout simplement Hydro-Québec, a été téléchargée 212 000 fois. "
     "Hydro-Québec a présenté ses excuses.", {("Hydro-Québec", "APP"), ("Hydro-Québec", "COMPANY")}),
    # a product word after a name, and a name the NER keeps whole over its hyphens
    ("TikTok Lite a été suspendue en France.", {("TikTok Lite", "APP")}),
    ("L’application Loto-o-clic+, offerte gratuitement, a été téléchargée 90 000 fois.", {("Loto-o-clic+", "APP")}),
    ("SNCF Connect & Tech, la filiale numérique de la SNCF, emploie 1 000 personnes.",
     {("SNCF", "COMPANY"), ("SNCF Connect", "APP")}),
    # a possessive cue, a cued name longer than the known name it starts with, a lowercase brand
    ("Microsoft en sait quelque chose. Son agent conversationnel Xiaoice compte 40 millions d'utilisateurs.",
     {("Microsoft", "COMPANY"), ("Xiaoice", "APP")}),
    ("L’application Ubisoft Club, qui suit la progression des joueurs, a été téléchargée 400 000 fois.",
     {("Ubisoft Club", "APP")}),
    ("L'appli mesvaccins.ch compte 450 000 inscrits.", {("mesvaccins.ch", "APP")}),
    ("L'application swiyu a été téléchargée un million de fois. Pour l'utiliser, swiyu demande une pièce d'identité.",
     {("swiyu", "APP")}),
    ("Conçue par la jeune pousse Virebrin, l’appli antigaspillage met en relation épiceries et clients.",
     {("Virebrin", "COMPANY")}),
    # a service named by its address is an app; a former name is not a new one
    ("Carnet de vaccination électronique : mesvaccins.ch ferme après une grave faille.", {("mesvaccins.ch", "APP")}),
    # the apposition's head types the name after it, not before it
    ("Sorti jeudi sur iPhone et Android, son jeu de réflexion Skyfold a été téléchargé un million de fois.",
     {("Skyfold", "APP")}),
    ("Niantic conserve Scaniverse, son application de numérisation en 3D, qui revendique 800 000 utilisateurs.",
     {("Niantic", "COMPANY"), ("Scaniverse", "APP")}),
    # a known name keeps its suffix word ("Banque") whole
    ("Le service de La Banque Postale est en panne, comme celui de Tencent Music.",
     {("La Banque Postale", "COMPANY"), ("Tencent Music", "COMPANY")}),
    # dual use: the firm that acts, the product people use
    ("Facebook a annoncé une refonte de son fil d'actualité.", {("Facebook", "COMPANY")}),
    ("De nombreux internautes ont choisi de publier sur Facebook leurs photos de vacances.", {("Facebook", "APP")}),
    ("Facebook a annoncé une refonte de son fil d'actualité. Les internautes continuent pourtant de publier sur Facebook.",
     {("Facebook", "COMPANY"), ("Facebook", "APP")}),
    ("Meta a annoncé une refonte d'Instagram.", {("Meta", "COMPANY"), ("Instagram", "APP")}),
    ("Le régulateur a ordonné à Apple et Google de retirer l'application.", {("Apple", "COMPANY"), ("Google", "COMPANY")}),
    ("Washington menace d'interdire TikTok, WeChat et Alipay, trois applications chinoises.",
     {("TikTok", "APP"), ("WeChat", "APP"), ("Alipay", "APP")}),
    ("Le site facebook.com était inaccessible pendant la panne.", {("Facebook", "APP")}),
    ("Selon Le Monde, la société prépare une levée de fonds.", {("Le Monde", "COMPANY")}),
    ("L'Union européenne a adopté le règlement sur les services numériques.", {("Union européenne", "AGENCY")}),
    # features and devices are not apps
    ("La fonctionnalité Reels d'Instagram séduit les adolescents.", {("Instagram", "APP")}),
    ("La Switch de Nintendo reste la console la plus vendue.", {("Nintendo", "COMPANY")}),
]


@pytest.mark.parametrize(
    "text, name, alias",
    [
        ("La marque à la pomme a présenté ses résultats.", "Apple", "marque à la pomme"),
        ("Le gendarme de la concurrence a sanctionné le groupe.", "Autorité de la concurrence", "gendarme de la concurrence"),
        ("Bruxelles a ouvert une enquête sur le marché du cloud.", "Commission européenne", "Bruxelles"),
        ("L'application a disparu du PlayStore mardi.", "Play Store", "PlayStore"),
    ],
)
def test_entities_nickname_is_an_alias_of_the_canonical_name(extract_fn, text, name, alias):
    article = extract_fn(text, published="2021-03-14")
    assert [(e.name, e.aliases) for e in article.entities] == [(name, [alias])]


@pytest.mark.parametrize("text, expected", ENTITIES, ids=[fold(t)[:40] for t, _ in ENTITIES])
def test_entities_name_and_type(extract_fn, text, expected):
    article = extract_fn(text, published="2021-03-14")
    assert _pairs(article) == expected
    for entity in article.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_entities_alias_mapped_to_canonical(extract_fn):
    text = "L'application a disparu du PlayStore puis de l'App Store."
    article = extract_fn(text, published="2021-03-14")
    play = next(e for e in article.entities if e.name == "Play Store")
    assert (play.type.value, play.aliases, [m.text for m in play.mentions]) == ("APP", ["PlayStore"], ["PlayStore"])


def test_entities_facebook_has_one_mention_per_type(extract_fn):
    text = "Facebook a annoncé une refonte de son fil d'actualité. Les internautes continuent pourtant de publier sur Facebook."
    article = extract_fn(text, published="2021-03-14")
    mentions = {e.type.value: [(m.start, m.end) for m in e.mentions] for e in article.entities}
    assert mentions == {"COMPANY": [(0, 8)], "APP": [(text.rindex("Facebook"), text.rindex("Facebook") + 8)]}


@pytest.mark.parametrize(
    "credit",
    ["Crédits : Unsplash", "Crédits : Getty Images", "Photo : Getty Images", "Partager sur Facebook"],
)
def test_entities_boilerplate_ignored(extract_fn, credit):
    text = f"La messagerie Olvid séduit les ministères.\n\n{credit}\n\nLe service reste gratuit."
    article = extract_fn(text, published="2021-03-14")
    assert _pairs(article) == {("Olvid", "APP")}


@pytest.mark.parametrize(
    "text",
    [
        "Les États-Unis et la Chine s'affrontent sur le terrain technologique.",  # countries
        "Le gouvernement québécois a salué l'initiative, tout comme Ottawa.",
        "Un juge américain a suspendu la décision.",  # unnamed body
        "Le secrétaire d'État au numérique a réagi.",  # a title
        "La mise à jour vers iOS 17 est disponible.",  # operating system
        "Le déploiement de la 5G s'accélère en France.",
        "Windows 11 équipe désormais la moitié des PC.",
        "Le nouvel iPhone tourne sous iOS 17 et Android reste majoritaire.",
        "Le label French Tech a été attribué à la ville.",  # a label
        "Les données restent stockées en Union européenne.",  # a territory, not the institution
        "Hier, une application de rencontre a été retirée.",  # an opening adverb, not a name
        "Les Français ont téléchargé 2 milliards d'applications en 2022.",  # who downloads
    ],
)
def test_entities_none_found(extract_fn, text):
    article = extract_fn(text, published="2021-03-14")
    assert _pairs(article) == set()
