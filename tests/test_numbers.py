"""extractor.parsing.numbers: French count expressions, with rows that must not match."""

from __future__ import annotations

import pytest

from extractor.parsing.numbers import find_numbers, parse_count, parse_words
from extractor.resources import load_lexicon


@pytest.fixture(scope="module")
def vocabulary():
    numbers = load_lexicon("numbers")
    scales = {word: scale.value for scale in numbers.scales for word in scale.words}
    return scales, tuple(numbers.number_words), tuple(numbers.lone_words_not_counts)


COUNTS = [
    ("1.900", 1900),
    ("54 000", 54000),  # U+0020
    ("54\u00a0000", 54000),  # no-break space
    ("54\u202f000", 54000),  # narrow no-break space
    ("1 234 567", 1234567),
    ("300", 300),
    ("1,5 million", 1_500_000),
    ("2,3 millions", 2_300_000),
    ("2,5 milliards", 2_500_000_000),
    ("un milliard", 1_000_000_000),
    ("10M", 10_000_000),
    ("3,5M", 3_500_000),
    ("100 000+", 100_000),
    ("cinquante mille", 50_000),
    ("septante mille", 70_000),
    ("nonante-cinq mille", 95_000),
    ("deux cent mille", 200_000),
]


@pytest.mark.parametrize("text, expected", COUNTS)
def test_parse_count_reads_french_counts(vocabulary, text, expected):
    scales, _, _ = vocabulary
    assert parse_count(text, scales) == expected


@pytest.mark.parametrize("text, expected", COUNTS)
def test_find_numbers_finds_the_whole_expression(vocabulary, text, expected):
    scales, words, lone = vocabulary
    found = find_numbers(text, scales, words, lone)
    assert [(n.start, n.end, n.value) for n in found] == [(0, len(text), expected)]
    assert found[0].plus is text.endswith("+")


@pytest.mark.parametrize(
    "text",
    [
        "la 5G",
        "4,99",  # not a whole count
        "0,5",
        "5G",
    ],
)
def test_parse_count_rejects_non_counts(vocabulary, text):
    scales, _, _ = vocabulary
    assert parse_count(text, scales) is None


@pytest.mark.parametrize(
    "text",
    [
        "la 5G",
        "4,99",
        "une",  # a lone article is no count
        "un",
        "une application a été lancée",
        "le forfait coûte 4,99",
        "le réseau 5G",
        "et",
    ],
)
def test_find_numbers_finds_nothing(vocabulary, text):
    scales, words, lone = vocabulary
    assert find_numbers(text, scales, words, lone) == []


def test_find_numbers_reads_each_figure_of_a_sentence_in_order(vocabulary):
    scales, words, lone = vocabulary
    text = "Les inscriptions sont passées de 300 à 58\u00a0000, puis à un milliard."
    found = find_numbers(text, scales, words, lone)
    assert [(text[n.start : n.end], n.value) for n in found] == [
        ("300", 300),
        ("58\u00a0000", 58000),
        ("un milliard", 1_000_000_000),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("cinquante mille", 50000),
        ("septante mille", 70000),
        ("quatre-vingt-dix mille", 90000),
        ("un milliard", 1_000_000_000),
        ("pomme", None),
    ],
)
def test_parse_words_reads_number_words(text, expected):
    assert parse_words(text) == expected
