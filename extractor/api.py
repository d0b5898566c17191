"""Library entry points: ``extract`` one article, ``extract_many`` a stream."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from extractor.extensions import add_warning
from extractor.parsing.partial_dates import PartialDate
from extractor.pipeline import load_pipeline
from extractor.records import to_article
from extractor.schema import Article, InputInfo

logger = logging.getLogger(__name__)

# Texts longer than this go through the statistical components in chunks cut at
# paragraph breaks (the parser's memory grows with the text); the rule
# components then run once on the reassembled Doc, so offsets stay exact.
CHUNK_CHARS = 100_000
STOCK_PIPES = ("boilerplate", "tok2vec", "parser", "ner")
_ONLY_FR = FR_STOP_WORDS - EN_STOP_WORDS
_ONLY_EN = EN_STOP_WORDS - FR_STOP_WORDS


@dataclass(frozen=True)
class ArticleInput:
    """One article to analyse: its text and what is known of it."""

    text: str
    id: str | None = None
    published: str | None = None
    source: str | None = None
    input: InputInfo | None = None


def _prepare(nlp: Language, item: ArticleInput) -> Doc:
    if not isinstance(item.text, str):
        raise TypeError(f"article text must be a str, not {type(item.text).__name__}")
    doc = nlp.make_doc(item.text)
    doc._.article_id = item.id
    doc._.warnings = []
    published = item.published
    if published is not None:
        try:
            published = PartialDate.parse(str(published)[:10]).iso()
        except ValueError:
            add_warning(doc, f"published {item.published!r} is not an ISO date: ignored")
            published = None
    doc._.published = published
    if not item.text.strip():
        add_warning(doc, "empty text: nothing to extract")
    else:
        _warn_if_not_french(doc)
    return doc


def _warn_if_not_french(doc: Doc) -> None:
    """Warn when the text reads as English rather than French (stop-word counts)."""
    words = [token.lower_ for token in doc[:3000] if token.is_alpha]
    french = sum(word in _ONLY_FR for word in words)
    english = sum(word in _ONLY_EN for word in words)
    if english >= 5 and english > 2 * french:
        add_warning(doc, f"the text looks English, not French ({english} English vs {french} French function words)")


def _chunk_bounds(doc: Doc, size: int) -> list[tuple[int, int]]:
    """Return token ranges of at most about ``size`` characters, cut after paragraph breaks."""
    bounds, start = [], 0
    while start < len(doc):
        limit = doc[start].idx + size
        end = start
        cut = None
        while end < len(doc) and doc[end].idx < limit:
            if doc[end].is_space and "\n" in doc[end].text:
                cut = end + 1
            end += 1
        if end < len(doc) and cut is not None and cut > start:
            end = cut
        bounds.append((start, end))
        start = end
    return bounds


def _process_long(nlp: Language, doc: Doc) -> Doc:
    """Run the pipeline over a long Doc: stock components by chunk, rule components on the whole."""
    stock = [(name, proc) for name, proc in nlp.pipeline if name in STOCK_PIPES]
    rules = [(name, proc) for name, proc in nlp.pipeline if name not in STOCK_PIPES]
    chunks = []
    for start, end in _chunk_bounds(doc, CHUNK_CHARS):
        chunk = doc[start:end].as_doc()
        for _name, proc in stock:
            chunk = proc(chunk)
        chunks.append(chunk)
    merged = Doc.from_docs(chunks, ensure_whitespace=False)
    for name in ("article_id", "published", "warnings"):
        setattr(merged._, name, getattr(doc._, name))
    add_warning(merged, f"long text ({len(doc.text):,} characters) analysed in {len(chunks)} chunks")
    for _name, proc in [(n, p) for n, p in nlp.pipeline if n == "boilerplate"] + rules:
        merged = proc(merged)
    return merged


def _pipe(nlp: Language, pairs: Iterable[tuple[Doc, ArticleInput]], batch_size: int) -> Iterator[tuple[Doc, ArticleInput]]:
    """Yield processed (doc, item) pairs in order; long texts take the chunked path."""
    pending: list[tuple[Doc, ArticleInput]] = []
    for doc, item in pairs:
        if len(doc.text) <= CHUNK_CHARS:
            pending.append((doc, item))
            if len(pending) < batch_size:
                continue
        yield from nlp.pipe(pending, as_tuples=True, batch_size=batch_size)
        pending = []
        if len(doc.text) > CHUNK_CHARS:
            yield _process_long(nlp, doc), item
    if pending:
        yield from nlp.pipe(pending, as_tuples=True, batch_size=batch_size)


def extract(
    text: str, *, published: str | None = None, id: str | None = None, include_text: bool = False
) -> Article:
    """Return the record of one article.

    Args:
        text: the article, exactly as offsets should index it.
        published: its publication date (ISO), when known.
        id: an identifier copied into the record.
        include_text: put the analysed text into the record.

    Raises:
        TypeError: if ``text`` is not a string.
    """
    return next(extract_many([ArticleInput(text, id, published)], include_text=include_text))


def extract_many(
    articles: Iterable[ArticleInput | str],
    *,
    include_text: bool = False,
    batch_size: int = 16,
    nlp: Language | None = None,
) -> Iterator[Article]:
    """Yield one record per article, in order, streaming them through ``nlp.pipe``.

    Raises:
        TypeError: if an article's text is not a string.
    """
    nlp = nlp or load_pipeline()
    items = (ArticleInput(a) if isinstance(a, str) else a for a in articles)
    prepared = ((_prepare(nlp, item), item) for item in items)
    for doc, item in _pipe(nlp, prepared, batch_size):
        yield to_article(doc, include_text=include_text, source=item.source, input_info=item.input)
