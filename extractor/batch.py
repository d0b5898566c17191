"""Read articles from files and folders, whatever their format and encoding.

Every input becomes either an `ArticleInput` or an `InputError` that says which
file (and line) failed and why; nothing is dropped silently. Folders are walked
recursively in a stable (sorted) order; hidden files and folders and symlink
loops are skipped. Formats: ``.txt``/``.md`` (one article), ``.html``/``.htm``
(main text, title and date through trafilatura), ``.json`` (an object or a
list of objects) and ``.jsonl`` (one object per line; a malformed line is an
error, the other lines are still read). Encodings: UTF-8 with or without BOM,
UTF-16 with BOM, anything else detected by charset-normalizer. In text and
HTML files CRLF and CR newlines become LF and the record says so; a JSON
``text`` is taken exactly as given.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extractor.api import ArticleInput
from extractor.schema import InputInfo

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
MIN_HTML_WORDS = 25  # fewer words extracted from a page: no article body


@dataclass(frozen=True)
class InputError:
    """An input that could not become an article."""

    id: str
    path: str
    reason: str


def walk(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Yield the article files under ``paths`` in a stable order.

    Folders are walked recursively in sorted order; hidden files and folders
    are skipped, and so are symlinked folders already visited (loops). A named
    file is always read, whatever its suffix.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield InputError(str(path), str(path), "no such file or folder")
        elif path.is_dir():
            yield from _walk_dir(path, frozenset())
        else:
            yield path


def _walk_dir(folder: Path, seen: frozenset[str]) -> Iterator[Path | InputError]:
    real = os.path.realpath(folder)
    if real in seen:
        logger.warning("skipping %s: symlink loop", folder)
        return
    seen = seen | {real}
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield InputError(str(folder), str(folder), f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk_dir(entry, seen)
        elif entry.suffix.lower() in SUFFIXES:
            yield entry


def decode(data: bytes) -> tuple[str, str]:
    """Return the text of a file's bytes and the encoding it was read with.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as such; anything
    else is detected by charset-normalizer (cp1252, latin-1, …).

    Raises:
        UnicodeDecodeError: if no encoding reads the bytes as text.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
            # a file cut inside its last character: keep everything before the cut
            return data[: error.start].decode("utf-8"), "utf-8 (truncated)"
        # French text in a Windows code page is the common case: try cp1252 first,
        # and keep it when it reads as text (detectors confuse it with cp1250).
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
        if text is not None and _reads_as_text(text):
            return text, "cp1252"
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise error
        return str(best), best.encoding


def _reads_as_text(text: str) -> bool:
    """Return whether decoded text looks like prose: letters, spaces, punctuation, no control characters."""
    if not text:
        return False
    controls = sum(1 for char in text if char < " " and char not in "\n\r\t")
    letters = sum(1 for char in text if char.isalpha() or char.isspace())
    return controls == 0 and letters / len(text) > 0.8


def normalise_newlines(text: str) -> tuple[str, bool]:
    """Return ``text`` with CRLF and CR newlines as LF, and whether it changed.

    Offsets index the returned text, which ``--include-text`` puts in the record.
    """
    if "\r" not in text:
        return text, False
    return text.replace("\r\n", "\n").replace("\r", "\n"), True


def read_file(path: Path) -> Iterator[ArticleInput | InputError]:
    """Yield the articles of one file (or the errors that replace them)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(path.stem, str(path), f"unreadable: {exc.strerror or exc}")
        return
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield InputError(path.stem, str(path), "binary data (NUL bytes), not text")
        return
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as exc:
        yield InputError(path.stem, str(path), f"undecodable bytes: {exc.reason}")
        return
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        yield _from_html(text, path, encoding)
    elif suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield _from_json_line(line, path, number, encoding)
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield InputError(path.stem, str(path), f"broken JSON: {exc.msg} at line {exc.lineno}")
            return
        items = data if isinstance(data, list) else [data]
        for number, item in enumerate(items, 1):
            default_id = f"{path.stem}:{number}" if isinstance(data, list) else path.stem
            yield _from_object(item, default_id, path, encoding, number if isinstance(data, list) else None)
    else:  # .txt, .md, or any file named explicitly
        body, changed = normalise_newlines(text)
        info = InputInfo(path=str(path), format="text", encoding=encoding, newlines_normalised=changed)
        yield ArticleInput(text=body, id=path.stem, source=str(path), input=info)


def json_file_count(path: Path) -> int:
    """Return how many items ``read_file`` yields for a .json file: the list's length, else 1 (an object or an error)."""
    try:
        data = json.loads(decode(path.read_bytes())[0])
    except (OSError, ValueError):
        return 1
    return len(data) if isinstance(data, list) else 1


def _from_html(html: str, path: Path, encoding: str) -> ArticleInput | InputError:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return InputError(path.stem, str(path), f"HTML not parsed: {type(exc).__name__}: {exc}")
    body = getattr(document, "text", None) if document is not None else None
    if not body or len(body.split()) < MIN_HTML_WORDS:
        # trafilatura's fallbacks return page furniture ("Activez JavaScript…",
        # a menu) when there is no article: too few words is no article
        return InputError(path.stem, str(path), "HTML with no article body")
    title = getattr(document, "title", None)
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    body, changed = normalise_newlines(body)
    info = InputInfo(path=str(path), format="html", encoding=encoding, title=title, newlines_normalised=changed)
    return ArticleInput(text=body, id=path.stem, published=getattr(document, "date", None), source=str(path), input=info)


def _from_json_line(line: str, path: Path, number: int, encoding: str) -> ArticleInput | InputError:
    default_id = f"{path.stem}:{number}"
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(default_id, f"{path}:{number}", f"broken JSON line: {exc.msg}")
    return _from_object(item, default_id, path, encoding, number)


def _from_object(
    item: object, default_id: str, path: Path, encoding: str, line: int | None
) -> ArticleInput | InputError:
    where = f"{path}:{line}" if line else str(path)
    if not isinstance(item, dict):
        return InputError(default_id, where, "a JSON article must be an object with a 'text' key")
    article_id = str(item["id"]) if item.get("id") not in (None, "") else default_id
    if "text" not in item:
        return InputError(article_id, where, "no 'text' key")
    if not isinstance(item["text"], str):
        return InputError(article_id, where, f"'text' is a {type(item['text']).__name__}, not a string")
    # A JSON text is taken exactly as given: offsets index it, newlines included.
    published = item.get("published")
    info = InputInfo(path=str(path), format="json", encoding=encoding, line=line)
    return ArticleInput(
        text=item["text"],
        id=article_id,
        published=published if isinstance(published, str) else None,
        source=str(path),
        input=info,
    )


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[ArticleInput | InputError]:
    """Yield every article (or input error) under ``paths``, in a stable order."""
    for item in walk(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item)
