"""Rule data files: every file validates, names are unique per type, every phrase is usable."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from importlib import resources as importlib_resources

import pytest
from pydantic import ValidationError

import extractor.resources as data
from conftest import same_span
from extractor.parsing.names import fold, name_key
from extractor.resources import (
    GAZETTEERS,
    LEXICONS,
    DataFileError,
    GazetteerEntry,
    QualifierEntry,
    load_gazetteer,
    load_lexicon,
)

DATA = importlib_resources.files("extractor").joinpath("data")


@pytest.mark.parametrize("entity_type", sorted(GAZETTEERS))
def test_data_gazetteer_loads(entity_type):
    gazetteer = load_gazetteer(entity_type)
    assert gazetteer.provenance.strip()
    assert len(gazetteer.entries) > 50


@pytest.mark.parametrize("name", sorted(LEXICONS))
def test_data_lexicon_loads(name):
    lexicon = load_lexicon(name)
    assert isinstance(lexicon, LEXICONS[name])
    assert lexicon.provenance.strip()


@pytest.mark.parametrize(
    "folder, known",
    [("lexicons", set(LEXICONS)), ("gazetteers", set(GAZETTEERS.values()))],
)
def test_data_every_file_has_a_model(folder, known):
    files = {p.name.removesuffix(".yaml") for p in DATA.joinpath(folder).iterdir() if p.name.endswith(".yaml")}
    assert files == known


@pytest.mark.parametrize("entity_type", sorted(GAZETTEERS))
def test_data_no_alias_twice_within_a_type(entity_type):
    owners: dict[str, set[str]] = defaultdict(set)
    names = [entry.name for entry in load_gazetteer(entity_type).entries]
    for entry in load_gazetteer(entity_type).entries:
        for surface in (entry.name, *entry.aliases):
            owners[name_key(surface)].add(entry.name)
    assert {key: sorted(o) for key, o in owners.items() if len(o) > 1} == {}
    assert len(names) == len(set(names))


def test_data_a_name_may_repeat_across_types():
    apps = {entry.name for entry in load_gazetteer("APP").entries}
    companies = {entry.name for entry in load_gazetteer("COMPANY").entries}
    assert {"Facebook", "Doctolib"} <= apps & companies  # dual-use names (guidelines §1)


@pytest.mark.parametrize("entity_type", sorted(GAZETTEERS))
def test_data_every_alias_tokenises(nlp, entity_type):
    empty = [
        surface
        for entry in load_gazetteer(entity_type).entries
        for surface in (entry.name, *entry.aliases)
        if not [token for token in nlp.make_doc(surface) if not token.is_space]
    ]
    assert empty == []


def test_data_stores_are_apps_only():
    for entity_type in ("COMPANY", "AGENCY"):
        assert [e.name for e in load_gazetteer(entity_type).entries if e.store] == []
    stores = {e.name for e in load_gazetteer("APP").entries if e.store}
    assert {"App Store", "Play Store"} <= stores


def test_data_every_app_has_a_kind_and_only_apps_do():
    apps = load_gazetteer("APP").entries
    assert [e.name for e in apps if e.kind is None] == []
    assert [e.name for e in apps if e.store and e.kind != "store"] == []
    assert {e.name: e.kind for e in apps if e.name in {"Signal", "Pokémon GO", "ChatGPT"}} == {
        "Signal": "messaging", "Pokémon GO": "game", "ChatGPT": "ai"
    }
    for entity_type in ("COMPANY", "AGENCY"):
        assert [e.name for e in load_gazetteer(entity_type).entries if e.kind] == []


def test_data_app_first_names_are_apps():
    apps = {entry.name for entry in load_gazetteer("APP").entries}
    assert [name for name in load_lexicon("type_cues").app_first if name not in apps] == []


@pytest.mark.parametrize("name, values", [("months", set(range(1, 13))), ("weekdays", set(range(7)))])
def test_data_calendar_covers_every_value(name, values):
    entries = load_lexicon(name).entries
    assert {entry.value for entry in entries} == values
    assert all(entry.names for entry in entries)


RELATIVE_PHRASES = [
    (phrase, entry.anaphoric) for entry in load_lexicon("relative_dates").entries for phrase in entry.phrases
]


@pytest.mark.parametrize("phrase, anaphoric", RELATIVE_PHRASES, ids=[fold(p) for p, _ in RELATIVE_PHRASES])
def test_data_every_relative_phrase_is_found(extract_fn, phrase, anaphoric):
    """Every phrase of relative_dates.yaml, as written there, is read as a date."""
    text = f"Le service a été présenté {phrase}, selon l'éditeur."
    article = extract_fn(text, published="2021-03-17")
    spans = [(d.text, d.value) for d in article.dates]
    assert len(spans) == 1, spans
    found = spans[0][0]
    assert same_span(found, phrase) or same_span(phrase, found), spans
    assert (spans[0][1] is None) is anaphoric


MONTH_NAMES = [(name, entry.value) for entry in load_lexicon("months").entries for name in entry.names]


@pytest.mark.parametrize("name, value", MONTH_NAMES, ids=[fold(n) for n, _ in MONTH_NAMES])
def test_data_every_month_name_is_found(extract_fn, name, value):
    article = extract_fn(f"La version finale est sortie le 3 {name} 2021 sur mobile.", published="2021-12-31")
    assert [d.value for d in article.dates] == [f"2021-{value:02d}-03"]


# A corrupted data file fails at load, naming the file and the entry.


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    """Serve data files from tmp_path instead of the package, with the caches cleared around."""

    class Files:
        @staticmethod
        def files(_package):
            return tmp_path

    (tmp_path / "data" / "gazetteers").mkdir(parents=True)
    (tmp_path / "data" / "lexicons").mkdir(parents=True)
    load_gazetteer.cache_clear()
    load_lexicon.cache_clear()
    monkeypatch.setattr(data, "resources", Files)
    yield tmp_path / "data"
    monkeypatch.undo()
    load_gazetteer.cache_clear()
    load_lexicon.cache_clear()


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "provenance: test\nentries:\n  - name: WeChat\n  - aliases: [Weixin]\n",
            "entries.1.name: Field required",
        ),
        (
            "provenance: test\nentries:\n  - name: WeChat\n  - name: TikTok\n    alias: [Douyin]\n",
            "entries.1.alias: Extra inputs are not permitted",
        ),
        (
            "provenance: test\nentries:\n  - name: WeChat\n    case_sensitive: parfois\n",
            "entries.0.case_sensitive",
        ),
        ("provenance: test\nentries:\n  - name: [WeChat\n", "not valid YAML"),
    ],
)
def test_data_corrupted_gazetteer_names_file_and_entry(data_folder, body, expected):
    (data_folder / "gazetteers" / "apps.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_gazetteer("APP")
    assert "extractor/data/gazetteers/apps.yaml" in str(error.value)
    assert expected in str(error.value)


def test_data_corrupted_lexicon_names_file_and_entry(data_folder):
    (data_folder / "lexicons" / "qualifiers.yaml").write_text(
        "provenance: test\nentries:\n  - qualifier: roughly\n    phrases: [environ]\n    window: {before: 3}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as error:
        load_lexicon("qualifiers")
    assert "extractor/data/lexicons/qualifiers.yaml" in str(error.value)
    assert "entries.0.qualifier" in str(error.value)


def test_data_missing_file_is_a_data_file_error(data_folder):
    with pytest.raises(DataFileError, match="months.yaml: no such data file"):
        load_lexicon("months")


@pytest.mark.parametrize(
    "model, raw, field",
    [
        (GazetteerEntry, {"aliases": ["Weixin"]}, "name"),
        (GazetteerEntry, {"name": ""}, "name"),
        (GazetteerEntry, {"name": "WeChat", "alias": ["Weixin"]}, "alias"),
        (QualifierEntry, {"qualifier": "roughly", "window": {"before": 3}}, "qualifier"),
        (QualifierEntry, {"qualifier": "approx", "window": {"before": -1}}, "window.before"),
    ],
)
def test_data_entry_model_names_the_bad_field(model, raw, field):
    with pytest.raises(ValidationError) as error:
        model.model_validate(raw)
    locations = {".".join(str(part) for part in e["loc"]) for e in error.value.errors()}
    assert field in locations


@pytest.mark.parametrize("name", ["inconnu", "months.yaml"])
def test_data_unknown_lexicon_is_a_key_error(name):
    with pytest.raises(KeyError):
        load_lexicon(name)


@pytest.mark.parametrize(
    "path",
    sorted(str(p) for p in (Path(__file__).resolve().parents[1] / "extractor" / "data").glob("*/*.yaml")),
)
def test_data_yaml_reads_the_same_with_srsly_and_pyyaml(path):
    import srsly

    from extractor.resources import parse_yaml

    text = Path(path).read_text(encoding="utf-8")
    assert parse_yaml(text) == srsly.yaml_loads(text)
