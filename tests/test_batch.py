"""Batch runs (issue 4): bad inputs, encodings, long texts, workers, resume, errors sidecar.

Every bad-input test puts the odd file in a folder next to a good article and
runs the whole batch, then checks three things: the odd file's expected
outcome (a record, with what it notes, or a stated error), that the batch
accounts for every article (records + errors == articles in), and that the
good article's record is there with its claim.
"""

from __future__ import annotations

import functools
import json
import os
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, read_jsonl
from extractor import runner as runner_module
from extractor.batch import decode
from extractor.cli import app
from extractor.runner import done_ids, run_batch

DEV = ROOT / "corpus" / "texts" / "dev"

GOOD = "L'application Plumo a été téléchargée 12.000 fois hier, selon Sensor Tower."
GOOD_CLAIMS = [("Plumo", 12000)]
CNIL = "La CNIL a publié le 3 mars 2021 un avis sur la messagerie Olvid, téléchargée 40.000 fois."
ENGLISH = (
    "The messaging app Signal was downloaded more than 7.5 million times in the week after WhatsApp "
    "changed its privacy policy, according to Sensor Tower. This is what the company said on Monday, "
    "and it is not the first time that the app has seen such growth."
)


def dev_texts(count: int | None = None) -> list[Path]:
    """Return the first ``count`` dev corpus texts, in name order."""
    return sorted(DEV.glob("*.txt"))[:count]


# -- helpers -------------------------------------------------------------------


def spans_of(record: dict) -> list[tuple[int, int, str]]:
    """Return (start, end, text) of every date, claim and entity mention of a record."""
    spans = [(d["start"], d["end"], d["text"]) for d in record["dates"]]
    spans += [(c["start"], c["end"], c["text"]) for c in record["claims"] if c["start"] is not None]
    spans += [(m["start"], m["end"], m["text"]) for e in record["entities"] for m in e["mentions"]]
    return spans


def assert_spans_slice(record: dict) -> None:
    """Assert that every span of a record (run with include_text) is its text at its offsets."""
    text = record["text"]
    assert text is not None, "run with include_text"
    for start, end, span in spans_of(record):
        assert text[start:end] == span, (record["id"], start, end, span, text[start:end])


def claims_of(record: dict) -> list[tuple[str | None, int]]:
    return [(c["app"], c["count"]) for c in record["claims"]]


def run_folder(tmp_path: Path, files: dict[str, bytes | str], *, articles: int, good: bool = True):
    """Write ``files`` (and a good article) into a folder, run the batch, check the accounting.

    Returns the records by id and the errors (as written to the sidecar).
    """
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    if good:
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    output, errors_path = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    summary = run_batch([folder], output=output, errors_path=errors_path, include_text=True, workers=1)
    records = read_jsonl(output)
    errors = read_jsonl(errors_path)
    # Nothing lost: every article in is a record or a reported error.
    assert summary.articles == articles, summary.line()
    assert (summary.records, summary.errors, summary.skipped) == (len(records), len(errors), 0), summary.line()
    assert len(records) + len(errors) == articles, (records, errors)
    assert len({r["id"] for r in records}) == len(records), "an article was written twice"
    by_id = {record["id"]: record for record in records}
    if good:
        assert claims_of(by_id["good"]) == GOOD_CLAIMS
        assert by_id["good"]["warnings"] == []
    for record in records:
        assert_spans_slice(record)
    return by_id, errors


def only_error(errors: list[dict], article_id: str) -> dict:
    matching = [e for e in errors if e["id"] == article_id]
    assert len(matching) == 1, errors
    return matching[0]


# -- empty, blank, binary ------------------------------------------------------


def test_batch_empty_file_is_a_record_with_a_warning(tmp_path):
    records, errors = run_folder(tmp_path, {"empty.txt": b""}, articles=2)
    assert errors == []
    assert records["empty"]["text"] == ""
    assert records["empty"]["warnings"] == ["empty text: nothing to extract"]


def test_batch_blanks_only_is_a_record_with_an_empty_text_warning(tmp_path):
    records, errors = run_folder(tmp_path, {"blanks.txt": " \n\t  \r\n\u00a0 \n".encode()}, articles=2)
    assert errors == []
    record = records["blanks"]
    assert any("empty text" in warning for warning in record["warnings"]), record["warnings"]
    assert (record["entities"], record["dates"], record["claims"]) == ([], [], [])


def test_batch_random_bytes_are_an_undecodable_error(tmp_path):
    rng = random.Random(7)
    garbage = bytes(rng.randrange(1, 256) for _ in range(4096))  # no NUL: goes through decoding
    records, errors = run_folder(tmp_path, {"garbage.txt": garbage}, articles=2)
    assert "garbage" not in records
    error = only_error(errors, "garbage")
    assert error["reason"].startswith("undecodable bytes"), error
    assert error["path"].endswith("garbage.txt")


def test_batch_nul_bytes_are_a_binary_data_error(tmp_path):
    data = GOOD.encode("utf-8")
    records, errors = run_folder(tmp_path, {"nul.txt": data[:20] + b"\x00\x00\x00" + data[20:]}, articles=2)
    assert "nul" not in records
    assert "binary data" in only_error(errors, "nul")["reason"]


# -- encodings -----------------------------------------------------------------


def _cut_in_last_e_acute(text: str) -> tuple[bytes, str]:
    """Return the UTF-8 bytes of ``text`` cut inside its last "é", and the text before the cut."""
    data = text.encode("utf-8")
    cut = data.rfind("é".encode("utf-8")) + 1  # keep the first byte of the two
    return data[:cut], data[: cut - 1].decode("utf-8")


def test_batch_truncated_utf8_is_a_record_with_its_encoding_noted(tmp_path):
    source = dev_texts(1)[0]
    data, _before = _cut_in_last_e_acute(source.read_text(encoding="utf-8"))
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    records, errors = run_folder(tmp_path, {"truncated.txt": data}, articles=2)
    assert errors == []
    info = records["truncated"]["input"]
    assert info["format"] == "text"
    assert info["encoding"], info  # read by detection, and the record says with what
    assert info["encoding"] != "utf-8"


def test_batch_cp1252_with_accents_is_a_record(tmp_path):
    source = dev_texts(1)[0]
    text = source.read_text(encoding="utf-8")
    records, errors = run_folder(tmp_path, {"latin.txt": text.encode("cp1252")}, articles=2)
    assert errors == []
    record = records["latin"]
    assert record["input"]["encoding"] not in ("utf-8", "utf-8-sig", None)
    assert "é" in record["text"]
    assert record["text"] == text


def test_batch_utf16_with_bom_is_a_record(tmp_path):
    records, errors = run_folder(tmp_path, {"wide.txt": CNIL.encode("utf-16")}, articles=2)
    assert errors == []
    record = records["wide"]
    assert record["input"]["encoding"] == "utf-16"
    assert record["text"] == CNIL
    assert [(d["text"], d["value"]) for d in record["dates"]] == [("3 mars 2021", "2021-03-03")]


def test_batch_utf8_bom_is_a_record_with_offsets_true_to_the_text(tmp_path):
    records, errors = run_folder(tmp_path, {"bom.txt": b"\xef\xbb\xbf" + CNIL.encode("utf-8")}, articles=2)
    assert errors == []
    record = records["bom"]
    assert record["input"]["encoding"] == "utf-8-sig"
    assert record["text"] == CNIL  # no U+FEFF left in front to shift the offsets
    cnil = next(e for e in record["entities"] if e["name"] == "CNIL")
    assert [(m["start"], m["end"]) for m in cnil["mentions"]] == [(3, 7)]
    assert [(d["start"], d["end"]) for d in record["dates"]] == [(CNIL.index("3 mars"), CNIL.index(" un avis"))]


def test_batch_crlf_is_normalised_and_offsets_slice_the_record_text(tmp_path):
    """Through the CLI with --include-text: the record's text is the LF text its offsets index."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    crlf = f"{CNIL}\r\n\r\n{GOOD}\r\nCrédits : AFP\r\n"
    (folder / "crlf.txt").write_bytes(crlf.encode("utf-8"))
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["run", str(folder), "-o", str(output), "--include-text", "--workers", "1", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert "2 articles, 2 records, 0 errors" in result.stderr
    records = {r["id"]: r for r in read_jsonl(output)}
    assert claims_of(records["good"]) == GOOD_CLAIMS
    record = records["crlf"]
    assert record["input"]["newlines_normalised"] is True
    assert record["text"] == crlf.replace("\r\n", "\n")
    assert "\r" not in record["text"]
    assert spans_of(record), "nothing found to check the offsets with"
    assert_spans_slice(record)
    assert ("Plumo", 12000) in claims_of(record)
    assert records["good"]["input"]["newlines_normalised"] is False


def test_batch_zero_width_characters_keep_offsets_right(tmp_path):
    text = (
        "La CN\u200bIL a publié le 3 ma\u200brs 2021 un avis sur l'appli\u200bcation Olvid, "
        "télé\u200bchargée 40.000 fois selon Sensor\u200b Tower.\u200b"
    )
    records, errors = run_folder(tmp_path, {"zw.txt": text}, articles=2)
    assert errors == []
    record = records["zw"]
    assert record["text"] == text
    assert spans_of(record), "nothing found to check the offsets with"
    assert_spans_slice(record)


# -- a long text ---------------------------------------------------------------


def test_batch_2mb_article_is_processed_not_dropped(tmp_path):
    source = dev_texts(1)[0].read_text(encoding="utf-8").strip()
    copies = 2_000_000 // len(source) + 1
    big = "\n\n".join([source] * copies)
    assert len(big) > 2_000_000
    records, errors = run_folder(tmp_path, {"big.txt": big}, articles=2)
    assert errors == []
    record = records["big"]
    assert record["text"] == big
    assert any(w.startswith("long text (") for w in record["warnings"]), record["warnings"]
    assert record["claims"] and record["dates"] and record["entities"]
    # spans were already checked to slice right by run_folder; check they cover the whole text too
    assert max(end for _start, end, _text in spans_of(record)) > len(big) - len(source)


# -- HTML ----------------------------------------------------------------------

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Plumo dépasse les 12.000 téléchargements</title>
<meta property="og:title" content="Plumo dépasse les 12.000 téléchargements">
<meta property="article:published_time" content="2021-03-17T09:00:00+01:00">
</head><body>
<nav><a href="/">Accueil</a> <a href="/tech">Tech</a></nav>
<article><h1>Plumo dépasse les 12.000 téléchargements</h1>
<p>L'application Plumo a été téléchargée 12.000 fois en une semaine, selon Sensor Tower. La start-up
lyonnaise ne s'attendait pas à un tel succès pour son premier lancement.</p>
<p>La CNIL a publié le 3 mars 2021 un avis sur la messagerie Olvid, que les fondateurs de Plumo citent
comme modèle pour la protection des données de leurs utilisateurs.</p>
<p>Les développeurs prévoient une version pour tablettes avant la fin de l'année, et une levée de fonds
est en préparation auprès d'investisseurs français.</p>
</article><footer>© 2021 Le Journal</footer></body></html>"""


def test_batch_html_article_is_a_record_with_title_and_date(tmp_path):
    records, errors = run_folder(tmp_path, {"page.html": ARTICLE_HTML}, articles=2)
    assert errors == []
    record = records["page"]
    assert record["input"]["format"] == "html"
    assert record["input"]["title"] == "Plumo dépasse les 12.000 téléchargements"
    assert record["published"] == "2021-03-17"
    assert "L'application Plumo a été téléchargée 12.000 fois en une semaine" in record["text"]
    assert "Olvid" in record["text"]
    assert "Accueil" not in record["text"] and "Le Journal" not in record["text"]
    assert ("Plumo", 12000) in claims_of(record)


NO_BODY_PAGES = {
    "empty-body": "<html><head><title>Page vide</title></head><body></body></html>",
    "js-shell": """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Le Journal – Actualités tech</title></head>
<body><div id="root"></div><noscript>Activez JavaScript pour utiliser ce site.</noscript>
<script src="/app.js"></script></body></html>""",
    "site-chrome": """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Le Journal – Actualités tech</title></head>
<body><header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/tech">Tech</a></li>
<li><a href="/apps">Applis</a></li></ul></nav></header><main></main>
<footer><p>© 2021 Le Journal. Tous droits réservés.</p><a href="/mentions">Mentions légales</a></footer>
</body></html>""",
}


@pytest.mark.parametrize("name", list(NO_BODY_PAGES))
def test_batch_html_without_article_body_is_an_error(tmp_path, name):
    records, errors = run_folder(tmp_path, {f"{name}.html": NO_BODY_PAGES[name]}, articles=2)
    assert name not in records, records.get(name, {}).get("text")
    assert only_error(errors, name)["reason"] == "HTML with no article body"


# -- JSON and JSON Lines -------------------------------------------------------


def test_batch_json_without_text_is_an_error(tmp_path):
    records, errors = run_folder(tmp_path, {"notext.json": json.dumps({"id": "nt", "titre": GOOD})}, articles=2)
    assert "nt" not in records
    error = only_error(errors, "nt")
    assert error["reason"] == "no 'text' key"
    assert error["path"].endswith("notext.json")


@pytest.mark.parametrize("value, type_name", [(42, "int"), (["un", "texte"], "list"), (None, "NoneType")])
def test_batch_json_text_not_a_string_is_an_error_naming_the_type(tmp_path, value, type_name):
    records, errors = run_folder(tmp_path, {"bad.json": json.dumps({"id": "x", "text": value})}, articles=2)
    assert "x" not in records
    reason = only_error(errors, "x")["reason"]
    assert type_name in reason and "not a string" in reason, reason


def test_batch_broken_json_file_is_an_error(tmp_path):
    records, errors = run_folder(tmp_path, {"broken.json": '{"id": "br", "text": "La CNIL a'}, articles=2)
    assert "br" not in records and "broken" not in records
    assert only_error(errors, "broken")["reason"].startswith("broken JSON")


def test_batch_malformed_line_in_jsonl_is_an_error_for_that_line_only(tmp_path):
    lines = [
        json.dumps({"id": "l1", "text": GOOD}, ensure_ascii=False),
        '{"id": "l2", "text": "La CNIL a publié',
        json.dumps({"id": "l3", "text": CNIL, "published": "2021-03-17"}, ensure_ascii=False),
        json.dumps({"text": CNIL}, ensure_ascii=False),
    ]
    records, errors = run_folder(tmp_path, {"feed.jsonl": "\n".join(lines) + "\n"}, articles=5)
    error = only_error(errors, "feed:2")
    assert error["path"].endswith("feed.jsonl:2")
    assert error["reason"].startswith("broken JSON line")
    assert len(errors) == 1
    assert claims_of(records["l1"]) == GOOD_CLAIMS
    assert records["l3"]["published"] == "2021-03-17"
    assert [d["value"] for d in records["l3"]["dates"]] == ["2021-03-03"]
    assert records["feed:4"]["input"]["line"] == 4


# -- walking folders -----------------------------------------------------------


def test_batch_symlink_loop_is_skipped_and_files_read_once(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    os.symlink("..", folder / "sub" / "up")  # in/sub/up -> in: a loop
    os.symlink(".", folder / "sub" / "self")  # in/sub/self -> in/sub: a loop
    records, errors = run_folder(tmp_path, {"sub/inner.txt": CNIL}, articles=2)
    assert errors == []
    assert set(records) == {"good", "inner"}
    assert records["inner"]["input"]["path"] == str(folder / "sub" / "inner.txt")


def test_batch_hidden_files_and_folders_are_skipped(tmp_path):
    files = {".cache.txt": CNIL, ".git/objet.txt": CNIL, "visible.txt": CNIL}
    records, errors = run_folder(tmp_path, files, articles=2)
    assert errors == []
    assert set(records) == {"good", "visible"}


def test_batch_english_article_is_a_record_with_a_warning(tmp_path):
    records, errors = run_folder(tmp_path, {"english.txt": ENGLISH}, articles=2)
    assert errors == []
    warnings = records["english"]["warnings"]
    assert any("English" in warning for warning in warnings), warnings
    assert not any("English" in warning for warning in records["good"]["warnings"])


# -- workers, resume, errors sidecar -------------------------------------------


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory) -> Path:
    """Ten dev corpus texts and one broken JSON file, sorted among them."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in dev_texts(10):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "a03-broken.json").write_text('{"id": "cassé", "text": ', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def uninterrupted(corpus_folder, tmp_path_factory):
    """The output and errors files of one uninterrupted run over the corpus folder, one worker."""
    out = tmp_path_factory.mktemp("full")
    output, errors = out / "out.jsonl", out / "errors.jsonl"
    summary = run_batch([corpus_folder], output=output, errors_path=errors, workers=1)
    assert (summary.articles, summary.records, summary.errors) == (11, 10, 1), summary.line()
    return output.read_bytes(), errors.read_bytes()


def test_batch_output_is_identical_whatever_the_number_of_workers(corpus_folder, uninterrupted, tmp_path, monkeypatch):
    # Batches of 2 articles, so that both workers get some and the order has to be restored.
    monkeypatch.setattr(runner_module, "process", functools.partial(runner_module.process, batch_size=2))
    output, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    summary = run_batch([corpus_folder], output=output, errors_path=errors, workers=2)
    assert (summary.articles, summary.records, summary.errors) == (11, 10, 1), summary.line()
    one_worker_output, one_worker_errors = uninterrupted
    assert output.read_bytes() == one_worker_output
    assert errors.read_bytes() == one_worker_errors
    ids = [json.loads(line)["id"] for line in one_worker_output.decode("utf-8").splitlines()]
    assert ids == [path.stem for path in dev_texts(10)]


def test_batch_resume_after_an_interruption_equals_an_uninterrupted_run(corpus_folder, uninterrupted, tmp_path):
    full, _errors = uninterrupted
    lines = full.splitlines(keepends=True)
    half = len(lines) // 2
    output = tmp_path / "out.jsonl"
    output.write_bytes(b"".join(lines[:half]) + lines[half][: len(lines[half]) // 2])  # killed mid-write
    summary = run_batch([corpus_folder], output=output, errors_path=tmp_path / "errors.jsonl", workers=1, resume=True)
    assert output.read_bytes() == full
    assert summary.skipped == half
    assert summary.records == len(lines) - half
    assert summary.articles == summary.skipped + summary.records + summary.errors == 11


def test_batch_errors_sidecar_has_id_path_reason(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.json").write_text(json.dumps({"id": "sans-texte"}), encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\x00\x01\x02binaire")
    (folder / "d.jsonl").write_text(json.dumps({"id": "d1", "text": CNIL}) + "\n{oups\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["run", str(folder), "-o", str(output), "--workers", "1", "--quiet"])
    assert result.exit_code == 1, result.output  # finished, but some inputs were errors
    assert "5 articles, 2 records, 3 errors" in result.stderr
    assert [(r["id"], claims_of(r)) for r in read_jsonl(output)] == [("a", GOOD_CLAIMS), ("d1", [("Olvid", 40000)])]
    sidecar = tmp_path / "out.errors.jsonl"  # the default next to -o
    errors = read_jsonl(sidecar)
    assert [set(error) for error in errors] == [{"id", "path", "reason"}] * 3
    assert [(e["id"], e["path"], e["reason"]) for e in errors] == [
        ("sans-texte", str(folder / "b.json"), "no 'text' key"),
        ("c", str(folder / "c.txt"), "binary data (NUL bytes), not text"),
        ("d:2", f"{folder / 'd.jsonl'}:2", errors[2]["reason"]),
    ]
    assert errors[2]["reason"].startswith("broken JSON line")


def test_batch_all_records_exit_zero(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(folder), "-o", str(tmp_path / "out.jsonl"), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert "1 articles, 1 records, 0 errors" in result.stderr
    assert read_jsonl(tmp_path / "out.errors.jsonl") == []


def test_done_ids_cuts_a_half_written_last_line(tmp_path):
    output = tmp_path / "out.jsonl"
    record_a = {"id": "a", "claims": [], "input": {"path": "x/a.txt", "format": "text", "line": None}}
    record_b = {"id": "b", "claims": [], "input": {"path": "x/b.jsonl", "format": "json", "line": 3}}
    whole = json.dumps(record_a) + "\n" + json.dumps(record_b) + "\n"
    output.write_bytes(whole.encode() + b'{"id": "c", "cla')
    expected = {("a", "x/a.txt", None), ("b", "x/b.jsonl", 3)}  # id, file and line: ids alone may repeat
    assert done_ids(output) == expected
    assert output.read_bytes() == whole.encode()  # the file itself is cut, so appending starts clean
    assert done_ids(output) == expected  # and a whole file is left alone
    assert output.read_bytes() == whole.encode()


def test_done_ids_of_a_single_partial_line_or_no_file(tmp_path):
    output = tmp_path / "out.jsonl"
    assert done_ids(output) == set()
    output.write_bytes(b'{"id": "a", "cla')
    assert done_ids(output) == set()
    assert output.read_bytes() == b""


# -- beyond the brief: sweeps and edge cases found while writing the tests -----


def test_decode_reads_every_cp1252_dev_text():
    """Every dev text that cp1252 can encode must come back identical (the corpus is French)."""
    wrong = []
    for path in dev_texts():
        text = path.read_text(encoding="utf-8")
        try:
            data = text.encode("cp1252")
        except UnicodeEncodeError:
            continue
        decoded, encoding = decode(data)
        if decoded != text:
            bad = sorted({(a, b) for a, b in zip(text, decoded) if a != b})[:3]
            wrong.append(f"{path.name}: read as {encoding}, {bad}")
    assert wrong == []


def test_decode_reads_truncated_utf8_dev_texts_up_to_the_cut():
    """A UTF-8 file cut inside a character (a truncated download) keeps the text before the cut."""
    wrong = []
    for path in dev_texts():
        data, before = _cut_in_last_e_acute(path.read_text(encoding="utf-8"))
        try:
            decoded, encoding = decode(data)
        except UnicodeDecodeError as exc:
            wrong.append(f"{path.name}: undecodable ({exc.reason})")
            continue
        if not decoded.startswith(before):
            wrong.append(f"{path.name}: read as {encoding}, {decoded[:60]!r}")
    assert wrong == [], f"{len(wrong)} of {len(dev_texts())}: {wrong[:5]}"


def test_batch_resume_does_not_duplicate_errors_in_the_sidecar(corpus_folder, uninterrupted, tmp_path):
    """Interrupted after the broken file: the resumed run's sidecar equals the uninterrupted one's."""
    full, full_errors = uninterrupted
    lines = full.splitlines(keepends=True)
    output, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    output.write_bytes(b"".join(lines[:5]))  # a01..a05 written, so the a03 error was reported too
    errors.write_bytes(full_errors)
    run_batch([corpus_folder], output=output, errors_path=errors, workers=1, resume=True)
    assert output.read_bytes() == full
    assert errors.read_text(encoding="utf-8").splitlines() == full_errors.decode("utf-8").splitlines()


def test_batch_resume_with_two_articles_sharing_an_id(tmp_path):
    """Two files with the same name in two folders: resume must not skip the second for the first."""
    folder = tmp_path / "in"
    (folder / "2021").mkdir(parents=True)
    (folder / "2022").mkdir()
    (folder / "2021" / "index.txt").write_text(GOOD, encoding="utf-8")
    (folder / "2022" / "index.txt").write_text(CNIL, encoding="utf-8")
    full = tmp_path / "full.jsonl"
    run_batch([folder], output=full, workers=1)
    lines = full.read_bytes().splitlines(keepends=True)
    assert len(lines) == 2
    output = tmp_path / "out.jsonl"
    output.write_bytes(lines[0])  # interrupted after the first
    summary = run_batch([folder], output=output, workers=1, resume=True)
    assert [(r["id"], r["source"]) for r in read_jsonl(output)] == [(r["id"], r["source"]) for r in read_jsonl(full)]
    assert (summary.skipped, summary.records) == (1, 1), summary.line()
    assert output.read_bytes() == full.read_bytes()
