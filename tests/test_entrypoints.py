"""Factories: declared in pyproject, resolvable through spaCy's entry points, wired in order."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib

import pytest
import spacy
from spacy.language import Language

from conftest import ROOT

DECLARED = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"][
    "spacy_factories"
]
EXPECTED_FACTORIES = {
    "extractor_boilerplate",
    "extractor_entities",
    "extractor_entity_types",
    "extractor_dates",
    "extractor_claims",
}


def test_entrypoints_pyproject_declares_every_component():
    assert set(DECLARED) == EXPECTED_FACTORIES


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_entrypoints_factory_resolves_through_metadata(name):
    points = {point.name: point for point in importlib.metadata.entry_points(group="spacy_factories")}
    assert name in points, f"{name} is not installed as an entry point: reinstall the package"
    assert points[name].value == DECLARED[name]
    factory = points[name].load()
    assert callable(factory)
    assert factory.__name__ == DECLARED[name].rsplit(":", 1)[1]


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_entrypoints_factory_is_registered_with_spacy(name):
    assert Language.has_factory(name)
    meta = Language.get_factory_meta(name)
    assert meta.factory == name
    assert meta.assigns  # every component says what it writes


def test_entrypoints_pipeline_order_and_no_problems(nlp):
    analysis = nlp.analyze_pipes()
    assert {pipe: problems for pipe, problems in analysis["problems"].items() if problems} == {}
    ours = [name for name in nlp.pipe_names if name in {"boilerplate", "entities", "entity_types", "dates", "claims"}]
    assert ours == ["boilerplate", "entities", "entity_types", "dates", "claims"]
    assert nlp.pipe_names[0] == "boilerplate"
    assert {"morphologizer", "attribute_ruler", "lemmatizer"}.isdisjoint(nlp.pipe_names)


def test_entrypoints_blank_french_pipeline_can_add_the_date_finder():
    blank = spacy.blank("fr")
    blank.add_pipe("extractor_dates")
    doc = blank("La version finale est sortie le 3 mars 2021.")
    assert [(span.text, span._.value) for span in doc.spans["dates"]] == [("3 mars 2021", "2021-03-03")]
    assert doc._.reference_date == "2021-03-03"


def test_entrypoints_spacy_finds_factories_without_importing_extractor():
    """A fresh interpreter that never imports ``extractor`` still builds the components."""
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('fr')\n"
        "nlp.add_pipe('extractor_boilerplate')\n"
        "nlp.add_pipe('extractor_dates')\n"
        "doc = nlp('Le salon se tiendra du 3 au 5 mars 2021.')\n"
        "print(nlp.pipe_names, [(s._.value, s._.end_value) for s in doc.spans['dates']])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['extractor_boilerplate', 'extractor_dates'] [('2021-03-03', '2021-03-05')]"
