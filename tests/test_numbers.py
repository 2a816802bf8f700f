"""find_numbers: one row per number form and qualifier, and the numbers it must not read."""

from __future__ import annotations

import pytest

from dossier.analyse.numbers import find_numbers
from dossier.model import MEASURE_UNITS, FuzzyDate, describe_value

REF = FuzzyDate(2025, 4, 24)


@pytest.mark.parametrize(
    "sentence, value, value_max, qualifier, unit",
    [
        ("There are 12 000 soldiers.", 12000, None, "exact", None),
        ("Some 11,000 troops were deployed.", 11000, None, "approx", None),
        ("Almost 2 700 have been wounded.", 2700, None, "almost", None),
        ("The economy grew 2.7 percent.", 2.7, None, "exact", "percent"),
        ("Twelve people died.", 12, None, "exact", None),
        ("including 500 officers and three generals", 3, None, "exact", None),
        ("a twenty-five metre wave", 25, None, "exact", None),
        ("capable of carrying a one-tonne warhead", 1, None, "exact", "tonne"),
        ("North Korea earned more than $20 billion.", 20e9, None, "more_than", "USD"),
        ("a €3m grant", 3e6, None, "exact", "EUR"),
        ("1.5 million people fled", 1.5e6, None, "exact", None),
        # South Asian copy: lakh and crore, digits grouped in twos, rupees whose country the code names
        ("Half a million people fled.", 5e5, None, "exact", None),
        ("three-quarters of a million homes", 7.5e5, None, "exact", None),
        ("Floods displaced 1.5 lakh people.", 1.5e5, None, "exact", None),
        ("Over 2,00,000 people were affected.", 2e5, None, "more_than", None),
        ("The state announced Rs 500 crore in relief.", 5e9, None, "exact", "rupees"),
        ("a fund of ₹2,500 crore", 2.5e10, None, "exact", "INR"),
        ("aid worth 10 billion Pakistani rupees", 1e10, None, "exact", "PKR"),
        ("an estimated £2.4bn in damage", 2.4e9, None, "approx", "GBP"),
        ("10,000 to 12,000 protesters", 10000, 12000, "range", None),
        ("10,000-12,000 protesters", 10000, 12000, "range", None),
        ("between 10 and 12 people", 10, 12, "range", None),
        ("damage of $10-12 billion", 10e9, 12e9, "range", "USD"),
        ("The number of injured has exceeded 100.", 100, None, "more_than", None),
        ("over 200 drones", 200, None, "more_than", None),
        ("upwards of 300 homes", 300, None, "more_than", None),
        ("in excess of 40 villages", 40, None, "more_than", None),
        ("at least 12 people", 12, None, "at_least", None),
        ("no fewer than 30 people", 30, None, "at_least", None),
        ("about 60,000 people", 60000, None, "approx", None),
        ("approximately 12 000 soldiers", 12000, None, "approx", None),
        ("around 25,000 rescuers", 25000, None, "approx", None),
        ("roughly 250 homes", 250, None, "approx", None),
        ("nearly 1,200 people", 1200, None, "almost", None),
        ("just under 900 homes", 900, None, "almost", None),
        ("up to 23 million people", 23e6, None, "up_to", None),
        ("as many as 300 people", 300, None, "up_to", None),
        ("under 20,000 people", 20000, None, "up_to", None),
        ("no more than 3,000 barrels", 3000, None, "up_to", None),
        ("not more than 40 people", 40, None, "up_to", None),
        ("a share below 45%", 45, None, "up_to", "percent"),
        ("100 or more people", 100, None, "at_least", None),
        ("a dozen houses", 12, None, "approx", None),
        ("turnout of 61 per cent", 61, None, "exact", "percent"),
        # currencies written after the amount, with or without the adjective naming them
        ("profit of 3.1 billion Swedish crowns", 3.1e9, None, "exact", "SEK"),
        ("a fine of 5 million Swiss francs", 5e6, None, "exact", "CHF"),
        ("revenue of 41.7 billion crowns", 41.7e9, None, "exact", "crowns"),
        ("sales of 12 billion yuan", 12e9, None, "exact", "CNY"),
        ("more than 450,000 levs in cash", 450000, None, "more_than", "BGN"),
        ("a HK$3 billion deal", 3e9, None, "exact", "HKD"),
        ("10-12% of voters", 10, 12, "range", "percent"),
    ],
)
def test_number_forms(sentence, value, value_max, qualifier, unit):
    found = find_numbers(sentence, REF)
    assert found, sentence
    number = found[-1] if "three generals" in sentence else found[0]
    assert number.value == pytest.approx(value)
    assert number.value_max == (None if value_max is None else pytest.approx(value_max))
    assert (number.qualifier, number.unit) == (qualifier, unit)


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia attacked Kyiv on the night of April 24.",
        "Ukrainian intelligence reported on October 24, 2024, that soldiers had arrived.",
        "A 2024 defense treaty is active.",
        "The KN-23 and the Su-34 are Russian-made.",
        "North Korea sent M1991 rocket launchers.",
        "The G7 met in Rome.",
        "The first soldiers arrived on the 24th.",
        "The sirens sounded at 10:30 and again at 3 pm.",
        "The search for Flight 370 was suspended.",
        "Between 2023-01-01 and 2024-05-02 nothing changed.",
        "the 1990s were quiet",
        "a 5km exclusion zone",
    ],
)
def test_must_not_extract(sentence):
    assert find_numbers(sentence, REF) == []


@pytest.mark.parametrize("sentence", [
    "The grid operator said on 14 March that it would bring forward repairs.",
    "Trade has halved since the old road bridge collapsed on 13 March.",
    "PORT VARNA, March 16 — The coast road will reopen on Wednesday.",
])
def test_a_day_without_a_year_is_no_count_in_an_undated_article(sentence):
    """No reference date: "14 March" cannot be resolved to a date, but it is still no count."""
    assert find_numbers(sentence, None) == []


def test_span_and_text_cover_the_qualifier():
    sentence = "Kyiv estimates that more than 11,000 North Korean troops have been deployed."
    (number,) = find_numbers(sentence, REF)
    assert number.text == "more than 11,000"
    assert sentence[number.start:number.end] == number.text
    assert sentence[number.number_start:number.number_end] == "11,000"


def test_rose_from_to_is_not_a_range():
    values = [(n.value, n.value_max) for n in find_numbers("The toll rose from 10 to 12.", REF)]
    assert values == [(10, None), (12, None)]


def test_a_change_then_a_level_is_not_a_range():
    found = find_numbers("Revenue slipped 9% to 41.7 billion crowns.", REF)
    assert [(n.value, n.value_max, n.unit) for n in found] == [(9, None, "percent"), (41.7e9, None, "crowns")]


def test_a_descent_is_not_a_range():
    found = find_numbers("The party fell 38 to 12 seats.", REF)
    assert [(n.value, n.value_max) for n in found] == [(38, None), (12, None)]


def test_a_bracketed_conversion_keeps_the_qualifier_of_the_amount():
    found = find_numbers("Police seized more than 450,000 levs ($250,000) in cash.", REF)
    assert [(n.value, n.qualifier, n.unit) for n in found] == [(450000, "more_than", "BGN"), (250000, "more_than", "USD")]


@pytest.mark.parametrize("value, value_max, unit, shown", [
    (2700, None, "people", "2,700"),
    (2e10, None, "USD", "$20 billion"),
    (12, None, "percent", "12%"),
    (38, None, "km", "38 km"),
    (9500, 11000, "barrels", "9,500 to 11,000 barrels"),
    (400, None, "tonnes", "400 tonnes"),
    (1, None, "tonnes", "1 tonne"),
])
def test_a_value_is_shown_as_people_read_it_with_its_unit_of_measure(value, value_max, unit, shown):
    assert describe_value(value, value_max, unit) == shown


def test_every_unit_the_analysis_measures_in_is_shown_with_its_values():
    from dossier.analyse.figures import _UNIT_SPELLINGS

    assert set(_UNIT_SPELLINGS) <= MEASURE_UNITS
