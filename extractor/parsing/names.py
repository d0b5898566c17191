"""Name keys: the comparison form shared by gazetteer lookup and the scorer."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Return ``text`` casefolded, without accents, with one apostrophe kind.

    This is the normalisation written into ``token.norm_`` so that "Etats"
    and "États", or "l’" and "l'", match the same patterns. Cached: it runs
    on every token, and words repeat.
    """
    if text.isascii() and "`" not in text:
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_key(name: str) -> str:
    """Return the key two names are compared by: folded, punctuation removed.

    >>> name_key("Play Store") == name_key("PlayStore") == name_key("play-store")
    True
    """
    return _NOT_WORD.sub("", fold(name))
