"""Stable identities across builds: adding articles about another event keeps the ids of the
figure groups, statements, events and sources already there, so `dossier diff` reports the
additions only, never a change, removal or re-identification of what was there before.

The added articles are generated from templates of a different event (a wildfire) in the
shapes real text comes in: datelines, bylines, lines pasted without blank lines, tolls given
with and without their place, relative dates.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dossier.changes import compare, parse_snapshot
from dossier.curation import load_curation
from dossier.export.dossier import dossier_json
from dossier.pipeline import assemble_dossier

QUAKE = Path(__file__).resolve().parent / "fixtures" / "marenza"

TOWNS = ["Hollin Ridge", "Sarvo", "Kettle Bay", "Dunmere", "Alto Rasa"]
AGENCIES = ["the state fire service", "the county sheriff", "the forestry agency", "local police"]
MONTHS = ["March", "April", "May", "June", "July", "August"]

LINES = [
    "A wildfire near {town} destroyed {n} homes, {agency} said on {day} {month}.",
    "The blaze had burned {k},000 hectares of forest by {weekday}, {agency} said.",
    "{n} firefighters were injured while fighting the fire near {town}.",
    "Two residents of {town} died when flames reached their farm, {agency} said.",
    "On {day} {month}, strong winds pushed the fire towards the {town} valley.",
    "Evacuation orders covered {k},{n}00 residents of {town} on {weekday}.",
    "\"We lost everything in an hour,\" said a farmer who fled {town}.",
    "By Ana Ruiz, {town}",
    "{TOWN}, {day} {month} (Wildfire Desk) - Crews in {town} dug firebreaks overnight.",
    "Aircraft dropped fire retardant over the hills west of {town}.",
]


@st.composite
def wildfire_article(draw) -> str:
    values = {
        "town": draw(st.sampled_from(TOWNS)),
        "agency": draw(st.sampled_from(AGENCIES)),
        "month": draw(st.sampled_from(MONTHS)),
        "day": draw(st.integers(1, 28)),
        "n": draw(st.integers(2, 90)),
        "k": draw(st.integers(1, 40)),
        "weekday": draw(st.sampled_from(["Monday", "Tuesday", "Friday", "Sunday"])),
    }
    values["TOWN"] = values["town"].upper()
    lines = draw(st.lists(st.sampled_from(LINES), min_size=2, max_size=7, unique=True))
    blank_lines = draw(st.booleans())  # pasted text often has none
    text = ("\n\n" if blank_lines else "\n").join(line.format(**values) for line in lines)
    dated = draw(st.booleans())
    return (f" date 2025-{MONTHS.index(values['month']) + 3:02d}-{values['day']:02d} " if dated else "") + text + "\n"


def _snapshot(seeds: Path, label: str):
    curation = load_curation(QUAKE / "dossier.yml")
    return parse_snapshot(dossier_json(assemble_dossier(seeds, curation)), label)


BASE = None


def _base():
    global BASE
    if BASE is None:
        BASE = _snapshot(QUAKE / "seeds", "base")
    return BASE


def _grown(articles: list[str]):
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(QUAKE / "seeds", seeds)
        for index, text in enumerate(articles):
            (seeds / f"wildfire-{index}.txt").write_text(text, encoding="utf-8")
        return _snapshot(seeds, "grown")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(wildfire_article(), min_size=1, max_size=4))
def test_unrelated_articles_keep_every_id_and_show_only_as_additions(articles):
    base, grown = _base(), _grown(articles)
    for kind in ("articles", "groups", "events"):
        before = {item.id for item in getattr(base.doc, kind)}
        after = {item.id for item in getattr(grown.doc, kind)}
        assert before <= after, (kind, sorted(before - after))
    # statements of the base articles keep their id and wording
    before = {s.id: s.text for s in base.doc.statements}
    after = {s.id: s.text for s in grown.doc.statements}
    assert {i: t for i, t in before.items() if i in after} == before

    changes = compare(base, grown)
    assert changes.sources_removed == () and len(changes.sources_added) == len(articles)
    assert changes.events_removed == () and changes.takeaways_dropped == ()
    assert changes.disagreements_resolved == ()
    assert [c.kind for c in changes.figures if c.kind == "dropped"] == []
    base_groups = {g.id for g in base.doc.groups}
    assert [d.id for d in changes.disagreements_new if d.id in base_groups] == []


BARE_TOLL = ("A wildfire near Hollin Ridge destroyed 2 homes, the state fire service said on 1 March.\n"
             "Two residents of Hollin Ridge died when flames reached their farm, the state fire service said.\n")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@example([BARE_TOLL])
@given(st.lists(wildfire_article(), min_size=1, max_size=4))
def test_unrelated_articles_leave_existing_figure_groups_unchanged(articles):
    changes = compare(_base(), _grown(articles))
    assert [(c.label, c.subject, c.changed) for c in changes.figures if c.kind != "new"] == []
