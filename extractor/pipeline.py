"""Build the extractor pipeline: fr_core_news_md plus our components, in one fixed order."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

# Importing the component modules registers their factories.
from extractor.components import boilerplate, claims, dates, entities, entity_types  # noqa: F401

MODEL = "fr_core_news_md"
# Stock components nothing of ours reads: POS tags, morphology and lemmas.
# The parser (sentences, syntax) and the NER (candidate names) stay.
EXCLUDED = ("morphologizer", "attribute_ruler", "lemmatizer")
COMPONENTS = (
    ("extractor_boilerplate", "boilerplate", {"first": True}),
    ("extractor_entities", "entities", {}),
    ("extractor_entity_types", "entity_types", {}),
    ("extractor_dates", "dates", {}),
    ("extractor_claims", "claims", {}),
)


def build_pipeline(model: str = MODEL) -> Language:
    """Return a new pipeline: the statistical model and our rule components."""
    nlp = spacy.load(model, exclude=list(EXCLUDED))
    for factory, name, placement in COMPONENTS:
        nlp.add_pipe(factory, name=name, **placement)
    # Long texts are cut into chunks for the statistical components (api.CHUNK_CHARS),
    # so only the tokenizer sees a whole text: its limit can be generous.
    nlp.max_length = 50_000_000
    return nlp


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL) -> Language:
    """Return the shared pipeline, built once per process."""
    return build_pipeline(model)
