"""assemble.figures alone, on hand-built figures: grouping (like with like), parts, latest,
agreement and its note, values as read, overrides. Table-driven: one row per rule."""

from __future__ import annotations

import itertools
import random

import pytest

from dossier.assemble.figures import (
    _agreement, _dispute, _fallen, agreement, apply_overrides, compatible, distinct_ids, group_figures, interval,
    originators,
)
from dossier.curation import default_metrics as load_default_metrics
from dossier.curation.model import Curation, EntitySpec, Override
from dossier.model import Figure, FigureGroup, FuzzyDate, SourceRef

APRIL = FuzzyDate(2025, 4, 24)
OCTOBER = FuzzyDate(2024, 10, 24)
NOV19, NOV20, NOV21 = FuzzyDate(2026, 11, 19), FuzzyDate(2026, 11, 20), FuzzyDate(2026, 11, 21)
CURATION = Curation(title="T", metrics=load_default_metrics(),
                    entities=(EntitySpec("North Korea", "place", ("DPRK", "Pyongyang")),))


def fig(fid: str, value: float, qualifier: str = "exact", metric: str = "killed", counted: str = "people",
        claimant: str = "HNGN", kind: str = "organisation", as_of: FuzzyDate | None = APRIL,
        article: str | None = None, value_max: float | None = None, unit: str = "people", origin: str = "article",
        **kw) -> Figure:
    return Figure(id=fid, source=SourceRef(article or f"art-{fid}", 1, 0, 2), value=value, value_max=value_max,
                  qualifier=qualifier, unit=unit, metric=metric, label=metric.title(), subject=counted,
                  claimant=claimant, claimant_kind=kind, as_of=as_of, as_of_stated=origin == "stated",
                  sentence="s", text=str(value), counted=counted, as_of_origin=origin, **kw)


def ids(groups: tuple[FigureGroup, ...]) -> list[set[str]]:
    return [{f.id for f in g.figures} for g in groups]


def only(figures) -> FigureGroup:
    (group,) = group_figures(tuple(figures), CURATION)
    return group


# ---------------------------------------------------------------- like with like

@pytest.mark.parametrize(
    "rule, figures, expected",
    [
        ("children are never grouped with people",
         [fig("p", 31), fig("c", 6, counted="children")], [{"p"}, {"c"}]),
        ("one city is never compared with another",
         [fig("k", 12, place="Kyiv"), fig("l", 30, "more_than", place="Lviv")], [{"k"}, {"l"}]),
        ("missiles never with drones",
         [fig("m", 48, metric="weapons_launched", counted="missiles", unit="weapons"),
          fig("d", 476, metric="weapons_launched", counted="drones", unit="weapons")], [{"m"}, {"d"}]),
        ("different metrics never meet",
         [fig("k", 12), fig("i", 90, metric="injured")], [{"k"}, {"i"}]),
        ("dollars never meet euros",
         [fig("u", 5e6, metric="money", counted="money", unit="USD"),
          fig("e", 4e6, metric="money", counted="money", unit="EUR")], [{"u"}, {"e"}]),
        ("the same counted noun, place and side across sources is one group",
         [fig("a", 12, place="Kyiv"), fig("b", 12, place="kyiv", article="b")], [{"a", "b"}]),
        ("a side is resolved through the curation's aliases",
         [fig("a", 300, counted="soldiers", side="DPRK"), fig("b", 300, counted="soldiers", side="North Korea")],
         [{"a", "b"}]),
        ("a figure without a place joins the only place given",
         [fig("a", 12, place="Kyiv"), fig("b", 12)], [{"a", "b"}]),
        ("with two places, a figure without one stays apart",
         [fig("a", 12, place="Kessaran"), fig("b", 7, place="Vardi"), fig("c", 214)], [{"a"}, {"b"}, {"c"}]),
        ("with two places named anywhere, a figure without one may be the total",
         [fig("a", 60, metric="missing", place="Kessaran"), fig("b", 9, metric="missing"),
          fig("c", 21, place="Vardi")], [{"a"}, {"b"}, {"c"}]),
        ("sides apart", [fig("a", 50000, counted="soldiers", side="Russia"),
                         fig("b", 11000, counted="soldiers", side="North Korea")], [{"a"}, {"b"}]),
    ],
)
def test_groups_compare_like_with_like(rule, figures, expected):
    assert sorted(ids(group_figures(tuple(figures), CURATION)), key=sorted) == sorted(expected, key=sorted), rule


# ---------------------------------------------------------------- parts

def test_a_figure_part_of_another_puts_its_group_under_the_total():
    total, part = fig("t", 31), fig("c", 6, counted="children", part_of="t", article="art-t")
    people, children = group_figures((part, total), CURATION)
    assert (people.figures, children.figures) == ((total,), (part,))
    assert people.parts == (children.id,) and children.part_of == people.id and people.part_of is None
    assert people.agreement == children.agreement == "single"


@pytest.mark.parametrize(
    "rule, parent, child",
    [
        ("children among the people killed, reported by another article",
         fig("p", 31, place="Dnipro"), fig("c", 6, counted="children", place="Dnipro")),
        ("a children_killed metric under killed", fig("p", 31), fig("c", 6, metric="children_killed", counted="children")),
        ("drones among weapons launched",
         fig("w", 483, metric="weapons_launched", counted="weapons", unit="weapons"),
         fig("d", 442, metric="weapons_launched", counted="drones", unit="weapons")),
        ("homes among buildings", fig("b", 140, metric="buildings", counted="buildings", unit="buildings"),
         fig("h", 90, metric="buildings", counted="homes", unit="buildings")),
    ],
)
def test_a_kind_of_what_another_group_counts_is_a_part_of_it(rule, parent, child):
    whole, part = group_figures((child, parent), CURATION)
    assert whole.figures == (parent,) and part.part_of == whole.id and whole.parts == (part.id,), rule


def test_a_part_of_a_figure_of_another_article_sits_under_its_total_too():
    """An analysis makes a figure a part of another of its own article; what each article's
    figures count is worked out article by article, and a part of another article's figure
    (an override, a hand-built figure) still finds its total among all."""
    from dossier.reuse import REUSE

    total = fig("t", 640, metric="injured", place="Kessaran")
    part = fig("s", 85, metric="injured", place="Kessaran", part_of="t")  # (another article)
    try:
        for serving in (False, True):  # all at once; article by article, as under `mkdocs serve`
            REUSE.start(serving)
            for figures in ((part, total), (total, part)):
                whole, serious = group_figures(figures, CURATION)
                assert (whole.figures, serious.figures) == ((total,), (part,))
                assert serious.part_of == whole.id and serious.subject == "people (a part, Kessaran)"
    finally:
        REUSE.start(False)


def test_a_part_counting_the_same_noun_sits_under_its_total():
    total = fig("t", 640, metric="injured", place="Kessaran")
    part = fig("s", 85, metric="injured", place="Kessaran", part_of="t", article="art-t")
    whole, serious = group_figures((part, total), CURATION)
    assert (whole.figures, serious.figures) == ((total,), (part,))
    assert serious.part_of == whole.id and serious.subject == "people (a part, Kessaran)"
    assert whole.display_range == "640" and whole.agreement == "single"


def test_children_in_another_city_are_not_a_part_of_this_city():
    groups = group_figures((fig("p", 31, place="Kessaran"), fig("q", 9, place="Vardi"),
                            fig("c", 6, counted="children", place="Vardi")), CURATION)
    part = next(g for g in groups if g.counted == "children")
    assert part.part_of == next(g.id for g in groups if g.place == "Vardi")


def test_a_sum_and_its_parts_are_not_a_conflict():
    figures = (fig("t", 483, metric="weapons_launched", counted="weapons", unit="weapons", claimant="Air Force"),
               fig("d", 442, metric="weapons_launched", counted="drones", unit="weapons", claimant="Air Force",
                   part_of="t", article="art-t"),
               fig("b", 34, metric="weapons_launched", counted="missiles", unit="weapons", claimant="Air Force",
                   part_of="t", article="art-t"),
               fig("m", 7, metric="weapons_launched", counted="missiles", unit="weapons", claimant="Air Force",
                   article="art-t"))
    groups = group_figures(figures, CURATION)
    assert [g.counted for g in groups] == ["weapons", "drones", "missiles"]  # the total, then its parts
    assert {g.agreement for g in groups} <= {"single", "agree", "updated"}
    assert groups[0].parts == (groups[1].id, groups[2].id)


# ---------------------------------------------------------------- ids

def test_group_ids_come_from_the_key_and_survive_unrelated_articles():
    base = (fig("1", 12, place="Kyiv"), fig("2", 300, metric="troops", counted="soldiers"))
    more = base + (fig("3", 5, place="Odesa"), fig("4", 7, metric="injured", place="Kyiv"),
                   fig("5", 13, place="Kyiv", article="new"))
    before = {(g.metric, g.counted, g.place): g.id for g in group_figures(base, CURATION)}
    after = {(g.metric, g.counted, g.place): g.id for g in group_figures(more, CURATION)}
    assert before.items() <= after.items()
    assert [g.id for g in group_figures(base, CURATION)] == [g.id for g in group_figures(base[::-1], CURATION)]
    assert [g.metric for g in group_figures(base, CURATION)] == ["killed", "troops"]  # the curation's order
    spelt = (fig("1", 12, place="kyiv"), fig("2", 12, place="Kyiv"), fig("3", 12, place="Kyiv"))
    assert {g.subject for g in (*group_figures(spelt, CURATION), *group_figures(spelt[::-1], CURATION))} == {
        "people (Kyiv)"}


def test_excluded_figures_are_not_grouped():
    assert group_figures((fig("1", 12, excluded=True),), CURATION) == ()


# ---------------------------------------------------------------- latest

@pytest.mark.parametrize(
    "rule, figures, latest",
    [
        ("the newest as-of", [fig("a", 16, "at_least", as_of=NOV19), fig("b", 31, as_of=NOV21),
                              fig("c", 28, as_of=NOV20)], "b"),
        ("a superseded figure is never latest, even when higher",
         [fig("a", 28, superseded_by="b", article="x"), fig("b", 25, article="x")], "b"),
        ("same day: the article's date (publication) is later than a date the sentence names",
         [fig("a", 90, origin="stated"), fig("b", 100, "more_than", origin="article")], "b"),
        ("same day, same origin: the higher count", [fig("a", 90), fig("b", 100, "more_than")], "b"),
        ("a month-precise as-of is older than a day in that month",
         [fig("a", 40, as_of=FuzzyDate(2026, 11)), fig("b", 31, as_of=NOV19)], "b"),
        ("an undated figure is older than any dated one", [fig("a", 99, as_of=None), fig("b", 31)], "b"),
    ],
)
def test_latest(rule, figures, latest):
    assert only(figures).latest.id == latest, rule


# ---------------------------------------------------------------- agreement and its note

@pytest.mark.parametrize(
    "rule, figures, kind, note",
    [
        ("one source", [fig("a", 6, counted="children")], "single",
         "One source: 6 according to HNGN (24 April 2025)."),
        ("one claimant relayed by outlets: agree, and says so",
         [fig("z", 12, claimant="Volodymyr Zelensky", kind="person"),
          fig("o1", 12, claimant="Novyny.LIVE", kind="outlet"), fig("o2", 12, claimant="Censor.NET", kind="outlet"),
          fig("z2", 12, "at_least", claimant="Volodymyr Zelensky", kind="person", origin="stated"),
          fig("o3", 12, claimant="HNGN", kind="outlet")],
         "agree", "One claimant, five reports: 12 according to Volodymyr Zelensky (24 April 2025)."),
        ("several claimants agree",
         [fig("a", 12, claimant="Police"), fig("b", 12, "at_least", claimant="Mayor")],
         "agree", "Two claimants agree: 12 according to Police (24 April 2025); at least 12 according to Mayor (24 April 2025)."),
        ("a toll rising over days from different claimants is an update, not a dispute",
         [fig("a", 16, "at_least", claimant="officials", as_of=NOV19),
          fig("b", 31, claimant="regional administration", as_of=NOV21)],
         "updated", "The figure rose from at least 16 (officials, 19 November 2026) to 31 "
                    "(regional administration, 21 November 2026)."),
        ("one claimant, the same day, 90 then more than 100: an update",
         [fig("a", 90, claimant="Volodymyr Zelensky", kind="person", origin="stated"),
          fig("b", 100, "more_than", claimant="Volodymyr Zelensky", kind="person")],
         "updated", "Volodymyr Zelensky's count rose from 90 to more than 100 on 24 April 2025."),
        ("an outlet relaying the earlier count is not a second claimant",
         [fig("a", 90, claimant="Volodymyr Zelensky", kind="person", origin="stated"),
          fig("h", 90, claimant="HNGN", kind="outlet"),
          fig("b", 100, "more_than", claimant="Volodymyr Zelensky", kind="person"),
          fig("o", 100, "more_than", claimant="Ukrinform", kind="outlet")],
         "updated", "Volodymyr Zelensky's count rose from 90 to more than 100 on 24 April 2025 (four reports)."),
        ("different claimants, the same day, incompatible: disputed",
         [fig("h", 90, claimant="HNGN (Reuters source)"),
          fig("z", 100, "more_than", claimant="Volodymyr Zelensky", kind="person")],
         "differ", "90 according to HNGN (Reuters source); more than 100 according to Volodymyr Zelensky, both 24 April 2025."),
        ("a count replaced in the same report",
         [fig("a", 28, superseded_by="b", article="x", claimant="Emergency service"),
          fig("b", 31, article="x", claimant="Emergency service")],
         "updated", "Emergency service's count rose from 28 to 31 on 24 April 2025."),
        ("a superseded figure is no side of a dispute",
         [fig("a", 28, superseded_by="b", article="x", claimant="Emergency service"),
          fig("b", 31, article="x", claimant="Emergency service"), fig("c", 31, claimant="Governor")],
         "updated", "Emergency service's count rose from 28 to 31 on 24 April 2025 (three reports)."),
        ("a vaguer count the one before it meets is no step; the claimants named are the steps'",
         [fig("a", 310, metric="buildings", counted="buildings destroyed", unit="buildings", claimant="officials", as_of=NOV19),
          fig("b", 24, "at_least", metric="buildings", counted="buildings destroyed", unit="buildings",
              claimant="Tide Wire", kind="outlet", as_of=NOV20),
          fig("c", 512, metric="buildings", counted="buildings destroyed", unit="buildings", claimant="officials",
              as_of=NOV21)],
         "updated", "Officials' count rose from 310 (19 November 2026) to 512 (21 November 2026) (three reports)."),
        ("a claimant in lower case still opens the sentence with a capital",
         [fig("a", 9, claimant="regional fire service", as_of=NOV19),
          fig("b", 11, claimant="regional fire service", as_of=NOV21)],
         "updated", "Regional fire service's count rose from 9 (19 November 2026) to 11 (21 November 2026)."),
        ("a count that falls",
         [fig("a", 40, metric="missing", claimant="Civil defence", as_of=NOV19),
          fig("b", 12, metric="missing", claimant="Civil defence", as_of=NOV21)],
         "updated", "Civil defence's count fell from 40 (19 November 2026) to 12 (21 November 2026)."),
        ("one claimant's money is a figure, not a count",
         [fig("a", 2e10, claimant="European Commission", as_of=OCTOBER, metric="money", counted="money", unit="EUR"),
          fig("b", 1.5e9, claimant="European Commission", metric="money", counted="money", unit="EUR")],
         "updated", "European Commission's figure fell from €20 billion (24 October 2024) to €1.5 billion "
                    "(24 April 2025)."),
        ("three steps",
         [fig("a", 38, claimant="Civil defence", as_of=NOV19), fig("b", 112, claimant="Health ministry", as_of=NOV20),
          fig("c", 214, claimant="Governor", as_of=NOV21)],
         "updated", "The figure rose from 38 (Civil defence, 19 November 2026) to 112 (Health ministry, "
                    "20 November 2026), then 214 (Governor, 21 November 2026)."),
        ("agreeing estimates from different dates that changed are an update",
         [fig("a", 12000, "approx", claimant="HUR", as_of=OCTOBER, metric="troops", counted="soldiers"),
          fig("b", 11000, "more_than", claimant="Kyiv", metric="troops", counted="soldiers")],
         "updated", "The figure went from about 12,000 (HUR, 24 October 2024) to more than 11,000 (Kyiv, 24 April 2025)."),
        ("disputes on two dates, the newest first",
         [fig("a", 16, claimant="officials", as_of=NOV19), fig("b", 20, claimant="police", as_of=NOV19),
          fig("c", 31, claimant="administration", as_of=NOV21), fig("d", 25, claimant="police", as_of=NOV21)],
         "differ", "25 according to police; 31 according to administration, both 21 November 2026. Earlier, 16 according to officials; "
                   "20 according to police, both 19 November 2026. Four reports from three claimants."),
        ("a dispute no one dated is not said to be earlier",
         [fig("a", 9, claimant="army", as_of=None), fig("b", 24, claimant="ministry", as_of=None),
          fig("c", 7, claimant="army", as_of=NOV19), fig("d", 40, claimant="ministry", as_of=NOV19)],
         "differ", "7 according to army; 40 according to ministry, both 19 November 2026. Undated: 9 according to "
                   "army; 24 according to ministry."),
        ("a dispute on one day among updates on others",
         [fig("a", 16, claimant="officials", as_of=NOV19), fig("b", 31, claimant="regional administration", as_of=NOV21),
          fig("c", 25, claimant="police", as_of=NOV21)],
         "differ", "25 according to police; 31 according to regional administration, both 21 November 2026. "
                   "Three reports from three claimants."),
        ("a toll below what another claimant gave before and still gives: disputed",
         [fig("a", 58, claimant="Health ministry", as_of=NOV19), fig("b", 52, claimant="WHO", as_of=NOV21)],
         "differ", "52 according to WHO (21 November 2026), against 58 according to Health ministry (19 November 2026)."),
        ("a toll the other claimant came down to: an update",
         [fig("a", 58, claimant="Health ministry", as_of=NOV19), fig("b", 52, claimant="WHO", as_of=NOV20),
          fig("c", 52, claimant="Health ministry", as_of=NOV21)],
         "updated", "Health ministry's count fell from 58 (19 November 2026) to 52 (21 November 2026) (three reports)."),
        ("the missing, a count of those in a state now, fall by anyone's count: an update",
         [fig("a", 40, metric="missing", claimant="Civil defence", as_of=NOV19),
          fig("b", 12, metric="missing", claimant="Police", as_of=NOV21)],
         "updated", "The figure fell from 40 (Civil defence, 19 November 2026) to 12 (Police, 21 November 2026)."),
        ("those still in hospital fall by anyone's count: an update",
         [fig("a", 26, metric="injured", counted="people still in hospital", claimant="Police", as_of=NOV19),
          fig("b", 11, metric="injured", counted="people still in hospital", claimant="Hospital", as_of=NOV21)],
         "updated", "The figure fell from 26 (Police, 19 November 2026) to 11 (Hospital, 21 November 2026)."),
    ],
)
def test_agreement_explains_itself(rule, figures, kind, note):
    group = only(figures)
    assert (group.agreement, group.note) == (kind, note), rule


def test_a_dispute_names_both_figures_and_the_claimants():
    group = only([fig("h", 90, claimant="HNGN"), fig("x", 90, claimant="Kyiv City Military Administration"),
                  fig("z", 100, "more_than", claimant="Volodymyr Zelensky", kind="person")])
    assert group.agreement == "differ" and group.disputed in (("h", "z"), ("x", "z"))
    assert group.claimants == ("HNGN", "Kyiv City Military Administration", "Volodymyr Zelensky")


def test_the_latest_claimant_is_the_originator_an_outlet_relays():
    group = only([fig("z", 12, claimant="Volodymyr Zelensky", kind="person", origin="stated"),
                  fig("o", 12, claimant="Novyny.LIVE", kind="outlet")])
    assert (group.latest.id, group.latest.claimant, group.latest_claimant) == ("o", "Novyny.LIVE", "Volodymyr Zelensky")


def test_agreement_of_a_single_figure():
    assert agreement([fig("1", 1)]) == "single"


@pytest.mark.parametrize(
    "a, b, same",
    [
        (fig("1", 12, "at_least"), fig("2", 12), True),
        (fig("1", 100, "more_than"), fig("2", 90), False),
        (fig("1", 100, "more_than"), fig("2", 100), False),
        (fig("1", 12000, "approx"), fig("2", 11000, "more_than"), True),
        (fig("1", 10, "range", value_max=12), fig("2", 11), True),
        (fig("1", 2700, "almost"), fig("2", 2700), False),
        (fig("1", 300, "up_to"), fig("2", 250), True),
    ],
)
def test_compatible_qualifiers(a, b, same):
    assert compatible(a, b) is same


def test_the_linear_dispute_search_finds_what_every_pair_would():
    """The sort-based search against the definition (every pair), on random days of figures."""
    rng = random.Random(8)
    qualifiers = ["exact", "exact", "more_than", "at_least", "approx", "almost", "up_to"]
    for trial in range(400):
        figures = [fig(f"{trial}-{i}", rng.choice([10, 12, 16, 30, 31, 90, 100]), rng.choice(qualifiers),
                       claimant=rng.choice("ABC"), kind=rng.choice(["person", "outlet"]))
                   for i in range(rng.randint(2, 7))]
        origins = originators(figures)
        brute = any(origins[a.id] != origins[b.id] and not compatible(a, b)
                    for a, b in itertools.combinations(figures, 2))
        found = _dispute(figures, origins)
        assert (found is not None) == brute
        if found:
            a, b = found
            assert origins[a.id] != origins[b.id] and interval(a)[1] < interval(b)[0]


def test_the_linear_fall_search_finds_what_every_pair_would():
    """`_fallen` against its definition: some originator's latest count below an earlier count
    of another originator whose latest is also above it; on random series of toll counts."""
    rng = random.Random(12)
    qualifiers = ["exact", "exact", "more_than", "at_least", "approx", "up_to"]
    for trial in range(400):
        figures = [fig(f"{trial}-{i}", rng.choice([10, 12, 16, 30, 31, 90, 100]), rng.choice(qualifiers),
                       claimant=rng.choice("ABC"), as_of=FuzzyDate(2026, 11, 1 + i))
                   for i in range(rng.randint(2, 7))]
        origins = originators(figures)
        last = {origins[f.id]: f for f in figures}
        brute = any(origins[a.id] != origins[b.id] and last[origins[b.id]] is b and j < k
                    and interval(b)[1] < interval(a)[0] and interval(b)[1] < interval(last[origins[a.id]])[0]
                    for j, a in enumerate(figures) for k, b in enumerate(figures))
        found = _fallen(figures, origins)
        assert (found is not None) == brute, [(f.display, origins[f.id]) for f in figures]
        if found:
            low, high = found
            assert last[origins[low.id]] is low and last[origins[high.id]] is high
            assert interval(low)[1] < interval(high)[0]


def test_a_large_group_is_summed_up_in_one_sentence():
    figures = [fig(f"f{i}", 100 + i % 7, claimant=f"Outlet {i % 40}", kind="outlet",
                   as_of=FuzzyDate(2026, 11, 1 + i % 20)) for i in range(3000)]
    kind, _ = _agreement(figures, originators(figures))
    group = only(figures)
    assert kind == group.agreement == "differ"
    assert len(group.note) < 400, group.note
    assert group.note.endswith("They also differ on 17 other dates. 3,000 reports from 40 claimants.")
    assert len(group.disputed) == 2 * 20  # one pair per date in dispute


# ---------------------------------------------------------------- values as people read them

@pytest.mark.parametrize(
    "figure, shown",
    [
        (fig("a", 100, "more_than"), "more than 100"),
        (fig("a", 2700, "almost"), "almost 2,700"),
        (fig("a", 2e10, "more_than", unit="USD"), "more than $20 billion"),
        (fig("a", 16, "at_least"), "at least 16"),
        (fig("a", 10000, "range", value_max=12000), "10,000 to 12,000"),
        (fig("a", 12000, "approx"), "about 12,000"),
        (fig("a", 4.5e6, unit="EUR"), "€4.5 million"),
        (fig("a", 3.1e9, unit="SEK"), "3.1 billion SEK"),
        (fig("a", 40, unit="percent"), "40%"),
    ],
)
def test_figure_display(figure, shown):
    assert figure.display == shown


@pytest.mark.parametrize(
    "figures, shown",
    [
        ([fig("a", 16, "at_least", as_of=NOV19), fig("b", 31, as_of=NOV21)], "at least 16 – 31"),
        ([fig("a", 90), fig("b", 100, "more_than")], "90 – more than 100"),
        ([fig("a", 100, "more_than"), fig("b", 100, "more_than")], "more than 100"),
        ([fig("a", 12), fig("b", 12, "at_least")], "at least 12"),
        ([fig("a", 2700, "almost")], "almost 2,700"),
        ([fig("a", 2e10, "more_than", unit="USD", counted="money", metric="money")], "more than $20 billion"),
        ([fig("a", 10000, "range", value_max=12000), fig("b", 11000)], "10,000 to 12,000"),
        ([fig("a", 9000), fig("b", 10000, "range", value_max=12000)], "9,000 – 12,000"),
    ],
)
def test_group_display_range(figures, shown):
    assert only(figures).display_range == shown


# ---------------------------------------------------------------- ids

def test_figures_of_two_articles_that_draw_one_id_each_get_an_id_of_their_own():
    """A figure's id is a 32-bit hash: at 10,000 articles two figures draw one about twice.
    The first in source order keeps it; the other takes its own, and its article's figures
    that are part of it name the new one, while those of the first article still name theirs."""
    first, second = fig("x", 12, article="a1"), fig("x", 15, article="b2", superseded_by="r")
    part_here, part_there = fig("p", 3, article="a1", part_of="x"), fig("q", 4, article="b2", part_of="x")
    later = fig("r", 16, article="b2")
    figures = (part_there, second, first, part_here, later)
    fixed = distinct_ids(figures)
    by_value = {f.value: f for f in fixed}
    assert by_value[12] is first and by_value[3] is part_here  # the first article's: untouched
    assert by_value[15].id not in {"x", "p", "q", "r"} and len({f.id for f in fixed}) == 5
    assert by_value[4].part_of == by_value[15].id and by_value[16] is later
    assert by_value[15].superseded_by == "r" and by_value[15].value == 15
    assert distinct_ids(fixed) == fixed and distinct_ids(tuple(reversed(figures))) == tuple(reversed(fixed))
    unique = (first, part_here, later)
    assert distinct_ids(unique) is unique  # (none shared: the very tuple)


def test_a_build_keeps_both_figures_of_an_id_two_articles_draw(make_seeds, monkeypatch):
    """Through the whole build: with ids drawn from the sentence alone (so that the same
    sentence in two articles draws one id, as a hash collision would), both articles' figures
    are in the dossier, and each is a row of its own in the record's table of every figure."""
    from dossier.analyse import figures as extraction
    from dossier.pipeline import build

    real = extraction.content_id
    monkeypatch.setattr(extraction, "content_id", lambda *parts, **kw: real(*parts[1:], **kw))
    monkeypatch.setenv("DOSSIER_CACHE", "0")
    sentence = "The police said 12 people were killed in the flood."
    seeds, curation = make_seeds({"a1.txt": f"Title: One\n\n{sentence}\n", "b2.txt": f"Title: Two\n\n{sentence}\n"})
    made = build(seeds, curation, pdf=False)
    twelve = [f for f in made.dossier.figures if f.value == 12]
    assert sorted(f.source.article for f in twelve) == ["a1", "b2"] and len({f.id for f in twelve}) == 2
    record = "".join(page.decode() if isinstance(page, bytes) else page
                     for path, page in made.pages.items() if path.startswith("record/figures-"))
    assert all(record.count(figure.id) == 1 for figure in twelve)


# ---------------------------------------------------------------- overrides

def test_overrides_exclude_correct_and_warn():
    curation = Curation(
        title="T", metrics=load_default_metrics(), path="dossier.yml",
        overrides=(Override(figure="1", exclude=True, note="Headline repeats the body.", line=40),
                   Override(figure="2", value=100, metric="injured", claimant="HNGN", line=44),
                   Override(figure="zzzz", exclude=True, line=48)),
    )
    figures, notices = apply_overrides((fig("1", 12), fig("2", 90)), curation)
    excluded, corrected = figures
    assert excluded.excluded and excluded.correction == "Analyst: excluded. Headline repeats the body."
    assert (corrected.value, corrected.metric, corrected.label, corrected.excluded) == (100, "injured", "Injured", False)
    assert corrected.correction.startswith("Analyst: value 100 (the source says '90')")
    assert [str(n) for n in notices] == [
        "dossier.yml:48: override names figure 'zzzz', which no article yields; "
        "see the figures table (dossier figures) for the ids"]


def test_a_toll_without_a_place_joins_its_kinds_only_place_when_its_article_names_it():
    kyiv = fig("k", 12, place="Kyiv")
    bare_here = fig("b", 12, article="about-kyiv")
    bare_elsewhere = fig("e", 3, article="about-a-village")
    odesa_troops = fig("t", 500, metric="troops", counted="soldiers", place="Odesa")
    groups = group_figures((kyiv, bare_here, bare_elsewhere, odesa_troops), CURATION,
                           {"about-kyiv": frozenset({"kyiv"}), "about-a-village": frozenset({"lviv"})})
    assert sorted(ids(groups), key=sorted) == [{"b", "k"}, {"e"}, {"t"}]


def test_a_toll_without_a_place_stays_apart_when_its_kind_is_counted_in_two_places():
    groups = group_figures((fig("k", 12, place="Kyiv"), fig("o", 3, place="Odesa"), fig("b", 15, article="x")),
                           CURATION, {"x": frozenset({"kyiv", "odesa"})})
    assert sorted(ids(groups), key=sorted) == [{"b"}, {"k"}, {"o"}]


def test_the_events_place_takes_the_events_toll_from_every_article_but_not_another_citys_count():
    """A crush in Tarsa whose injured were flown to Belmor: the tolls without a place, or
    placed only by an article's dateline or another clause ("died in hospital in Belmor,
    bringing the toll to 22"), are Tarsa's; what was said of Belmor itself stays Belmor's."""
    curation = Curation(title="The Tarsa festival crush", place="Tarsa", metrics=load_default_metrics(),
                        entities=(EntitySpec("Tarsa", "place"), EntitySpec("Belmor", "place"),
                                  EntitySpec("Halvik Province", "place")))
    tarsa = fig("t", 17, "at_least", place="Tarsa", as_of=NOV19)
    bare = fig("b", 21, as_of=NOV20)
    lent = [fig("l1", 22, place="Belmor", place_lent=True, as_of=NOV21),
            fig("l2", 23, place="Halvik Province", place_lent=True, as_of=NOV19, claimant="doctor")]
    belmor = fig("i", 9, metric="injured", place="Belmor", as_of=NOV20)
    overall = fig("o", 40, metric="injured", overall=True, as_of=NOV21)
    groups = group_figures((tarsa, bare, *lent, belmor, overall), curation)
    assert sorted(ids(groups), key=sorted) == [{"b", "l1", "l2", "t"}, {"i"}, {"o"}]
    toll = next(g for g in groups if "t" in {f.id for f in g.figures})
    assert toll.subject == "people (Tarsa)" and toll.latest.display == "22"
    # an overall count joins the event's place where nowhere else counts the kind apart
    tarsa_injured = fig("ti", 60, metric="injured", place="Tarsa", as_of=NOV19)
    alone = group_figures((tarsa_injured, overall), curation)
    assert ids(alone) == [{"ti", "o"}]
    # beside another place's count it stays apart: "19 still in hospital, six of them in Belmor"
    beside = group_figures((tarsa_injured, overall, belmor), curation)
    assert sorted(ids(beside), key=sorted) == [{"i"}, {"o"}, {"ti"}]
    # a place lent within the event's place is a part of it, and stays
    within = Curation(title="T", place="Halvik Province", metrics=load_default_metrics(),
                      entities=(EntitySpec("Halvik Province", "place"), EntitySpec("Tarsa", "place", within="Halvik Province")))
    province = fig("p", 30, place="Halvik Province")
    town = fig("w", 12, place="Tarsa", place_lent=True)
    assert sorted(ids(group_figures((province, town), within)), key=sorted) == [{"p"}, {"w"}]
    # without an event place nothing moves (two places are two places)
    flat = group_figures((tarsa, bare, *lent), CURATION)
    assert sorted(ids(flat), key=sorted) == [{"b"}, {"l1"}, {"l2"}, {"t"}]


def test_a_province_is_a_part_of_its_country_and_a_toll_without_a_place_is_the_countrys():
    curation = Curation(title="T", metrics=load_default_metrics(), entities=(
        EntitySpec("Tavra", "place"), EntitySpec("Kessin", "place", ("Kessin province",), within="Tavra"),
        EntitySpec("Dorvale", "place", within="Tavra"), EntitySpec("Lower Dorvale", "place", within="Dorvale")))
    national = fig("n", 23, place="Tavra", as_of=NOV19)
    bare = [fig("b1", 41, as_of=NOV20), fig("b2", 58, as_of=NOV21)]
    dorvale, lower = fig("d", 7, place="Dorvale", as_of=NOV20), fig("l", 2, place="Lower Dorvale", as_of=NOV20)
    kessin = fig("k", 12, place="Kessin province", as_of=NOV20)
    groups = group_figures((national, *bare, dorvale, lower, kessin), curation)
    by_place = {g.subject: g for g in groups}
    country = by_place["people (Tavra)"]
    assert {f.id for f in country.figures} == {"n", "b1", "b2"} and country.latest.display == "58"
    assert country.agreement == "updated" and country.part_of is None
    # each province under its country, a district under its province: parts, never rivals
    assert by_place["people (Dorvale)"].part_of == country.id
    assert by_place["people (Kessin)"].part_of == country.id
    assert by_place["people (Lower Dorvale)"].part_of == by_place["people (Dorvale)"].id
    # without the curation saying so, two places are two places, and the bare toll stays apart
    flat = group_figures((national, *bare, dorvale), CURATION)
    assert sorted(ids(flat), key=sorted) == [{"b1", "b2"}, {"d"}, {"n"}]


def test_an_addition_is_never_compared_with_a_total():
    groups = group_figures((fig("t", 12000, metric="troops", counted="soldiers"),
                            fig("a", 3000, metric="troops", counted="soldiers", increment=True)), CURATION)
    assert sorted(ids(groups), key=sorted) == [{"a"}, {"t"}]
    assert all(g.agreement == "single" for g in groups)


def test_on_the_same_day_the_later_time_of_day_is_the_latest_count():
    morning = fig("m", 21, claimant="Regional administration", as_of_time="09:00", origin="stated")
    evening = fig("e", 19, claimant="Regional administration", as_of_time="18:00", origin="stated")
    group = only([evening, morning])
    assert group.latest.id == "e"
    assert group.agreement == "updated"


def test_a_live_blogs_times_order_the_day_and_a_count_stated_as_a_rise_is_no_rival():
    # every count of the day gives its time: 33 at 09:40 and 41 at 17:30 rise, they do not differ
    blog = [fig("a", 33, claimant="fire service", as_of_time="09:40", article="blog"),
            fig("b", 41, claimant="officials", as_of_time="17:30", article="blog")]
    assert only(blog).agreement == "updated" and only(blog).latest.id == "b"
    # a count without a time may be from any hour: on that day the values' order stands in
    untimed = fig("c", 11, claimant="wire", article="wire")
    group = only([fig("d", 9, claimant="wire", as_of_time="08:15", article="blog"), untimed])
    assert group.latest.id == "c"
    # "rose to 29 by late last night" in a later article is above the morning's 23, not its rival
    morning = fig("m", 23, claimant="fire service", article="day1")
    rose = fig("r", 29, claimant="police", article="day2", rising=True)
    assert only([morning, rose]).agreement == "updated"
    # one count with its time of day and one without, on one day: the lower may be the earlier
    paper = fig("p", 11, claimant="herald", article="paper")
    evening = fig("q", 18, claimant="officials", as_of_time="18:45", article="blog")
    assert only([paper, evening]).agreement == "updated"
    # in one article, "rose to 187 ... put the number of dead at 176" is a dispute
    same = [fig("g", 187, claimant="governor", article="x", rising=True), fig("h", 176, claimant="civil defence", article="x")]
    assert only(same).agreement == "differ"
    # and a higher count not stated as a rise stays a rival of a rising one
    union = fig("u", 81, "at_least", claimant="union", article="day5")
    minister = fig("v", 67, claimant="minister", article="day5b", rising=True)
    assert only([minister, union]).agreement == "differ"


def test_a_count_about_another_event_is_never_an_update_of_this_one():
    groups = group_figures((fig("t", 2, place="Kharkiv"), fig("b", 4, place="Kharkiv", background=True)), CURATION)
    assert sorted(ids(groups), key=sorted) == [{"b"}, {"t"}]
    assert all(g.agreement == "single" for g in groups)
