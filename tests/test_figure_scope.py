"""Where a figure holds and what it measures, on copy that names several places: an overall
toll is nobody's city, a count listed per place after a colon belongs to each place, an
article about two towns lends neither to a figure that names none, a sum asked for is not a
sum received, and a speed is not a count. The sentences are written for these tests, in the
shapes wire and online copy has (no fixture's wording)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.curation import default_metrics as load_default_metrics
from dossier.curation.model import Curation, EntitySpec
from dossier.analyse.figures import extract_figures
from dossier.model import FuzzyDate
from tests.test_figure_subjects import article, figures

PLACES = Curation(title="T", metrics=load_default_metrics(), entities=(
    EntitySpec("Lindau", "place", ()), EntitySpec("Ostrava", "place", ()),
    EntitySpec("Relief Coordination Office", "organisation", ("the coordination office",)),
))


def read(*paragraphs: str):
    """The figures of an article of these paragraphs, with two towns and an office curated."""
    return extract_figures(article(*paragraphs), PLACES)


def placed(*paragraphs: str) -> list[tuple[float, str | None]]:
    return [(f.value, f.place) for f in read(*paragraphs) if f.metric != "other"]


@pytest.mark.parametrize("paragraphs, expected", [
    # the town's count and the overall toll in one sentence
    (("Rescuers reached the village of Orlin on Monday, where officials said 6 people had died, "
      "raising the overall toll to 40.",), [(6, "Orlin"), (40, None)]),
    (("Police in Lindau counted 8 dead, bringing the total number of victims to 19.",), [(8, "Lindau"), (19, None)]),
    (("The storm killed 5 people in Lindau; in all, 23 people have died across the region.",),
     [(5, "Lindau"), (23, None)]),
    # a place in a clause of its own after the number is where something else happened
    (("In Lindau, the ministry said the toll had risen to five after a man died of his injuries in hospital in Ostrava.",),
     [(5, "Lindau")]),
    (("Nine people have died after the derailment in Ostrava, the coroner said.",), [(9, "Ostrava")]),
    # a toll listed per place after a colon: each count is its place's
    (("The coordination office raised the death toll to 38: Lindau counted 27 and Ostrava 11.",),
     [(38, None), (27, "Lindau"), (11, "Ostrava")]),
    (("The toll rose to 31 on Tuesday: 22 in Lindau and 9 in Ostrava.",),
     [(31, None), (22, "Lindau"), (9, "Ostrava")]),
])
def test_an_overall_toll_is_not_a_towns_and_a_listed_toll_is_each_towns(paragraphs, expected):
    assert placed(*paragraphs) == expected


def test_a_toll_broken_down_after_a_dash_is_the_regions_the_towns_lie_in():
    """"52 people had died in the province - 27 in Lindau and 25 in Ostrava": each town its
    count, the whole the province's (not the town the governor spoke in), and the same toll
    given again in the next sentence the province's too."""
    curation = Curation(title="T", metrics=load_default_metrics(), entities=(
        EntitySpec("Halvik", "place"), EntitySpec("Lindau", "place", within="Halvik"),
        EntitySpec("Ostrava", "place", within="Halvik"), EntitySpec("Vostland", "place")))
    found = extract_figures(article(
        "The governor told reporters in Lindau that 52 people had died in the province - 27 in Lindau and 25 in Ostrava. "
        "Yesterday officials had put the toll at 47."), curation)
    assert [(f.value, f.place, f.claimant) for f in found if f.metric == "killed"] == [
        (52, "Halvik", "governor"), (27, "Lindau", "governor"), (25, "Ostrava", "governor"), (47, "Halvik", "officials")]
    assert next(f for f in found if f.value == 47).as_of == FuzzyDate(2026, 5, 13)  # yesterday


def test_a_toll_listed_per_place_is_parts_of_the_whole_by_the_same_claimant():
    found = read("The coordination office raised the death toll to 38: Lindau counted 27 "
                                    "and Ostrava 11.")
    whole, *parts = [f for f in found if f.metric == "killed"]
    assert whole.claimant == "Relief Coordination Office"
    assert [(p.value, p.part_of, p.claimant) for p in parts] == [(27, whole.id, "Relief Coordination Office"),
                                                                (11, whole.id, "Relief Coordination Office")]


@pytest.mark.parametrize("paragraphs, expected", [
    # an article about two towns: a figure naming neither is not the first town's
    (("Floods killed 4 people in Lindau on Sunday.", "In Ostrava, 3 people died.",
      "Hospitals treated 140 injured, the health ministry said."), [(4, "Lindau"), (3, "Ostrava"), (140, None)]),
    (("Rescuers reached Lindau, where 9 people died.", "The agency counted 22 dead in Ostrava.",
      "The Red Cross estimated that 18,000 people were displaced."), [(9, "Lindau"), (22, "Ostrava"), (18000, None)]),
    # an article about one town still lends it ("Rescuers are searching for 2 people")
    (("A landslide in Lindau killed 6 people.", "Lindau's mayor visited the site.",
      "Rescuers are searching for 2 people."), [(6, "Lindau"), (2, "Lindau")]),
])
def test_an_article_about_several_places_lends_none_to_an_unplaced_figure(paragraphs, expected):
    assert placed(*paragraphs) == expected


@pytest.mark.parametrize("paragraphs, expected", [
    (("Rescuers reached Orlin on Friday, where officials said 9 people had died.",), ["officials"]),
    (("Fighting resumed at dawn, when local authorities said 14 soldiers were killed.",), ["local authorities"]),
    (("The coordination office raised the death toll to 38: Lindau counted 27 and Ostrava 11.",),
     ["Relief Coordination Office"] * 3),
])
def test_a_claimant_is_who_speaks_not_the_word_that_joins_the_clause(paragraphs, expected):
    assert [f.claimant for f in read(*paragraphs)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # (value, side, as_of): a number word opening the sentence is no one's side
    ("Twelve people are still missing, the agency said, down from 27 on Friday.",
     [(12, None, FuzzyDate(2026, 5, 14)), (27, None, FuzzyDate(2026, 5, 8))]),
    ("Forty soldiers were wounded.", [(40, None, FuzzyDate(2026, 5, 14))]),
])
def test_a_number_word_is_never_a_side(sentence, expected):
    assert [(f.value, f.side, f.as_of) for f in figures(sentence)] == expected


@pytest.mark.parametrize("sentence", [
    "The cyclone made landfall with winds of 190 km/h.",
    "Gusts reached 120 mph on the coast.",
    "Sustained winds of 95 knots were recorded.",
    "The train was travelling at 80 kilometres per hour.",
])
def test_a_speed_is_not_a_count(sentence):
    assert figures(sentence) == []


def test_a_month_in_a_dateline_is_not_a_march_and_a_wind_speed_not_a_crowd():
    found = figures("LINDAU, March 12 (Harbour Wire) — The storm brought winds of 190 km/h, killing at least 14 people.")
    assert [(f.value, f.metric) for f in found] == [(14, "killed")]


@pytest.mark.parametrize("sentence, expected", [
    ("The governor said about 25,000 people had lost their homes.", [(25000, "displaced")]),
    ("Some 300 families lost their houses in the fire.", [(300, "displaced")]),
    ("The army has lost 1,200 soldiers since June.", [(1200, "killed_or_wounded")]),
])
def test_losing_a_home_is_being_displaced_not_a_loss_in_battle(sentence, expected):
    assert [(f.value, f.metric) for f in figures(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # what a sum is, from the verb that governs it: asked for, received, pledged
    ("Aid agencies say they have received only $8 million of the $45 million requested.",
     ["received", "requested"]),
    ("The state asked donors for $45 million in emergency aid.", ["requested"]),
    ("Donors have pledged $12 million so far, against an appeal for $30 million.", ["pledged", "requested"]),
    ("The government set up a $5 million fund for the families.", ["fund"]),
])
def test_a_sum_asked_for_is_not_a_sum_received(sentence, expected):
    assert [f.subject for f in figures(sentence)] == expected


def test_a_place_that_counted_its_dead_is_where_not_who_and_its_neighbour_counts_the_same():
    curation = Curation(title="T", metrics=load_default_metrics(), entities=PLACES.entities + (
        EntitySpec("Health Ministry", "organisation", ("the ministry",)),))
    found = extract_figures(article("In Lindau, 71 people died, the ministry said. "
                                    "Ostrava counted 29 dead and the village of Orlin 12."), curation)
    assert [(f.value, f.metric, f.place, f.claimant) for f in found] == [
        (71, "killed", "Lindau", "Health Ministry"), (29, "killed", "Ostrava", "Health Ministry"),
        (12, "killed", "Orlin", "Health Ministry")]


def test_a_town_counted_alone_is_part_of_the_story_and_keeps_the_main_place_lent():
    found = placed("The quake in Dorvale province killed 214 people, the ministry said.",
                   "More than 900 people were injured.", "In Lindau alone, 126 people died.")
    assert found == [(214, "Dorvale"), (900, "Dorvale"), (126, "Lindau")]


def test_a_day_is_never_a_place():
    found = placed("The number of people killed in Tuesday's earthquake has risen to 112.")
    assert found == [(112, None)]


@pytest.mark.parametrize("paragraphs, expected", [
    # a count of two places named together is neither's, and the article lends it neither
    (("Flooding on the edge of Lindau killed 6 people.",
      "Authorities ordered 4,000 residents of Lindau and the neighbouring village of Ostrava to leave their homes."),
     [(6, "Lindau"), (4000, None)]),
    (("The fire killed 3 people in Lindau and Ostrava.",), [(3, None)]),
    # "and two in": a second count, each in its place
    (("Four people died in Lindau and two in Ostrava, officials said.",), [(4, "Lindau"), (2, "Ostrava")]),
    # "the edge of X", "residents of X": where it happened
    (("A blast on the outskirts of Ostrava injured 12 workers.",), [(12, "Ostrava")]),
    (("Some 300 residents of Lindau were evacuated.",), [(300, "Lindau")]),
])
def test_a_count_of_two_places_named_together_is_neithers(paragraphs, expected):
    assert placed(*paragraphs) == expected


_JOINED_WORDS = ["Lindau", "Ostrava", "New York", "York", "Lin", "and", "the", "of", "village", "-", "_", "é",
                 "\n", "Lindau-Ost", "and the neighbouring village of", "and  the big old", "and old village",
                 "and the of", "and of", "and\nthe village of the", "two", "and two in", "and the nine"]


@given(st.lists(st.sampled_from(_JOINED_WORDS), max_size=12).map(" ".join),
       st.sampled_from(["Lindau", "Ostrava", "New York", "York", "Lin"]),
       st.lists(st.sampled_from(["Lindau", "Ostrava", "New York", "York", "Lin"]), max_size=4))
@settings(max_examples=400, deadline=None)
def test_two_places_joined_by_and_are_found_as_the_rule_reads(text, name, others):
    """The scanner (one pass per occurrence, no pattern compiled per pair of names: compiling
    them was a third of the analysis) finds what the rule says, written as one regex."""
    from dossier.analyse.figures import _two_places
    from dossier.analyse.numbers import NUMBER_WORDS
    word = r"(?!(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b)[a-z][\w-]*\s+"
    joined = rf"\s+and\s+(?:the\s+)?(?:{word}){{0,2}}(?:of\s+)?"
    rule = any(re.search(rf"(?<![\w-]){re.escape(a)}{joined}{re.escape(b)}(?![\w-])", text)
               for other in others if other != name for a, b in ((name, other), (other, name)))
    assert _two_places(text, name, others) == rule


def test_a_count_of_two_places_stays_apart_from_the_one_places_group():
    from dossier.assemble.figures import group_figures
    curation = PLACES
    found = extract_figures(article(
        "Authorities ordered 4,000 residents of Lindau and the neighbouring village of Ostrava to leave their homes.",
        "About 2,500 people in Lindau remain out of their homes."), curation)
    groups = {(g.metric, g.place): [f.value for f in g.figures] for g in group_figures(found, curation)}
    assert groups == {("displaced", None): [4000], ("displaced", "Lindau"): [2500]}


@pytest.mark.parametrize("sentence, expected", [
    # people are no buildings: what was done to them names the metric, else none does
    ("About 2,500 people in Lindau remain out of their homes.", [(2500, "displaced")]),
    ("About 400 people whose houses were damaged remain in temporary housing.", [(400, "displaced")]),
    ("Some 120 people live in the damaged apartment blocks.", [(120, "other")]),
    # told to leave: what they were ordered to do
    ("Police ordered 4,000 residents to leave their homes.", [(4000, "displaced")]),
    ("The mayor urged about 900 people to evacuate.", [(900, "displaced")]),
    # buildings stay buildings
    ("The quake damaged 300 homes.", [(300, "buildings")]),
])
def test_people_are_never_counted_as_buildings(sentence, expected):
    assert [(f.value, f.metric) for f in figures(sentence)] == expected


def test_where_the_injured_were_taken_is_not_where_the_story_happened():
    """The city a hospital is in, named as where people were moved, lends itself to no count
    that names no place (it would make every count of the article that city's)."""
    assert placed("A hospital says it is treating 96 patients, 11 of them in critical condition.",
                  "The most seriously injured will be moved to the burns unit in the city of Ostrava.",
                  "Eight people remain missing.") == [(11, None), (8, None)]


def test_the_injured_flown_to_a_centre_in_another_city_are_there():
    assert placed("Forty people were hurt in Lindau and 12 were flown to the burns unit at Ostrava.") == [(40, "Lindau"), (12, "Ostrava")]
    assert placed("The injured were taken to the city's hospitals, and 11 of them, in critical condition, "
                  "were flown to the regional trauma centre in Ostrava.") == [(11, "Ostrava")]


@pytest.mark.parametrize("sentence, expected", [
    # (value, place, lent): a toll brought up by a death in one town is the event's, its place lent
    ("A woman died in hospital in Ostrava on Monday, bringing the death toll from Saturday's crush to 22.",
     [(22, "Ostrava", True)]),
    ("The sheriff's office confirmed two more deaths in Lindau, bringing the toll to four.",
     [(2, "Lindau", False), (4, "Lindau", True)]),
    # said of the toll itself, or without a toll brought up, the place is the number's own
    ("Two more bodies were found, bringing the toll in Ostrava to 9.", [(2, "Ostrava", True), (9, "Ostrava", False)]),
    ("Twelve people died in Lindau on Monday.", [(12, "Lindau", False)]),
])
def test_a_toll_brought_up_by_a_death_elsewhere_has_its_place_only_lent(sentence, expected):
    assert [(f.value, f.place, f.place_lent) for f in read(sentence) if f.metric == "killed"] == expected


@pytest.mark.parametrize("sentence, expected", [
    # (value, increment): the deaths that raised a toll are not a toll
    ("The death toll rose to 11 on Friday after two injured workers died in hospital.", [(11, False), (2, True)]),
    ("The toll has risen to 40 after another 3 bodies were found.", [(40, False), (3, True)]),
    ("After 2 people died on Monday, officials closed the road.", [(2, False)]),
])
def test_the_deaths_that_raised_a_toll_are_an_increment(sentence, expected):
    assert [(f.value, f.increment) for f in figures(sentence)] == expected


@pytest.mark.parametrize("paragraphs, expected", [
    # "another" after a count of the same thing adds to it; after a count of something else it
    # is "also", a total of its own
    (("The toll rose to 47.", "A further 163 people were injured."), [(47, False), (163, False)]),
    (("The storm killed 14 people. Another 40 people were missing.",), [(14, False), (40, False)]),
    (("The storm killed 14 people. Another 5 people died overnight.",), [(14, False), (5, True)]),
])
def test_another_after_a_count_of_something_else_is_no_addition(paragraphs, expected):
    assert [(f.value, f.increment) for f in figures(*paragraphs)] == expected


@pytest.mark.parametrize("paragraphs, expected", [
    # who keeps, holds or cuts the toll gives the count
    (("The coordination office kept its toll at 11.",), ["Relief Coordination Office"]),
    (("The coordination office cut the death toll to 9 on Monday.",), ["Relief Coordination Office"]),
    # "the union" is not the organisation named before it
    (("The coordination office reported 11 dead.", "The union says 13 workers died."),
     ["Relief Coordination Office", "union"]),
])
def test_who_keeps_a_toll_gives_it_and_the_union_is_no_other_organisation(paragraphs, expected):
    assert [f.claimant for f in read(*paragraphs)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # (value, counted): what a percentage is of, so shares and containment are never rivals
    ("The fire was 5% contained by Tuesday evening.", [(5, "contained")]),
    ("Crews reported 22% containment on Friday.", [(22, "contained")]),
    ("Ostrava Power shares fell 11% this week.", [(11, "share")]),
    ("Around 40% of flights were cancelled on Wednesday.", [(40, "flight")]),
    ("Inflation rose to 6.1% in May.", [(6.1, "inflation")]),
])
def test_a_percentage_says_what_it_is_of(sentence, expected):
    assert [(f.value, f.counted) for f in figures(sentence) if f.unit == "percent"] == expected


@pytest.mark.parametrize("sentence, cell", [
    # a figures table shows the words of the source only when they say more than the value
    ("Turnout was 78 percent, the election commission said.", "**78%**"),
    ("Turnout was 78 per cent, the election commission said.", "**78%**"),
    ("Turnout was 78%, the election commission said.", "**78%**"),
    ("Turnout was 12,000 voters, the election commission said.", "**12,000**"),
    ("Turnout was seventy-eight percent, the election commission said.", "**78%** “seventy-eight percent”"),
])
def test_a_percentage_in_words_is_not_echoed_beside_its_value(sentence, cell):
    from dossier.render.tables import value_cell

    assert [value_cell(f) for f in figures(sentence)] == [cell]


def test_percentages_of_different_things_are_never_a_dispute():
    from dossier.assemble.figures import group_figures
    found = read("Cal Fire said the fire was 22% contained.",
                                    "Ostrava Power shares fell 11% on Friday.")
    groups = group_figures(found, PLACES)
    assert sorted((g.subject, g.agreement) for g in groups) == [("contained", "single"), ("share", "single")]


@pytest.mark.parametrize("sentence, expected", [
    # (value, counted): destroyed and damaged buildings are counted apart
    ("Cal Fire now counts 158 structures destroyed and 40 damaged.",
     [(158, "buildings destroyed"), (40, "buildings damaged")]),
    ("The fire tore through the hills, destroying at least 40 homes.", [(40, "buildings destroyed")]),
    ("Officials put the number of homes lost at 61.", [(61, "buildings destroyed")]),
])
def test_destroyed_and_damaged_buildings_are_apart(sentence, expected):
    assert [(f.value, f.counted) for f in figures(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # (value, metric): an age is no count, a conversion in brackets no second figure
    ("County officials said 3 of the 5 victims were over 70.", [(3, "killed"), (5, "killed")]),
    ("The fire had burned 12,000 acres (4,856 hectares) by Tuesday evening.", [(12000, "other")]),
    ("Police seized 450,000 levs ($250,000) in cash.", [(450000, "money"), (250000, "money")]),
    # "and" between two names is inside one phrase: what follows still says what is counted
    ("About 9,500 residents of Lindau and Ostrava remain under evacuation orders.", [(9500, "displaced")]),
])
def test_an_age_or_a_conversion_is_no_count_and_names_joined_by_and_are_one_phrase(sentence, expected):
    assert [(f.value, f.metric) for f in figures(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # (value, metric, counted, side): whose share a percentage is, and what it is of
    ("The ruling Unity Party won 54.2% of the vote on Sunday.", [(54.2, "percentage", "vote", "Unity Party")]),
    ("The opposition Civic Alliance got 31.5% and 44 seats.",
     [(31.5, "percentage", "percent", "Civic Alliance"), (44, "other", "seats", "Civic Alliance")]),
    ("Turnout was 61%, down from 68% in 2021.",
     [(61, "percentage", "turnout", None), (68, "percentage", "turnout", None)]),
    ("The Civic Alliance says the Unity Party's real share was below 45%.",
     [(45, "percentage", "share", "Unity Party")]),
])
def test_a_share_of_the_vote_is_its_partys(sentence, expected):
    assert [(f.value, f.metric, f.counted, f.side) for f in figures(sentence)] == expected


def test_a_count_compared_with_an_earlier_one_keeps_its_own_date():
    found = figures("In Lindau, the Unity Party won 71% of the vote, compared with 49% in 2021.")
    assert [(f.value, f.counted, f.as_of.iso) for f in found] == [(71, "vote", "2026-05-14"), (49, "vote", "2021")]


def test_the_part_that_was_released_is_released_not_a_crowd():
    found = figures("The interior ministry said 61 of the 140 protesters detained on Tuesday had been released.")
    assert [(f.value, f.metric) for f in found] == [(61, "released"), (140, "captured")]


def test_numbers_no_metric_names_are_compared_only_within_one_claimants_counts():
    from dossier.assemble.figures import group_figures
    found = read(
        "The election commission ordered a recount in 40 polling stations, the coordination office said.",
        "Observers said they had visited 2,400 polling stations.",
        "The coordination office later said the recount covered 45 polling stations.")
    groups = sorted(([f.value for f in g.figures], g.agreement) for g in group_figures(found, PLACES))
    assert groups == [([40, 45], "updated"), ([2400], "single")]


@pytest.mark.parametrize("paragraphs, expected", [
    # a coordinated clause with its own number: "in Lindau" ends the clause before it, and
    # people flown to a town are there
    (("Of the 80 survivors, 30 remain in hospital in Lindau and 9 were flown to Ostrava for burns care.",),
     [(80, None), (30, "Lindau"), (9, "Ostrava")]),  # (the survivors: rescued, all of them nowhere one)
    # a whole whose part is placed elsewhere is not all there (nor lent the town named before)
    (("A fire swept through a hostel in Lindau on Monday.",
      "Of the survivors, 14 are still in hospital, five of them in Ostrava."), [(14, None), (5, "Ostrava")]),
    # a fronted place holds for every count after it
    (("In Lindau, 12 people died and 30 were injured.",), [(12, "Lindau"), (30, "Lindau")]),
])
def test_the_place_of_each_of_several_counts_in_one_sentence(paragraphs, expected):
    assert placed(*paragraphs) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a part of one count that passed into another: counted by what befell it, an addition
    ("Two of the injured died in hospital overnight.", [(2, "killed", True)]),
    ("Three more of the missing were found dead on Sunday.", [(3, "killed", True)]),
    ("Twelve of the wounded have since died, the hospital said.", [(12, "killed", True)]),
    # a part that is still what the whole is: no change of count
    ("Six of the injured are children.", [(6, "children_injured", False)]),
])
def test_a_part_that_passed_into_another_count_adds_to_it(sentence, expected):
    found = read(sentence)
    assert [(f.value, f.metric, f.increment) for f in found] == expected


def test_the_number_of_what_is_named_before_it_is_what_it_counts():
    found = read("The toll rose to 30 on Monday.",
                                    "The airline put the number of people on board at 187.")
    aboard = next(f for f in found if f.value == 187)
    assert (aboard.metric, aboard.counted) == ("aboard", "people")  # not the toll before it
    found = read("The toll rose to 30. Earlier reports put the number at 28.")
    assert [(f.value, f.metric) for f in found] == [(30, "killed"), (28, "killed")]


@pytest.mark.parametrize("sentence, expected", [
    ("At least 40 people died, most of them over 75.", [(40, "killed", "people")]),  # an age
    ("Officials said 60% of the dead were older than 80.", [(60, "percentage", "dead")]),
    ("An estimated 520 more people died between 14 and 20 July than in an average week.",
     [(520, "killed", "excess people")]),  # a day range; excess deaths, not a toll
    ("Firefighters recovered 12 bodies from the building.", [(12, "killed", "people")]),  # who acted is no metric
    ("Firefighters were battling 27 wildfires.", [(27, "other", "wildfires")]),
    ("Nearly 3m people lost power.", [(3e6, "affected", "people")]),  # no losses of a war
    ("WHO said 1.7 million people were in urgent need of medical care.", [(1.7e6, "affected", "people")]),
    # an aside between a count and its verb: the verb is the count's
    ("At least 15 people, including four children, were killed when a bus plunged into a ravine.",
     [(15, "killed", "people"), (4, "children_killed", "children")]),
    ("The UN says more than 1.9 million people, or about 85% of the population, have been displaced.",
     [(1.9e6, "displaced", "people"), (85, "percentage", "population")]),
    # a toll a death brings up counts all the dead, not the firefighters before it
    ("Two firefighters died battling the blaze, bringing the total number of dead to 27.",
     [(2, "killed", "rescuers"), (27, "killed", "people")]),
    ("About 60,000 homes lost power overnight.", [(60000, "buildings", "buildings without power")]),
    ("The storm destroyed 20 homes, and 400 homes lost power.",
     [(20, "buildings", "buildings destroyed"), (400, "buildings", "buildings without power")]),
])
def test_what_a_number_counts_and_what_is_no_count(sentence, expected):
    found = read(sentence)
    assert [(f.value, f.metric, f.counted) for f in found] == expected


def test_a_bare_count_after_a_count_verb_continues_the_count_before():
    found = read("The town of Lindau accounted for 131 of the deaths, the coordination office said. "
                                    "The village of Ostrava recorded 38.")
    assert [(f.value, f.metric, f.place) for f in found] == [(131, "killed", "Lindau"), (38, "killed", "Ostrava")]


@pytest.mark.parametrize("sentence, expected", [
    ("At least 40 people died in Lindau, of whom 12 were children.",
     [(40, "killed", "people", False), (12, "children_killed", "children", True)]),
    ("At least 40 people died in Lindau, of whom 12 were killed in the market.",
     [(40, "killed", "people", False), (12, "killed", "people", True)]),
])
def test_a_part_named_after_were_counts_what_it_names(sentence, expected):
    found = read(sentence)
    whole = found[0]
    assert [(f.value, f.metric, f.counted, f.part_of == whole.id) for f in found] == expected


@pytest.mark.parametrize("sentence, claimant", [
    ("The coordination office's latest figure, published on Monday, is 41 dead.", "Relief Coordination Office"),
    ("Lindau's toll rose to 12 on Sunday.", "Harbour Post"),  # a place's toll is where, not who (the outlet)
])
def test_the_owner_of_a_figure_opening_a_sentence_gives_it(sentence, claimant):
    found = read(sentence)
    assert [f.claimant for f in found] == [claimant]


def test_drowning_is_a_death():
    found = read("At least 41 migrants drowned when their boat capsized, officials said.")
    assert [(f.value, f.metric) for f in found] == [(41, "killed")]


def test_a_toll_told_town_by_town_gives_each_town_its_count_and_a_part_of_the_dead_is_of_all_of_them():
    """"Officials said 18 people died in Sarnow, eleven in Dunmere and five in Kell Harbour":
    each bare number after the first is the same count in the town it names; "At least six of
    the dead are children" is a part of the toll before (34), not of the last town's count."""
    found = read("Eight more bodies have been recovered, bringing the toll to 34. Officials said 18 people died in "
                 "Sarnow, eleven in Dunmere and five in Kell Harbour. At least six of the dead are children.")
    by_value = {f.value: f for f in found}
    assert [(f.value, f.metric, f.place) for f in found if f.value in (18, 11, 5)] == [
        (18, "killed", "Sarnow"), (11, "killed", "Dunmere"), (5, "killed", "Kell Harbour")]
    six = by_value[6]
    assert (six.metric, six.place, six.part_of) == ("children_killed", None, by_value[34].id)
    found = read("The blast killed 9 people in the port and 4 more in the nearby town of Vell.")
    assert [(f.value, f.metric) for f in found] == [(9, "killed"), (4, "killed")]
