"""The tropical storm fixture as a principal reads it: a storm kills people in three towns of
one province and in the neighbouring country over four days, through a wire story, a regional
paper pasted under a masthead with its edition and motto, a live blog stamped with the time of
day, an agency update breaking the toll down by town, and a piece where the governor's toll and
the national agency's differ. One town has no `within` in the curation, as an analyst might
forget. Written from the event's facts by someone who had not read the code."""

from __future__ import annotations

import pytest

from dossier.render.paths import HOME
from tests.conftest import build_fixture, figures_by_text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("tropical-storm", tmp_path_factory)


def _group(dossier, subject: str, metric: str = "killed"):
    return next(g for g in dossier.groups if g.metric == metric and g.subject == subject)


def test_the_provinces_toll_rises_and_only_the_last_day_is_disputed(built):
    """9, 17, 26 at 13:20, 34 at 18:45 (and "stood at 34 on Sunday evening"), 47, then the
    governor's 52 against the agency's 49 on Tuesday."""
    dossier = built.dossier
    toll = _group(dossier, "people (Corvella)")
    assert sorted({f.value for f in toll.figures}) == [9, 17, 26, 34, 47, 49, 52]
    assert toll.note.startswith("49 according to National Civil Emergency Agency; 52 according to Teodora "
                                "Vasquell, both 6 October 2026.")
    assert "Earlier" not in toll.note
    first = [line for line in built.pages[HOME].split("## Bottom line", 1)[1].splitlines() if line.startswith("1. ")][0]
    assert first.startswith("1. **Killed** — people (Corvella): 52, according to Teodora Vasquell (6 October 2026). "
                            "**Disputed:** 49 according to National Civil Emergency Agency; 52 according to")


def test_each_town_is_a_part_of_the_province_and_the_neighbour_is_never_added(built):
    """"52 people had now died in the province - 27 in Sarnow, 16 in Dunmere and nine in Kell
    Harbour" (said in Sarnow): the 52 is the province's, each town its own count under it;
    Talvenia's four and five stay Talvenia's, and 2019's storm is another event."""
    dossier = built.dossier
    province = _group(dossier, "people (Corvella)")
    towns = {g.subject: [f.display for f in g.figures] for g in dossier.groups
             if g.metric == "killed" and g.part_of == province.id and g.place}
    assert towns["people (Sarnow)"][-1] == "27" and towns["people (Dunmere)"][-1] == "16"
    # (each town's count told town by town: "18 people died in Sarnow, eleven in Dunmere and five
    # in Kell Harbour", "24 were in Sarnow, 15 in Dunmere and 8 in Kell Harbour")
    assert towns["people (Kell Harbour)"] == ["2", "5", "8", "9"] and "24" in towns["people (Sarnow)"]
    talvenia = _group(dossier, "people (Talvenia)")
    assert [f.display for f in talvenia.figures] == ["4", "5"] and talvenia.part_of is None
    assert not any(f.place == "Talvenia" for f in province.figures)
    earlier = _group(dossier, "people (another event, Corvella)")
    assert [f.display for f in earlier.figures] == ["112"]
    # "Four people died in Dunmere and two in Kell Harbour": two counts, each in its town
    herald = figures_by_text(dossier, "corvella-herald-2026-10-04")
    assert (herald["Four"].place, herald["two"].place) == ("Dunmere", "Kell Harbour")


def test_a_masthead_with_its_motto_and_a_speaker_with_an_aside(built):
    dossier = built.dossier
    herald = dossier.article("corvella-herald-2026-10-04")
    assert (herald.outlet, herald.title) == ("The Corvella Herald", "Maelis toll rises to 17 as Sarnow counts its dead")
    # "Governor Teodora Vasquell, who toured Sarnow by helicopter yesterday afternoon, said about 20"
    assert figures_by_text(dossier, "corvella-herald-2026-10-04")["about 20"].claimant == "Teodora Vasquell"


def test_a_further_count_of_the_injured_after_the_toll_is_their_total(built):
    """"The toll stood at 47 ... A further 163 people were injured": the injured's count (31,
    96, then 163), not 163 more of them."""
    injured = next(g for g in built.dossier.groups if g.metric == "injured" and g.subject == "people")
    assert injured.latest.display == "163" and not injured.latest.increment


def test_the_operations_centre_that_gives_the_counts_is_their_claimant(built):
    """"Of the 47 dead, 24 were in Sarnow ..., the provincial emergency operations centre said"
    and "rose to at least 17 yesterday, the provincial emergency operations centre said": the
    centre (a body named by its kind of office, no capital letters) gives those counts, not the
    outlet; and the wire's "Six of the dead were in Sarnow, ..., the ... centre said" is the
    centre's statement, as its figure is."""
    dossier = built.dossier
    centre = "provincial emergency operations centre"
    pan = figures_by_text(dossier, "pan-oceanic-2026-10-05")
    assert [pan[n].claimant for n in ("24", "15", "8")] == [centre] * 3
    assert figures_by_text(dossier, "corvella-herald-2026-10-04")["at least 17"].claimant == centre
    six = next(s for s in dossier.statements if s.text.startswith("Six of the dead were in Sarnow"))
    assert six.speaker == centre
