"""Read articles from files and folders; write records as JSON Lines.

One bad article never stops a run: every input becomes either an
`ArticleInput` or an `InputError` that says which file (and line) failed and
why, and the caller counts both.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extractor.api import ArticleInput

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md"}
JSON_SUFFIXES = {".json", ".jsonl"}
SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES


@dataclass(frozen=True)
class InputError:
    """An input that could not become an article."""

    id: str
    path: str
    reason: str


def walk(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Yield the article files under ``paths`` in a stable order.

    Folders are walked recursively in sorted order; hidden files and folders
    are skipped, and so are symlinked folders already visited (loops).
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield InputError(str(path), str(path), "no such file or folder")
        elif path.is_dir():
            yield from _walk_dir(path, set())
        else:
            yield path


def _walk_dir(folder: Path, seen: set[str]) -> Iterator[Path]:
    real = os.path.realpath(folder)
    if real in seen:
        logger.warning("skipping %s: symlink loop", folder)
        return
    seen = seen | {real}
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        logger.warning("cannot list %s: %s", folder, exc)
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
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise error
        return str(best), best.encoding


def read_file(path: Path) -> Iterator[ArticleInput | InputError]:
    """Yield the articles of one file (or the errors that replace them)."""
    try:
        text, encoding = decode(path.read_bytes())
    except (OSError, UnicodeDecodeError) as exc:
        yield InputError(path.stem, str(path), f"unreadable: {exc}")
        return
    if "\x00" in text:
        yield InputError(path.stem, str(path), "binary data (NUL bytes), not text")
        return
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield ArticleInput(text=text, id=path.stem, source=str(path))
    elif suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield _from_json(line, f"{path.stem}:{number}", path, number)
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield InputError(path.stem, str(path), f"broken JSON: {exc}")
            return
        items = data if isinstance(data, list) else [data]
        for number, item in enumerate(items, 1):
            yield _from_object(item, f"{path.stem}:{number}" if isinstance(data, list) else path.stem, path)
    else:
        yield InputError(path.stem, str(path), f"unsupported file type {suffix!r}")


def _from_json(line: str, default_id: str, path: Path, number: int) -> ArticleInput | InputError:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(default_id, f"{path}:{number}", f"broken JSON line: {exc.msg}")
    return _from_object(item, default_id, path)


def _from_object(item: object, default_id: str, path: Path) -> ArticleInput | InputError:
    if not isinstance(item, dict):
        return InputError(default_id, str(path), "a JSON article must be an object with a 'text' key")
    article_id = str(item.get("id") or default_id)
    if "text" not in item:
        return InputError(article_id, str(path), "no 'text' key")
    if not isinstance(item["text"], str):
        return InputError(article_id, str(path), f"'text' is a {type(item['text']).__name__}, not a string")
    published = item.get("published")
    return ArticleInput(
        text=item["text"],
        id=article_id,
        published=published if isinstance(published, str) else None,
        source=str(path),
    )


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[ArticleInput | InputError]:
    """Yield every article (or input error) under ``paths``, in a stable order."""
    for item in walk(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item)
