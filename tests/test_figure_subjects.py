"""What each figure counts, where, whose, what it is a part of, as of when and who says so:
sentence -> expected tables for each rule, and must-not-extract cases. The sentences are
written for these tests (not taken from any fixture), in the shapes wire and online copy has."""

from __future__ import annotations

import pytest

from dossier.analyse.figures import extract_figures, metric_matcher
from dossier.curation import default_metrics as load_default_metrics
from dossier.curation.model import Curation, EntitySpec, MetricSpec
from dossier.model import Article, Figure, FuzzyDate, Paragraph, SourceRef

DATE = FuzzyDate(2026, 5, 14)  # a Thursday
CURATION = Curation(
    title="Test",
    metrics=load_default_metrics(),
    entities=(
        EntitySpec("Ana Moreau", "person", ("Moreau",)),
        EntitySpec("Civil Protection Agency", "organisation", ("civil protection agency",)),
        EntitySpec("Northern Command", "organisation", ()),
    ),
)


def article(*paragraphs: str, outlet: str | None = "Harbour Post") -> Article:
    return Article(id="a1", path="a1.txt", title="A", title_inferred=False, outlet=outlet,
                   outlet_inferred=False, url=None, date=DATE, date_origin="marker",
                   paragraphs=tuple(Paragraph(i, text, i) for i, text in enumerate(paragraphs, start=1)))


def figures(*paragraphs: str) -> list[Figure]:
    return list(extract_figures(article(*paragraphs), CURATION))


@pytest.mark.parametrize("sentence, expected", [
    ("The shelling killed 9 civilians in Ostrava.", [(9, "killed", "people")]),
    ("Firefighters said 14 firefighters and 3 paramedics were hurt.", [(14, "injured", "rescuers"), (3, "injured", "rescuers")]),
    ("Around 220 emergency workers were sent to the port.", [(220, "rescuers", "rescuers")]),
    ("More than 80 rescue personnel are on site.", [(80, "rescuers", "rescuers")]),
    ("The army deployed 2,000 military personnel to the border.", [(2000, "troops", "soldiers")]),
    ("The enemy launched 61 UAVs and 12 ballistic missiles overnight.",
     [(61, "weapons_launched", "drones"), (12, "weapons_launched", "missiles")]),
    ("Air defences intercepted 55 drones.", [(55, "intercepted", "drones")]),
    ("Gunners shot down 70 of 83 drones.", [(70, "intercepted", "drones"), (83, "weapons_launched", "drones")]),
    ("Eleven missiles were destroyed by fighter jets.", [(11, "intercepted", "missiles")]),
    ("Investigators found 240 imported parts in the wreckage.", [(240, "other", "parts")]),
    ("The storm damaged 37 houses and destroyed 5 schools.",
     [(37, "buildings", "buildings damaged"), (5, "buildings", "schools destroyed")]),
    ("Some 4,000 residents were evacuated from the valley.", [(4000, "displaced", "people")]),
    ("The enemy has lost 1,150 servicemen in a day.", [(1150, "killed_or_wounded", "soldiers")]),
    ("Army units pulled 12 people from the rubble alive.", [(12, "rescued", "people")]),
    # the gravest of the injured are a count apart from all of them (not their latest count)
    ("Seven people remain in critical condition.", [(7, "injured", "people in serious condition")]),
    ("Nine remain in intensive care there.", [(9, "injured", "people in serious condition")]),
    ("640 people were injured, 85 of them seriously.",
     [(640, "injured", "people"), (85, "injured", "people in serious condition")]),
    ("A serious fire left 40 people injured.", [(40, "injured", "people")]),
    # (value, metric, counted): buildings people were taken to, or sheltered in, are where, not damage
    ("The injured were taken to three hospitals in Lindau.", [(3, "other", "hospitals")]),
    ("Families are sheltering in 14 schools across the city.", [(14, "other", "schools")]),
    ("The storm damaged 1,200 homes and three hospitals.",
     [(1200, "buildings", "buildings damaged"), (3, "buildings", "hospitals damaged")]),
    ("The quake caused damage to 300 homes.", [(300, "buildings", "buildings damaged")]),
    # a supply cut to buildings, said before them
    ("A fault cut electricity to about 200,000 homes.", [(200000, "buildings", "buildings without electricity")]),
    ("Power was cut to 60,000 homes.", [(60000, "buildings", "buildings without power")]),
    # a part set off by commas goes on after its aside, and the ages of a part name children
    ("The injured were taken to three hospitals, and 11 of them, in critical condition, were flown on.",
     [(3, "other", "hospitals"), (11, "injured", "people in serious condition")]),
    ("Of the 22 dead, seven were under 18.", [(22, "killed", "people"), (7, "children_killed", "children")]),
    ("At least 40 people died, of whom 12 were younger than 16.", [(40, "killed", "people"), (12, "children_killed", "children")]),
    ("Of the 300 dead, 81 were under 40.", [(300, "killed", "people")]),
    # "the real figure is at least 81": the count the sentence before led with, given otherwise
    ("The official toll had risen to 67, with 14 still missing. The union says the real figure is at least 81.",
     [(67, "killed", "people"), (14, "missing", "people"), (81, "killed", "people")]),
    # bodies are the dead, whatever was done with them; people pulled out alive are rescued
    ("Rescue workers have pulled 14 bodies from the rubble.", [(14, "killed", "people")]),
    ("Rescuers pulled 14 people alive from the rubble.", [(14, "rescued", "people")]),
])
def test_metric_and_counted(sentence, expected):
    assert [(f.value, f.metric, f.counted) for f in figures(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # (value, value of the figure it is a part of, metric)
    ("The strike killed 23 people (including 5 children) and injured 40, 9 of them children.",
     [(23, None, "killed"), (5, 23, "children_killed"), (40, None, "injured"), (9, 40, "children_injured")]),
    ("At least 12 people died, among them two children.", [(12, None, "killed"), (2, 12, "children_killed")]),
    ("Officials counted 19 dead. Four of the dead were children.", [(19, None, "killed"), (4, 19, "children_killed")]),
    ("Doctors treated 52 people; 8 of them are in serious condition.", [(52, None, "injured"), (8, 52, "injured")]),
    ("The flood damaged 60 buildings, including 14 schools.", [(60, None, "buildings"), (14, 60, "buildings")]),
    ("The blast injured 25 people, including a firefighter and 3 children.",
     [(25, None, "injured"), (3, 25, "children_injured")]),
    ("Eight people died. Among the dead were three children.", [(8, None, "killed"), (3, 8, "children_killed")]),
    ("Of the 40 drones launched at the city overnight, 36 were shot down.",
     [(40, None, "weapons_launched"), (36, 40, "intercepted")]),
    ("Police said 70 people were hurt in the crush, 20 of them children.",
     [(70, None, "injured"), (20, 70, "children_injured")]),
])
def test_part_of(sentence, expected):
    found = figures(sentence)
    by_id = {f.id: f.value for f in found}
    assert [(f.value, by_id.get(f.part_of) if f.part_of else None, f.metric) for f in found] == expected


def test_a_count_of_another_people_metric_is_not_a_part():
    found = figures("Hospitals treated 41 people; three of them died later.")
    assert [(f.value, f.metric, f.part_of) for f in found] == [(41, "injured", None), (3, "killed", None)]


def test_words_naming_the_speaker_do_not_name_the_metric():
    found = figures("Emergency services said 126 people were evacuated, among them 19 children.")
    assert [(f.value, f.metric, f.counted) for f in found] == [(126, "displaced", "people"), (19, "displaced", "children")]


def test_a_period_start_does_not_date_a_figure():
    found = figures("A total of 1,150 people have been killed in the city since February 2022, the mayor said.")
    assert [(f.value, f.as_of.iso, f.as_of_origin) for f in found] == [(1150, "2026-05-14", "article")]


def test_a_part_takes_the_claimant_of_its_whole_stated_just_before():
    found = figures("The toll rose to 30, Mayor Ana Moreau said. Seven of the dead were children.")
    assert [(f.value, f.claimant, f.metric) for f in found] == [
        (30, "Ana Moreau", "killed"), (7, "Ana Moreau", "children_killed")]


@pytest.mark.parametrize("paragraphs, expected", [
    # (value, superseded by the figure of value)
    (("The death toll has increased to 27, the agency said. Earlier, 19 deaths were reported.",),
     [(27, None), (19, 27)]),
    (("At noon officials said 12 people had died.", "By evening the toll had risen to 15."),
     [(12, 15), (15, None)]),
    (("The toll rose to 31. Rescuers recovered 3 more bodies overnight.",), [(31, None), (3, None)]),
    (("The death toll rose from 16 to 21 overnight, officials said.",), [(16, 21), (21, None)]),
    (("In 2023 a similar attack killed 20 people. The toll of this one rose to 26.",), [(20, None), (26, None)]),
    # a death that brings the toll up: the count before is replaced, in the same report
    (("Seven people were killed, police say.", "One of the wounded died overnight, bringing the toll to 8."),
     [(7, 8), (8, None)]),
    # a town's count that raises the overall toll is the town's, not an earlier toll
    (("Rescuers reached Talsey, where officials said 9 people had died, raising the overall toll to 31.",),
     [(9, None), (31, None)]),
])
def test_superseded_within_an_article(paragraphs, expected):
    found = figures(*paragraphs)
    by_id = {f.id: f.value for f in found}
    assert [(f.value, by_id.get(f.superseded_by) if f.superseded_by else None) for f in found] == expected


@pytest.mark.parametrize("sentence, expected", [
    # (value, as_of, origin)
    ("On December 27, 2024, a strike on the port killed 10 people.", [(10, "2024-12-27", "stated")]),
    ("Officials said on Monday that 8 people were injured.", [(8, "2026-05-11", "relative")]),
    ("Tuesday's attack has killed 14 people, officials say.", [(14, "2026-05-14", "article")]),
    ("The toll from the May 12 attack has risen to 17, the agency said on Thursday.", [(17, "2026-05-14", "relative")]),
    ("The agency said on Wednesday it would spend $2 billion this month, part of a $9 billion plan agreed last year.",
     [(2e9, "2026-05-13", "relative"), (9e9, "2025", "relative")]),
    ("The army has fired more than 900 shells since the beginning of May, the general said on Tuesday.",
     [(900, "2026-05-12", "relative")]),
    ("In 2024, the agency counted about 2,000 people killed.", [(2000, "2024", "stated")]),
    ("As of this moment, 40 people are missing.", [(40, "2026-05-14", "relative")]),
    ("Nine people were injured.", [(9, "2026-05-14", "article")]),
])
def test_as_of(sentence, expected):
    assert [(f.value, f.as_of.iso, f.as_of_origin) for f in figures(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # (value, value_max, qualifier, counted)
    ("Roughly two dozen people are unaccounted for.", [(24, None, "approx", "people")]),
    ("Dozens of firefighters fought the blaze.", [(24, None, "at_least", "rescuers")]),
    ("More than a hundred people were evacuated.", [(100, None, "more_than", "people")]),
    ("The enemy used 6 “Kalibr” cruise missiles.", [(6, None, "exact", "missiles")]),
    ("The enemy has lost 20-25 thousand in killed and wounded this month.", [(20000, 25000, "range", "people")]),
    ("Thirty people were injured, 6 in serious condition.",
     [(30, None, "exact", "people"), (6, None, "exact", "people in serious condition")]),
    ("Officials said that two people died.", [(2, None, "exact", "people")]),
])
def test_numbers_in_news_forms(sentence, expected):
    assert [(f.value, f.value_max, f.qualifier, f.counted) for f in figures(sentence)] == expected


@pytest.mark.parametrize("sentence", [
    "One of the missiles hit a school.",
    "One of them was a nurse.",
    "A drone hit a 12-storey building.",
    "A nine-storey block was hit.",
    "The victims were aged 7 and 12.",
    "A 9-year-old boy was among the dead.",
    "The sirens sounded at 04:30 and again at 6 a.m.",
    "The jets were F-16 and Su-34 models.",
    "Error 404: page not found.",
    "Photo: Marta Nowak / Harbour Post",
    "No one else is believed to be missing.",
    "The toll of this one is not known.",
])
def test_must_not_extract(sentence):
    assert figures(sentence) == []


@pytest.mark.parametrize("paragraphs, expected", [
    (("The city said 11 people were killed.",), ["city"]),
    (("At least 6 people were killed. This was stated by Mayor Ana Moreau on Telegram.",), ["Ana Moreau"]),
    (("The Civil Protection Agency said it was searching the site. Its teams found 4 bodies, it said.",),
     ["Civil Protection Agency"]),
    (("As reported by Harbour Radio, 15 people were injured.",), ["Harbour Radio"]),
    (("Northern Command's daily report stated that 300 soldiers had been killed.",), ["Northern Command"]),
    (("Ana Moreau wrote on social media that 5 people had died.",), ["Ana Moreau"]),
    (("Roughly 20 people are missing, according to the acting mayor, Ana Moreau.",), ["Ana Moreau"]),
    (("The head of the Civil Protection Agency Ana Moreau said 3 people died.",), ["Ana Moreau"]),
    (("Eight people were injured.", "Photo: Civil Protection Agency"), ["Harbour Post"]),
    (("The General Staff said 40 soldiers were killed.",), ["General Staff"]),
    (("Ukraine's air force said Russia launched 70 drones.",), ["air force"]),
    (("The Civil Protection Agency said 9 people died. The union, which has 400 members, said it would strike.",),
     ["Civil Protection Agency", "Harbour Post"]),
    (("Firefighters were called at 3 a.m. 2 people were rescued, it said.",), ["Harbour Post"]),
])
def test_claimants(paragraphs, expected):
    assert [f.claimant for f in figures(*paragraphs)] == expected


@pytest.mark.parametrize("value, value_max, qualifier, unit, text, display", [
    (100, None, "more_than", "people", "more than 100", "more than 100"),
    (2700, None, "almost", "people", "almost 2 700", "almost 2,700"),
    (20e9, None, "more_than", "USD", "more than $20 billion", "more than $20 billion"),
    (16, None, "at_least", "people", "at least 16", "at least 16"),
    (10000, 12000, "range", "people", "10,000 to 12,000", "10,000 to 12,000"),
    (24, None, "at_least", "people", "dozens", "dozens"),
    (3.1e9, None, "exact", "SEK", "3.1 billion Swedish crowns", "3.1 billion SEK"),
])
def test_display(value, value_max, qualifier, unit, text, display):
    figure = Figure(id="x", source=SourceRef("a", 1), value=value, value_max=value_max, qualifier=qualifier,
                    unit=unit, metric="killed", label="Killed", subject="people", claimant="c",
                    claimant_kind="outlet", as_of=None, as_of_stated=False, sentence=text, text=text)
    assert figure.display == display


def test_metric_words_are_compiled_once_per_curation():
    metrics = (MetricSpec("killed", "Killed", ("killed", "death toll")),)
    first = metric_matcher(metrics)
    assert metric_matcher(metrics) is first
    pattern, words = first
    assert [m.group(0) for m in pattern.finditer("The death  toll: 5 killed")] == ["death  toll", "killed"]


def test_a_curation_metric_replaces_the_default_words():
    curation = Curation(title="T", metrics=(MetricSpec("sorties", "Sorties", ("sorties", "flew"), "flights"),))
    found = list(extract_figures(article("The air force flew 140 sorties."), curation))
    assert [(f.value, f.metric, f.counted) for f in found] == [(140, "sorties", "sorties")]


@pytest.mark.parametrize("paragraphs, expected", [
    # (value, place, side)
    (("In the northern city of Brno, 4 people were injured.",), [(4, "Brno", None)]),
    (("Lviv's toll stands at 13 injured.",), [(13, "Lviv", None)]),
    (("A drone attack on Lviv injured 6 people.", "Rescuers are searching for 2 people."),
     [(6, "Lviv", None), (2, "Lviv", None)]),
    (("Brno, a city of some 400,000 people, was hit at night. A strike on the city in 2023 killed 5 people.",),
     [(5, "Brno", None)]),  # (how many live there is no figure of the event)
    (("The border guard said 40 Norland soldiers were killed.",), [(40, None, "Norland")]),
    (("Norland has lost 3,000 in killed and wounded.",), [(3000, None, "Norland")]),
])
def test_place_and_side(paragraphs, expected):
    assert [(f.value, f.place, f.side) for f in figures(*paragraphs)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # (value, counted, side, increment): a bare count coordinated after a counted noun counts it
    ("Intelligence believes 300 soldiers have been killed in the war and almost 2 700 have been wounded.",
     [(300, "soldiers", None, False), (2700, "soldiers", None, False)]),
    # ... but never the noun of a part ("including three children")
    ("The attack killed at least 16 people, including three children, and injured more than 60 overnight.",
     [(16, "people", None, False), (3, "children", None, False), (60, "people", None, False)]),
    ("Vostland has sent at least 3,000 additional soldiers to the front.",
     [(3000, "soldiers", "Vostland", True)]),
    ("The navy recovered seven more bodies on Wednesday.", [(7, "people", None, True)]),
    ("More than 200 missiles and drones were launched overnight.", [(200, "weapons", None, False)]),
])
def test_elliptic_counts_increments_and_sides(sentence, expected):
    assert [(f.value, f.counted, f.side, f.increment) for f in figures(sentence)] == expected


def test_a_demonym_names_the_curated_place_it_comes_from():
    curation = Curation(title="T", metrics=load_default_metrics(),
                        entities=(EntitySpec("Vostland", "place", ("the Republic",)),))
    found = extract_figures(article("Some 4,000 Vostlandian troops crossed the river."), curation)
    assert [(f.value, f.side) for f in found] == [(4000, "Vostland")]


def test_a_side_named_earlier_in_the_paragraph_carries_to_the_same_noun():
    (figure,) = figures("The first soldiers from Vostland had already arrived. There are about 9 000 soldiers.")
    assert (figure.value, figure.counted, figure.side) == (9000, "soldiers", "Vostland")


def test_this_was_stated_by_reaches_back_across_a_pasted_line_break():
    found = figures("As of 18:00, the toll has increased to 21 people.",
                    "This was stated by the head of the regional administration Ana Moreau on Telegram.")
    assert [(f.value, f.claimant) for f in found] == [(21, "Ana Moreau")]


def test_a_fronted_place_holds_for_the_whole_sentence_and_never_takes_the_articles_main_place():
    found = figures("A drone attack on Lindau killed 2 people and wounded 20, the mayor said.",
                    "In Ostrava, three people were killed and 11 injured, the governor said.",
                    "Lindau counted the damage on Sunday.")
    assert [(f.value, f.place) for f in found] == [(2, "Lindau"), (20, "Lindau"), (3, "Ostrava"), (11, "Ostrava")]


def test_an_earlier_count_is_superseded_whichever_way_the_count_moved():
    found = figures("Ana Moreau said 52 people remained unaccounted for. "
                    "An earlier tally had put the number of missing at 64.")
    missing = {f.value: f for f in found}
    assert missing[64].superseded_by == missing[52].id and missing[52].superseded_by is None


def test_the_capital_is_the_place_the_curation_names_so():
    curation = Curation(title="T", metrics=load_default_metrics(),
                        entities=(EntitySpec("Lindau", "place", ("the capital",)), EntitySpec("Vostland", "place", ())))
    found = extract_figures(article("The missile was made in Vostland, officials said.",
                                    "The attack destroyed 40 houses in five districts of the capital."), curation)
    assert {(f.value, f.place) for f in found if f.metric != "other"} >= {(40, "Lindau")}


def test_made_in_a_country_never_becomes_where_later_figures_happened():
    curation = Curation(title="T", metrics=load_default_metrics(), entities=(EntitySpec("Vostland", "place", ()),))
    found = extract_figures(article("The missile was made in Vostland, officials said.",
                                    "The attack destroyed 40 houses in five districts of the capital."), curation)
    assert all(f.place != "Vostland" for f in found)


@pytest.mark.parametrize("sentence, expected", [
    ("As of 18:00, the death toll has increased to 21 people.", "18:00"),
    ("By 9 a.m. on Thursday rescuers had pulled 14 people from the rubble.", "09:00"),
    ("At 7.30 pm the regional governor said 40 people were injured.", "19:30"),
    ("The ferry left the port at 6 a.m. and sank; 31 people died, the agency said on Tuesday.", None),
    ("The governor said 40 people were injured.", None),
])
def test_the_time_of_day_travels_with_the_count(sentence, expected):
    (figure,) = [f for f in figures(sentence) if f.metric != "other"]
    assert figure.as_of_time == expected


@pytest.mark.parametrize("paragraph, expected", [
    # a live blog entry's stamp dates every count of the entry that is of its day
    ("09:40 - The toll has risen to 33, according to the fire service.", ["09:40"]),
    ("**13:20** - The death toll climbs to 37. Police said 48 people remain unaccounted for.", ["13:20", "13:20"]),
    ("8:45 a.m. The sheriff's office confirms two more deaths, bringing the toll to four.", ["08:45", "08:45"]),
    ("7:05 pm - Officials say 12 people are missing.", ["19:05"]),
    # a count of another day keeps its own date and no time; a time not opening the entry is no stamp
    ("09:40 - Yesterday the toll stood at 20.", [None]),
    ("The toll rose to 33 and then 12:30 passed without news.", [None]),
])
def test_a_live_blog_entrys_stamp_is_the_time_of_its_counts(paragraph, expected):
    assert [f.as_of_time for f in figures(paragraph) if f.metric != "other"] == expected


@pytest.mark.parametrize("sentence, background", [
    ("Earlier this month, a similar attack on Lindau killed 4 people.", True),
    ("Another drone attack on the port in March injured 12 people.", True),
    # a count dated two years or more before the article is of another time, however it is put
    ("The scenes recalled Storm Ardent, which killed 112 people in the province in 2019.", True),
    ("In 2025, 40 people died in the floods.", False),
    ("Last year's flood displaced 3,000 residents, the agency said.", True),
    ("Last year, 3,105 people died or went missing trying to cross the sea, the agency said.", True),
    ("The attack on Lindau killed 4 people, the mayor said.", False),
    ("Rescuers fear another 20 people are trapped.", False),
])
def test_a_count_about_another_event_is_marked(sentence, background):
    (figure,) = [f for f in figures(sentence) if f.metric != "other"]
    assert figure.background is background
