"""Shared helpers that turn lexicon phrases into spaCy Matcher patterns.

All patterns match on ``token.norm_``, which the boilerplate component sets to
the folded form (`extractor.parsing.names.fold`), so cue words match whatever
their case, accents or apostrophe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from extractor.parsing.names import fold


def phrase_pattern(nlp: Language, phrase: str, *, case_sensitive: bool = False) -> list[dict]:
    """Return the token pattern of one phrase, tokenised by the pipeline's tokenizer."""
    if phrase.endswith(("'", "\u2019")):
        # French elision before a vowel: tokenise "plus d'" as in "plus d'un", then drop "un".
        tokens = [token.text for token in nlp.make_doc(phrase + "un") if not token.is_space][:-1]
    else:
        tokens = [token.text for token in nlp.make_doc(phrase) if not token.is_space]
    if case_sensitive:
        return [{"ORTH": text} for text in tokens]
    return [{"NORM": fold(text)} for text in tokens]


def stem_pattern(nlp: Language, stem: str) -> list[dict]:
    """Return a pattern whose last word matches by prefix: "dépass" → dépasse, dépassé…"""
    *head, last = stem.split()
    pattern = [token for word in head for token in phrase_pattern(nlp, word)]
    return pattern + [{"NORM": {"REGEX": "^" + re.escape(fold(last))}}]


def build_matcher(nlp: Language, groups: dict[str, Iterable[str]], stems: dict[str, Iterable[str]] | None = None) -> Matcher:
    """Return a Matcher with one label per group of phrases (and of stems)."""
    matcher = Matcher(nlp.vocab)
    for label, phrases in groups.items():
        patterns = [phrase_pattern(nlp, phrase) for phrase in phrases if phrase.strip()]
        if patterns:
            matcher.add(label, patterns)
    for label, words in (stems or {}).items():
        patterns = [stem_pattern(nlp, word) for word in words if word.strip()]
        if patterns:
            matcher.add(label, patterns)
    return matcher


def cue_matches(matcher: Matcher, doc: Doc) -> list[tuple[str, int, int]]:
    """Return (label, start, end) token matches, sorted by start."""
    vocab = doc.vocab
    return sorted(((vocab.strings[m_id], start, end) for m_id, start, end in matcher(doc)), key=lambda m: (m[1], -m[2]))
