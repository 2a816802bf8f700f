"""One set of reporting verbs (`dossier.analyse.speech`): each stage that asks who says so
knows every verb of it, not a list of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import dossier
from dossier.analyse import speech
from dossier.analyse.entities import find_entities
from dossier.analyse.events import extract_events
from dossier.analyse.figures import extract_figures
from dossier.curation.model import Curation
from dossier.model import FuzzyDate
from tests.seedtools import article_from_text, seed_curation

FRIDAY_14_MARCH = FuzzyDate(2025, 3, 14)


def _claims(text: str) -> list[tuple[float, str]]:
    article = article_from_text("a", text, date=FRIDAY_14_MARCH)
    return [(f.value, f.claimant) for f in extract_figures(article, seed_curation())]


def test_a_weekday_after_any_verb_of_saying_dates_the_saying_not_an_event():
    """"declared on Tuesday that ...": Tuesday is when it was declared (the timeline's list
    of such verbs had no "declared", so the dam was dated by it)."""
    for verb in ("declared", "insisted", "said", "explained"):
        events = extract_events(article_from_text("a", f"The governor {verb} on Tuesday that the dam had held.",
                                                  date=FRIDAY_14_MARCH), Curation(title="t"))
        assert not events, verb
    # the day something happened still dates it
    events = extract_events(article_from_text("a", "The dam broke on Tuesday night, the governor declared.",
                                              date=FRIDAY_14_MARCH), Curation(title="t"))
    assert [e.date.iso for e in events] == ["2025-03-11"]


def test_it_confirmed_names_who_the_sentence_before_named():
    assert _claims("The agency said 44 were injured. It also confirmed 3 people had died.")[-1] == (3, "The agency")


def test_a_rival_count_given_by_any_verb_of_saying_is_the_rival_s():
    assert _claims("Police counted 30,000 marchers, while the union insisted that 120,000 took part.") == [
        (30000, "Police"), (120000, "union")]


@pytest.mark.parametrize("verb", ["say", "believe"])
def test_a_name_before_a_plural_verb_of_saying_is_no_person(verb):
    text = f"Shopkeepers on the east bank of the Sern {verb} trade has halved. The Sern rose again on Friday."
    found = {e.name: e for e in find_entities(article_from_text("a", text), Curation(title="t"))}
    assert all(e.kind != "person" for e in found.values())
    # one speaker named before a verb of saying is a person
    found = {e.name: e for e in find_entities(article_from_text("a", "Ilse Varga says trade has halved."),
                                              Curation(title="t"))}
    assert found["Ilse Varga"].kind == "person"


def test_the_analysis_spells_out_no_list_of_verbs_of_saying_but_its_one():
    """No module of the analysis but `speech` writes two verbs of saying as alternatives of a
    pattern: each takes them from `speech` (a verb added there is known everywhere)."""
    saying = "|".join(map(re.escape, speech.SAYING))
    alternatives = re.compile(rf"(?<![\w\\])(?:{saying})\|(?:[^\"'\n]*?\|)??(?:{saying})(?![\w])")
    root = Path(dossier.__file__).parent / "analyse"
    spelled = {path.name: alternatives.findall(path.read_text(encoding="utf-8"))
               for path in root.glob("*.py") if path.name != "speech.py"}
    assert {name: found for name, found in spelled.items() if found} == {}


def test_alternation_matches_every_form_whole_and_the_longest_first():
    pattern = re.compile(rf"\b(?:{speech.alternation(speech.SAYING, speech.COUNTING)})\b", re.IGNORECASE)
    for form in speech.SAYING + speech.COUNTING:
        assert pattern.fullmatch(form.replace(" ", "  ")), form
    assert pattern.match("states that").group(0) == "states"
    assert not pattern.search("a statesman")
    assert speech.singular(("say", "says", "said")) == ("says", "said")
