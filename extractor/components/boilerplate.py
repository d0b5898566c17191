"""extractor_boilerplate: fold token norms and flag boilerplate lines.

Three things every later rule relies on, done once and without touching the
text: ``token.norm_`` becomes the folded form (lowercase, no accents, one
apostrophe kind) that all patterns match on; a paragraph break starts a
sentence (the parser keeps preset boundaries, so a headline never runs into
the first paragraph); and tokens on photo-credit, share, newsletter or "Lire
aussi" lines get ``token._.is_boilerplate``.
"""

from __future__ import annotations

import re

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from extractor import extensions  # noqa: F401  (declares the ._ attributes)
from extractor.parsing.names import fold
from extractor.resources import load_lexicon

SENTENCE_ENDS = {".", "!", "?", "…", "»", ")", "\u201d", '"'}
SPANS_KEY = "boilerplate"


def boilerplate_lines(text: str, line_starts: list[str], whole_lines: set[str], max_words: int):
    """Yield (start, end) char offsets of the boilerplate lines of ``text``.

    ``line_starts`` are folded, longest first (see `BoilerplateFlagger`).

    >>> list(boilerplate_lines("Titre\\nCrédits Unsplash\\nTexte", ["credits"], set(), 10))
    [(6, 22)]
    """
    starts = line_starts
    for match in re.finditer(r"[^\n]+", text):
        line = match.group().strip()
        if not line:
            continue
        folded = fold(line)
        words = folded.split()
        if folded.strip(" .:!") in whole_lines or (
            len(words) <= max_words and any(_starts_with(folded, start) for start in starts)
        ):
            yield match.start(), match.end()


def _starts_with(folded_line: str, start: str) -> bool:
    if not folded_line.startswith(start):
        return False
    rest = folded_line[len(start) :]
    return not rest or not rest[0].isalnum() or not start[-1].isalnum()


class BoilerplateFlagger:
    """Set folded norms and boilerplate flags on tokens."""

    def __init__(self, nlp: Language, name: str, *, lexicon: str) -> None:
        self.name = name
        data = load_lexicon(lexicon)
        self.line_starts = sorted({fold(start) for start in data.line_starts}, key=len, reverse=True)
        self.whole_lines = {fold(line) for line in data.whole_lines}
        self.max_words = data.max_words

    def __call__(self, doc: Doc) -> Doc:
        parsed = doc.has_annotation("DEP")  # a reassembled long text is parsed already
        # One write for the whole text: setting token.is_sent_start checks the
        # whole doc each time. Column 0: folded norms (string hashes); column 1:
        # 1 starts a sentence, -1 does not, 0 left to the parser.
        values = numpy.zeros((len(doc), 2), dtype="uint64")
        add = doc.vocab.strings.add
        previous = None
        for token in doc:
            values[token.i, 0] = add(fold(token.text))
            # A paragraph break ends a sentence: the parser keeps preset starts.
            if previous is not None and not parsed:
                values[token.i, 1] = sentence_start(token, previous) % 2**64  # -1 as spaCy's uint64
            previous = token
        if len(doc):
            values[0, 1] = 1
            if parsed:
                doc.from_array(["NORM"], values[:, :1])
            else:
                doc.from_array(["NORM", "SENT_START"], values)
        spans = []
        for start, end in boilerplate_lines(doc.text, self.line_starts, self.whole_lines, self.max_words):
            span = doc.char_span(start, end, label="BOILERPLATE", alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                token._.is_boilerplate = True
            spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc


def sentence_start(token, previous) -> int:
    """Return what the parser must respect about a sentence starting at ``token``: 1, -1 or 0 (free).

    A paragraph break ends a sentence. Otherwise a sentence starts only
    after a sentence end (". ! ? … » )", or a token ending with a full stop
    such as "X."): the parser of fr_core_news_md otherwise splits "Lancée le
    25 juin 2020, l'application … a été téléchargée" before the comma, or
    makes each part of "Corona-Warn-App" a sentence, which cuts claims from
    their dates and apps.
    """
    if "\n" in previous.text and previous.is_space and not token.is_space:
        return 1
    if not (previous.text in SENTENCE_ENDS or previous.text.endswith(".") or previous.is_space):
        return -1
    return 0


@Language.factory(
    "extractor_boilerplate",
    assigns=["token.norm", "token.is_sent_start", "token._.is_boilerplate", "doc.spans"],
    default_config={"lexicon": "boilerplate"},
)
def make_boilerplate(nlp: Language, name: str, lexicon: str) -> BoilerplateFlagger:
    """Create the boilerplate flagger."""
    return BoilerplateFlagger(nlp, name, lexicon=lexicon)
