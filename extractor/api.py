"""Library entry points: ``extract`` one article, ``extract_many`` a stream."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractor.extensions import add_warning
from extractor.parsing.partial_dates import PartialDate
from extractor.pipeline import load_pipeline
from extractor.records import to_article
from extractor.schema import Article

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArticleInput:
    """One article to analyse: its text and what is known of it."""

    text: str
    id: str | None = None
    published: str | None = None
    source: str | None = None


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
    return doc


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
    for doc, item in nlp.pipe(prepared, as_tuples=True, batch_size=batch_size):
        yield to_article(doc, include_text=include_text, source=item.source)
