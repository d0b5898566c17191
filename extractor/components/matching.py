"""Cue-word matching shared by the components.

All cues match on ``token.norm_``, which the boilerplate component sets to the
folded form (`extractor.parsing.names.fold`), so they match whatever their
case, accents or apostrophe. Phrases go through spaCy's PhraseMatcher (one
pass over the Doc whatever the number of phrases); stems ("dépass" for
dépasse, dépassé, dépassant…) are one anchored regex per label, tested once
per distinct word and cached.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extractor.parsing.names import fold


def phrase_tokens(nlp: Language, phrase: str) -> list[str]:
    """Return the tokens of one phrase as the pipeline's tokenizer cuts them."""
    if phrase.endswith(("'", "\u2019")):
        # French elision before a vowel: tokenise "plus d'" as in "plus d'un", then drop "un".
        return [token.text for token in nlp.make_doc(phrase + "un") if not token.is_space][:-1]
    return [token.text for token in nlp.make_doc(phrase) if not token.is_space]


def phrase_doc(nlp: Language, phrase: str) -> Doc:
    """Return a pattern Doc of one phrase whose norms are folded like the text's."""
    words = phrase_tokens(nlp, phrase)
    doc = Doc(nlp.vocab, words=words)
    for token in doc:
        token.norm_ = fold(token.text)
    return doc


class CueMatcher:
    """Find labelled cue phrases and stems in a Doc, in one pass each."""

    def __init__(
        self,
        nlp: Language,
        groups: dict[str, Iterable[str]],
        stems: dict[str, Iterable[str]] | None = None,
    ) -> None:
        self.vocab = nlp.vocab
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        for label, phrases in groups.items():
            docs = [phrase_doc(nlp, phrase) for phrase in phrases if phrase.strip()]
            docs = [doc for doc in docs if len(doc)]
            if docs:
                self.phrases.add(label, docs)
        self.stems: list[tuple[str, re.Pattern[str]]] = []
        for label, words in (stems or {}).items():
            single = [fold(word) for word in words if word.strip() and " " not in word.strip()]
            multi = [word for word in words if " " in word.strip()]
            if single:
                alternation = "|".join(re.escape(word) for word in sorted(set(single), key=len, reverse=True))
                self.stems.append((label, re.compile(f"^(?:{alternation})")))
            if multi:  # "fait savoir": matched as a phrase
                self.phrases.add(label, [phrase_doc(nlp, word) for word in multi])
        self._stem_labels = lru_cache(maxsize=65536)(self._labels_of)

    def _labels_of(self, norm: str) -> tuple[str, ...]:
        return tuple(label for label, pattern in self.stems if pattern.match(norm))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Return (label, start, end) token matches, sorted by start then longest first."""
        strings = self.vocab.strings
        found = [(strings[match_id], start, end) for match_id, start, end in self.phrases(doc)]
        if self.stems:
            for token in doc:
                if token.is_alpha:
                    found.extend((label, token.i, token.i + 1) for label in self._stem_labels(token.norm_))
        return sorted(found, key=lambda m: (m[1], -m[2]))


def build_matcher(nlp: Language, groups: dict[str, Iterable[str]], stems: dict[str, Iterable[str]] | None = None) -> CueMatcher:
    """Return a cue matcher with one label per group of phrases (and of stems)."""
    return CueMatcher(nlp, groups, stems)


def cue_matches(matcher: CueMatcher, doc: Doc) -> list[tuple[str, int, int]]:
    """Return (label, start, end) token matches, sorted by start."""
    return matcher(doc)
