"""extract_figures: sentence -> (value, value_max, qualifier, metric, claimant) tables, from the
Kyiv strike and from other events (an earthquake, a flood, a budget deal, a protest)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from dataclasses import replace

import pytest

from dossier.analyse.attribution import claimant_for, speaker_of
from dossier.analyse.figures import extract_figures
from dossier.curation import default_metrics as load_default_metrics
from dossier.curation.model import Curation, EntitySpec, MetricSpec
from dossier.model import Article, FuzzyDate, Paragraph

DATE = FuzzyDate(2025, 4, 24)
CURATION = Curation(
    title="Test",
    metrics=load_default_metrics(),
    entities=(
        EntitySpec("Volodymyr Zelensky", "person", ("Zelensky", "Zelenskyy", "the President", "the Head of State")),
        EntitySpec("North Korea", "place", ("DPRK", "Pyongyang")),
        EntitySpec("Main Intelligence Directorate", "organisation", ("Ukrainian intelligence", "HUR")),
        EntitySpec("Kyiv", "place", ("the capital",)),
    ),
)


def make_article(*paragraphs: str, outlet: str | None = "Daily Wire", date: FuzzyDate | None = DATE) -> Article:
    return Article(id="a1", path="a1.txt", title="A", title_inferred=False, outlet=outlet,
                   outlet_inferred=False, url=None, date=date, date_origin="marker",
                   paragraphs=tuple(Paragraph(i, text, i) for i, text in enumerate(paragraphs, start=1)))


def rows(*paragraphs: str, **kwargs) -> list[tuple]:
    figures = extract_figures(make_article(*paragraphs, **kwargs), CURATION)
    return [(f.value, f.value_max, f.qualifier, f.metric, f.claimant) for f in figures]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # metric from the verb after or before the number
        ("The number of victims has not changed — 12 people died.", (12, None, "exact", "killed", "Daily Wire")),
        ("The attack killed at least 12 people, the police said.", (12, None, "at_least", "killed", "police")),
        ("The number of injured has exceeded 100.", (100, None, "more_than", "injured", "Daily Wire")),
        ("South Korean intelligence believes that 300 soldiers have been killed.",
         (300, None, "exact", "killed", "South Korean intelligence")),
        ("Zelensky said that more than 3 000 soldiers from the DPRK have been killed or wounded.",
         (3000, None, "more_than", "killed_or_wounded", "Volodymyr Zelensky")),
        ("Russia used over 200 means of destruction during the night.",
         (200, None, "more_than", "weapons_launched", "Daily Wire")),
        ("Kyiv estimates that more than 11,000 North Korean troops have been deployed.",
         (11000, None, "more_than", "troops", "Kyiv")),
        ("The attack resulted in destruction in five districts of the capital.",
         (5, None, "exact", "places_hit", "Daily Wire")),
        ("The KN-23 can carry a one-tonne warhead.", (1, None, "exact", "mass", "Daily Wire")),
        ("North Korea has earned more than $20 billion, according to KIDA.",
         (20e9, None, "more_than", "money", "KIDA")),
        ("North Korea reportedly sent over 15,800 containers of munitions to Russia.",
         (15800, None, "more_than", "shipments", "Daily Wire")),
        # other events
        ("A magnitude 6.8 earthquake struck the Atlas mountains late on Friday.",
         (6.8, None, "exact", "magnitude", "Daily Wire")),
        ("Nearly 1,200 people were rescued from their homes overnight, the Civil Guard said.",
         (1200, None, "almost", "rescued", "Civil Guard")),
        ("About 380,000 people have taken refuge in shelters, according to the Turkish government.",
         (380000, None, "approx", "displaced", "Turkish government")),
        ("Insurers estimate the damage at between €3bn and €4bn.", (3e9, 4e9, "range", "money", "Insurers")),
        ("The interior ministry said 224 protesters had been detained since Thursday.",
         (224, None, "exact", "captured", "interior ministry")),
        ("Prime Minister Jane Doe said 40,000 demonstrators took to the streets.",
         (40000, None, "exact", "participants", "Jane Doe")),
        ("Twelve appropriations bills were folded into the package.", (12, None, "exact", "other", "Daily Wire")),
        ("Unemployment fell to 4.2% in March, the statistics office said.",
         (4.2, None, "exact", "percentage", "statistics office")),
        ("Up to 23 million people could be affected, the WHO warned.",
         (23e6, None, "up_to", "affected", "WHO")),
        # a percentage is a figure even when no metric word stands near it
        ("The fire was 12% contained on Tuesday.", (12, None, "exact", "percentage", "Daily Wire")),
        ("The firm will cut roughly 7% of its workforce.", (7, None, "approx", "percentage", "Daily Wire")),
        # partitive: the noun after "of the" says what is counted
        ("The union represents about 12,000 of the company's workers.",
         (12000, None, "approx", "other", "Daily Wire")),
        # "X data showed" names the source; "footage showed" does not
        ("The appeal was only 13% funded, OCHA data showed.", (13, None, "exact", "percentage", "OCHA data")),
        ("Footage showed at least 12 bodies in the street.", (12, None, "at_least", "killed", "Daily Wire")),
        # currencies written as words after the amount are money
        ("Profit dropped to 3.1 billion Swedish crowns.", (3.1e9, None, "exact", "money", "Daily Wire")),
    ],
)
def test_one_figure(sentence, expected):
    assert rows(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("A missile struck Kyiv, killing at least 12 people and injuring 90 others, Zelensky said.",
         [(12, None, "at_least", "killed", "Volodymyr Zelensky"), (90, None, "exact", "injured", "Volodymyr Zelensky")]),
        ("300 soldiers have been killed and almost 2 700 have been wounded.",
         [(300, None, "exact", "killed", "Daily Wire"), (2700, None, "almost", "injured", "Daily Wire")]),
        ("Among the 90 civilians injured were six children.",
         [(90, None, "exact", "injured", "Daily Wire"), (6, None, "exact", "children_injured", "Daily Wire")]),
        ("In Syria, the health ministry said 812 people had died, while the White Helmets said at least 790 were killed.",
         [(812, None, "exact", "killed", "health ministry"), (790, None, "at_least", "killed", "White Helmets")]),
        ("The House passed the measure by 286 votes to 134.",
         [(286, None, "exact", "other", "Daily Wire"), (134, None, "exact", "other", "Daily Wire")]),
        # a bare number that continues an earlier one: comparison, "of whom", ellipsis
        ("About 2.3 million of the 6.6 million eligible voters cast ballots, down from nearly 2.6 million.",
         [(2.3e6, None, "approx", "other", "Daily Wire"), (6.6e6, None, "exact", "other", "Daily Wire"),
          (2.6e6, None, "almost", "other", "Daily Wire")]),
        ("Chad hosts some 1.3 million refugees, around 770,000 of whom arrived this year.",
         [(1.3e6, None, "approx", "displaced", "Daily Wire"), (770000, None, "approx", "displaced", "Daily Wire")]),
        ("The storm destroyed 134 structures and 41 damaged.",
         [(134, None, "exact", "buildings", "Daily Wire"), (41, None, "exact", "buildings", "Daily Wire")]),
        # a conversion in brackets keeps the qualifier of the amount it converts
        ("Police seized more than 450,000 levs ($250,000) in cash.",
         [(450000, None, "more_than", "money", "Daily Wire"), (250000, None, "more_than", "money", "Daily Wire")]),
    ],
)
def test_several_figures(sentence, expected):
    assert rows(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia attacked Kyiv on the night of April 24 with a ballistic missile.",
        "Ukrainian intelligence reported on October 24, 2024, that the first soldiers had arrived.",
        "A November 2024 CNN investigation found that KN-23 missiles contain Western parts.",
        "Putin confirmed that a 2024 defense treaty between the two countries is active.",
        "The North Korean soldiers were captured for the second time in January.",
        "Amazon Shuts Down Appstore for Android Phones After 14 Years",
        "10 Best Modern K-Dramas Starring K-Pop Idols",
        "The yuan hit its lowest level against the dollar in almost 16 years.",
        "North Korea Reportedly Sent M1991 Rocket Launchers To Russia",
        "The government declared three days of national mourning.",
        "The quake, the country's strongest since 1939, struck at 4:17 am.",
        # "one" standing for a noun, not counting one
        "The civilian count from the UN is the only one I would put in a report, said an analyst.",
        "Officials said the new estimate was a more credible one than the first.",
        "Ukraine has 24 regions.",  # a noun but no claim: kept as other
    ][:-1],
)
def test_must_not_extract(sentence):
    assert rows(sentence) == []


def test_quote_over_several_sentences_gets_the_speaker_named_after_it():
    paragraph = ('"No country should be left alone. As of this time, more than 100 people have been wounded '
                 'and 12 people have been killed. My condolences," the Head of State summed up.')
    assert rows(paragraph) == [(100, None, "more_than", "injured", "Volodymyr Zelensky"),
                               (12, None, "exact", "killed", "Volodymyr Zelensky")]


def test_speaker_named_before_the_quote_and_pronouns():
    article = make_article("Volodymyr Zelensky spoke on Friday.",
                           'He said: "We have lost 40 soldiers today."',
                           "According to him, 300 homes were damaged.")
    assert speaker_of(article, 2, 10, 40, CURATION) == ("Volodymyr Zelensky", "person")
    assert [f.claimant for f in extract_figures(article, CURATION)] == ["Volodymyr Zelensky"] * 2


def test_reported_speech_carries_claimant_and_date_to_the_next_sentence():
    figures = extract_figures(make_article(
        "Ukrainian intelligence reported on October 24, 2024, that soldiers had arrived. "
        "There are approximately 12 000 soldiers, including 500 officers."), CURATION)
    assert [(f.value, f.claimant, f.as_of, f.as_of_stated) for f in figures] == [
        (12000, "Main Intelligence Directorate", FuzzyDate(2024, 10, 24), True),
        (500, "Main Intelligence Directorate", FuzzyDate(2024, 10, 24), True),
    ]


def test_the_company_said_refers_back_to_the_organisation_named_before():
    curation = Curation(title="T", metrics=load_default_metrics(), entities=(
        EntitySpec("Nordvik Motors", "organisation", ("Nordvik",)),
        EntitySpec("Central Election Commission", "organisation", ("election commission",)),
        EntitySpec("Alpha Research", "organisation", ()),
    ))
    article = make_article("Truckmaker Nordvik Motors will cut jobs.",
                           "Profit fell to 3.1 billion crowns, the company said.",
                           "The Central Election Commission counted votes. Alpha Research polled voters.",
                           "GERB had 26.4% of the vote, the commission said.")
    assert [(f.value, f.claimant) for f in extract_figures(article, curation)] == [
        (3.1e9, "Nordvik Motors"), (26.4, "Central Election Commission")]
    # no organisation named before: the capitalised name holding the noun, else the outlet
    assert rows("The Ridge Fire Agency met on Monday. The agency said 134 structures burned.") == [
        (134, None, "exact", "buildings", "Ridge Fire Agency")]
    assert rows("The company said 300 jobs would go.") == [(300, None, "exact", "other", "Daily Wire")]


def test_unnamed_claim_falls_back_to_outlet_or_says_the_outlet_is_unnamed():
    assert extract_figures(make_article("12 people died."), CURATION)[0].claimant_kind == "outlet"
    assert extract_figures(make_article("12 people died.", outlet=None), CURATION)[0].claimant == "unnamed outlet (a1)"


def test_the_agency_is_the_public_body_named_before_by_the_name_it_is_known_as():
    """No curated entity: "the agency" is the department named in the sentence before, by its
    short name ("known as Cal Fire", "(BoM)")."""
    found = extract_figures(make_article(
        "The fire was 12% contained, according to the California Department of Forestry and Fire Protection, "
        "known as Cal Fire. The agency said 134 structures had been destroyed."), CURATION)
    assert [(f.value, f.claimant) for f in found if f.value == 134] == [(134, "Cal Fire")]
    found = extract_figures(make_article(
        "Rain fell all week, the Bureau of Meteorology (BoM) reported. The agency said 41 towns were flooded."),
        CURATION)
    assert [(f.value, f.claimant) for f in found] == [(41, "BoM")]


def test_claimant_for_a_sentence_with_an_according_to_source():
    article = make_article("According to sources in The New York Times, Russia has assembled 50 000 soldiers.")
    claim = claimant_for(article, 1, 0, len(article.paragraph(1).text), CURATION)
    assert (claim.name, claim.kind) == ("The New York Times", "organisation")


@pytest.mark.parametrize("sentence, claimant", [
    # a group named by the place it is in: the place alone would hide who speaks
    ("Police in Kharkiv said 12 people were hurt.", "police in Kharkiv"),
    ("Officials in Kyiv said 14 buildings were damaged.", "officials in Kyiv"),
    ("Local authorities in the Odesa region reported 3 deaths.", "local authorities in the Odesa region"),
    ("Military officials in Pyongyang confirmed that 2 units had left.", "military officials in Pyongyang"),
    # the words after "in" name an organisation: it is the claimant
    ("Sources in the General Staff said 40 drones were downed.", "General Staff"),
    ("Officials at the Ministry of Defence said 40 drones were downed.", "Ministry of Defence"),
    ("Officials at HUR said 40 drones were downed.", "Main Intelligence Directorate"),
    # no place or organisation named: nobody is
    ("Officials in charge said 40 drones were downed.", "Daily Wire"),
    # a role in lower case, and a role named then the person in apposition
    ("Nine people have died, among them two children, the county coroner said on Monday.", "county coroner"),
    ("The fire chief said 3 firefighters were hurt.", "fire chief"),
    # a record of someone's, and a count given out by someone, not where it was posted
    ("Figures from the health ministry show 4,500 people have been treated.", "health ministry"),
    ("The toll, given by the regional governor on Telegram, rose to 31.", "regional governor"),
    ("In Kessaran alone, 126 people died, according to the city's mayor, Bora Yilmaz.", "Bora Yilmaz"),
    # a claim that opens a clause of its own is not the claim of the number before it
    ("The ship's manifest listed 163 passengers, but survivors said many more had boarded.", "Daily Wire"),
    # ... but it is the claim of the number after it
    ("The official toll stood at 40, but the opposition said 60 had been killed.", {"officials", "opposition"}),
    # a live blog's entry stamp before the speaker; a group in a place the curation names in lower case
    ("14 September 2025 09:10 - Prosecutors in Kyiv say two guards have been arrested.", "prosecutors in Kyiv"),
    ("Health officials in the capital put the number of dead at 19.", "health officials in Kyiv"),
    # a place's office-holder is no place; a day before the speaker is no part of its name
    ("At least 7 people died, Kyiv's mayor told reporters.", "Kyiv's mayor"),
    ("On Saturday the government announced a fund of $5 million.", "government"),
    ("Yesterday officials had put the toll at 47.", "officials"),
    # a relative clause set off by commas before the verb: who speaks is the noun before it
    ("Governor Anna Berg, who toured Kyiv by helicopter, said about 20 people were missing.", "Anna Berg"),
    ("Leaders condemned the strike on Kyiv, which officials say killed at least 25 people.", "officials"),
    # ... or a description ("a regional lender") names none: the one it describes
    ("Separately, the Coastal States Development Fund, a regional lender, pledged $5 million.",
     "Coastal States Development Fund"),
    # "maintains", "puts the figure at", and the verb the number takes as its qualifier
    ("The Harbour Board, which runs the port, maintains that 40 people were hurt.", "Harbour Board"),
    ("The Red Cross puts the figure at 90 dead, and analysts at the Marine Data Institute estimated 120 dead.",
     {"Red Cross", "Marine Data Institute"}),
    # a group named by the side it is on, and diplomats as a group that speaks
    ("Shelling killed at least 19 people on Tuesday, officials on both sides said.", "officials on both sides"),
    ("Diplomats in Kyiv say 30 soldiers were killed.", "diplomats in Kyiv"),
    # a claim named by its owner: its subject's ("its claim of"), or a possessive's
    ("The defence ministry has stopped repeating its claim of more than 40 soldiers killed, and diplomats in "
     "Kyiv say the real figure is lower.", "defence ministry"),
    ("North Korea's claim that 300 soldiers were killed was repeated on state television.", "North Korea"),
    # an apposition opening with "the" describes the speaker before it; "verified" counts
    ("The UN mission, the only independent observer, has verified 21 civilian deaths.", "UN mission"),
])
def test_the_claimant_named_in_the_sentence(sentence, claimant):
    expected = claimant if isinstance(claimant, set) else {claimant}
    assert {f.claimant for f in extract_figures(make_article(sentence), CURATION)} == expected


@pytest.mark.parametrize("sentence, metric", [
    ("The derailment forced the evacuation of about 1,200 residents.", "displaced"),
    ("Authorities ordered 800 more people to leave their homes as smoke drifted east.", "displaced"),
    ("More than 1,000 residents had returned home by Wednesday.", "returned"),
    ("About 2,000 refugees have returned to their homes since March.", "returned"),
])
def test_evacuated_and_returned_home_are_counted_apart(sentence, metric):
    assert [row[3] for row in rows(sentence)] == [metric]


def test_a_capitalised_word_opening_the_sentence_is_not_whose_money_it_is():
    figures = extract_figures(make_article(
        "Local officials said damage to homes alone would exceed $20 million. "
        "Senior officials put the cost at $9 million. Acme said it would pay $3 million."), CURATION)
    assert [f.subject for f in figures] == ["money", "money", "money (Acme)"]


@pytest.mark.parametrize("sentence, counted, subject", [
    ("Northline said it would set up a $5 million fund for residents.", "fund", "fund (Northline)"),
    ("The EU approved a €50 billion aid package.", "package", "aid package"),
    ("The storm caused $3 billion in damage.", "damage", "damage"),
    ("The government would release 10 million euros in aid.", "aid", "aid"),
    # a sum each, or by the year: no rival of a total
    ("Donors pledged $2 million a year.", "per year", "pledged"),
    ("Some families were asked for 2 million kora (roughly $1,600) per child.", "per child", "money"),
    ("The company offered families compensation of €50,000 each.", "each", "money"),
    # no noun right after the sum: what it is stays unsaid
    ("It raised $4 million last year.", "", "received"),
    ("North Korea has earned more than $20 billion through its support.", "", "money (North Korea)"),
])
def test_a_sum_is_counted_as_what_it_is(sentence, counted, subject):
    (figure,) = extract_figures(make_article(sentence), CURATION)
    assert (figure.counted, figure.subject) == (counted, subject)


def test_a_fund_and_a_damage_estimate_are_not_rival_figures():
    from dossier.assemble.figures import group_figures

    figures = extract_figures(make_article(
        "Northline said on Tuesday it would set up a $5 million fund for residents. Local officials "
        "called the sum an insult and said the damage alone came to $20 million in losses."), CURATION)
    groups = group_figures(tuple(figures), CURATION)
    assert len(groups) == 2 and not any(g.agreement == "differ" for g in groups)


def test_a_province_named_before_its_noun_is_where_and_a_national_toll_before_it_is_not():
    curation = replace(CURATION, entities=(*CURATION.entities, EntitySpec("Dorvale", "place", ("Dorvale province",))))
    article = make_article(
        "KESSIN — Forty-one people have now died of cholera, the health minister told parliament on Sunday.",
        "In Dorvale province alone, 7 people have died and 160 cases have been confirmed, officials said.",
        "Dorvale province has reported 38 deaths. In the Kherson region, 4 people were killed.",
        "The minister said 250,000 vaccine doses had arrived.")
    figures = extract_figures(article, curation)
    assert [(f.value, f.place, f.subject) for f in figures] == [
        (41, None, "people"),  # not Dorvale, named only after it; not Kessin, where it was filed
        (7, "Dorvale", "people"), (160, "Dorvale", "cases"), (38, "Dorvale", "deaths (Dorvale)"),
        (4, "Kherson", "people (Kherson)"),
        # "Dorvale ... alone" is a part of the story, not its place
        (250000, None, "vaccine doses")]
    (cases,) = extract_figures(make_article("The ministry said 1,730 suspected cases had been recorded."), CURATION)
    assert (cases.metric, cases.counted) == ("cases", "people")  # a case is a person


def test_a_year_then_when_dates_the_clause_to_that_year_and_an_aftershock_is_no_quake():
    figures = extract_figures(make_article(
        "The quake was the deadliest in the province since 2011, when a magnitude 7.1 tremor killed more than "
        "600 people. Aftershocks of up to magnitude 5.1 shook the region. In the city, 12 people died."), CURATION)
    got = [(f.value, f.metric, f.counted, f.background, f.as_of.iso if f.as_of else None) for f in figures]
    assert got == [(7.1, "magnitude", "", True, "2011"), (600, "killed", "people", True, "2011"),
                   (5.1, "magnitude", "aftershocks", False, DATE.iso), (12, "killed", "people", False, DATE.iso)]


@pytest.mark.parametrize("sentence, background", [
    ("A strike on the city in January 2025 killed 13 people.", True),  # 14 months before the article
    ("A strike on the city on 2 March killed 13 people.", False),  # a week before: this one, as far as we know
    ("The strike in January 2025 killed 13 people.", False),  # the strike: not named as one of many
])
def test_an_event_named_as_one_of_many_and_dated_months_before_is_another(sentence, background):
    (figure,) = extract_figures(make_article(sentence, date=FuzzyDate(2026, 3, 10)), CURATION)
    assert (figure.value, figure.metric, figure.background) == (13, "killed", background)


@pytest.mark.parametrize("sentence, counted", [
    ("Russia fired some 9,000 drones at Ukrainian cities in the first two months of the year.",
     "drones in the first two months of the year"),
    ("Almost 2,700 people have been killed in the region since the start of the full-scale invasion.",
     "people since the start of the full-scale invasion"),
    ("Ukraine had lost up to 1,300 servicemen in the past 24 hours, the ministry said.", "soldiers in the past 24 hours"),
    ("Of the 96 ballistic missiles launched at the region since January, 31 were shot down.", "missiles since January"),
    ("Russia launched 476 drones overnight.", "drones"),  # one night's count: the event's own
    ("It was the deadliest attack on the city since the start of the war: 31 people died.", "people"),
])
def test_a_count_over_a_period_is_a_tally_of_its_own(sentence, counted):
    from dossier.model import is_tally

    first = extract_figures(make_article(sentence, date=FuzzyDate(2026, 3, 10)), CURATION)[0]
    assert first.counted == counted and is_tally(first.counted) == (counted != first.counted.split()[0])


@pytest.mark.parametrize("sentence, counted", [
    ("Hospital officials said 11 people were still being treated.", "people still in hospital"),
    ("Twenty-six people remain in hospital, down from 31 on Thursday.", "people still in hospital"),
    ("Police put the number of people treated since Friday at 26.", "people"),
    # the status is the part's ("88 of the ... were still in hospital"), not the whole's
    ("Officials said 88 of the more than 250 people injured were still in hospital.", "people"),
])
def test_those_still_in_hospital_are_counted_apart_from_all_the_injured(sentence, counted):
    first = next(f for f in extract_figures(make_article(sentence), CURATION) if f.metric == "injured")
    assert first.counted == counted


def test_where_people_were_taken_is_not_their_place_but_where_soldiers_were_sent_is():
    curation = replace(CURATION, entities=(*CURATION.entities, EntitySpec("Belmor", "place"), EntitySpec("Kursk", "place")))
    hurt = "Twelve of the most badly hurt were flown on Friday to a burns unit in Belmor."
    assert [(f.value, f.metric, f.place) for f in extract_figures(make_article(hurt), curation)] == [(12, "injured", None)]
    sent = "In March, North Korea sent 3,000 soldiers to the Kursk region."
    assert [(f.value, f.metric, f.place) for f in extract_figures(make_article(sent), curation)] == [(3000, "troops", "Kursk")]


@pytest.mark.parametrize("sentence, expected", [
    ("In Paris, police counted 81,000 marchers while the CGT said 700,000 had taken part.",
     [(81000, "police"), (700000, "CGT")]),
    ("In Marseille, organisers said 245,000 people took to the streets; police put the figure at 30,000.",
     [(245000, "organisers"), (30000, "police")]),
    ("About 22,000 people marched in Lyon, according to the prefecture, while organisers counted 50,000.",
     [(22000, "prefecture"), (50000, "organisers")]),
])
def test_a_rival_count_later_in_the_sentence_counts_the_same_thing(sentence, expected):
    figures = extract_figures(make_article(sentence), CURATION)
    assert [(f.value, f.claimant) for f in figures] == expected
    assert {f.metric for f in figures} == {"participants"} and len({f.place for f in figures}) == 1


def test_an_age_is_no_count_and_nationwide_is_the_curations_country():
    curation = replace(CURATION, entities=(EntitySpec("France", "place"), EntitySpec("Lyon", "place", within="France")))
    figures = extract_figures(make_article(
        "More than 1.2 million people marched against the plan to raise the retirement age to 64. "
        "The ministry said 1.28 million people had marched nationwide."), curation)
    assert [(f.value, f.place) for f in figures] == [(1.2e6, None), (1.28e6, "France")]


def test_subject_keeps_context_and_as_of_and_span():
    text = ("Soldiers from the DPRK have arrived. In March, North Korea sent at least 3 000 additional soldiers. "
            "Russia has assembled a group of 50 000 soldiers.")
    figures = extract_figures(make_article(text), CURATION)
    assert [f.subject for f in figures] == ["additional soldiers (North Korea)", "soldiers (Russia)"]
    first = figures[0]
    assert (first.as_of, first.as_of_stated, first.text) == (FuzzyDate(2025, 3), True, "at least 3 000")
    assert text[first.source.start:first.source.end] == "at least 3 000"
    assert figures[1].as_of == DATE and not figures[1].as_of_stated


def test_ids_are_stable_and_survive_an_added_paragraph():
    one = extract_figures(make_article("12 people died."), CURATION)
    two = extract_figures(make_article("A new first paragraph.", "12 people died."), CURATION)
    assert one[0].id == two[0].id and len(one[0].id) == 8


def test_headings_are_skipped():
    article = make_article("x")
    article = replace(article, paragraphs=(Paragraph(1, "Strike That Killed 12", 1, heading=True),))
    assert extract_figures(article, CURATION) == ()


def test_default_metrics_are_well_formed():
    metrics = load_default_metrics()
    assert len({m.id for m in metrics}) == len(metrics)
    assert {"killed", "injured", "killed_or_wounded", "troops", "money"} <= {m.id for m in metrics}
    assert all(m.words and m.label and m.unit for m in metrics)


def _quality_module():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "figures_quality.py"
    spec = importlib.util.spec_from_file_location("figures_quality", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["figures_quality"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_quality_gate_on_the_gold_set():
    """Floors from the brief: recall 0.95, precision 0.90, qualifier 0.95, claimant 0.85."""
    module = _quality_module()
    scores = module.evaluate()
    scores["holdout"] = module.evaluate_holdout()  # labelled before the extractor saw it
    for name in ("seeds", "other", "holdout"):
        rates = scores[name].rates()
        assert rates["recall"] >= 0.95, (name, rates, scores[name].problems)
        assert rates["precision"] >= 0.90, (name, rates, scores[name].problems)
        assert rates["qualifier"] >= 0.95, (name, rates, scores[name].problems)
        assert rates["claimant"] >= 0.85, (name, rates, scores[name].problems)


def test_quality_gate_on_the_strike_dossier():
    """The strike fixture read through the real ingest: the issue's targets, and what each
    figure counts, as of when, what it is a part of and what supersedes it."""
    rates = _quality_module().evaluate_dossier().rates()
    floors = {"recall": 0.95, "precision": 0.95, "qualifier": 0.97, "metric": 0.90, "claimant": 0.90,
              "counted": 0.90, "as_of": 0.90, "part_of": 0.90, "superseded": 0.95}
    assert all(rates[name] >= floor for name, floor in floors.items()), rates


def test_readme_lists_every_default_metric():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [m.id for m in load_default_metrics() if f"| `{m.id}` |" not in readme]
    assert not missing, missing


@pytest.mark.parametrize("sentence, expected", [
    # who acted, after "by", is not what is counted
    ("Both agree that 98 were freed by troops.", [("98", "released", "people")]),
    # the verb right before the number says what befell them; the participle after their noun
    # what they had been
    ("Soldiers freed 76 students abducted from the college.", [("76", "released", "pupils")]),
    ("Rescuers pulled 12 people trapped under the rubble.", [("12", "rescued", "people")]),
    # where metric words overlap, the longer holds: "were taken to hospital", not "were taken"
    ("Nine were taken to hospital with burns, the port authority said.", [("Nine", "injured", "people")]),
    ("Police said 121 students were taken and 28 escaped overnight.",
     [("121", "abducted", "pupils"), ("28", "escaped", "pupils")]),
    ("Seventy-four pupils remain in captivity, the state government said.", [("Seventy-four", "missing", "pupils")]),
    # a tally of years is no count of the event; "the largest since 2019" measures this one
    ("Rights groups say more than 1,400 pupils have been abducted from the country's schools since 2014.",
     [("more than 1,400", "abducted", "pupils since 2014")]),
    ("Thousands of protesters marched on Tuesday in the largest demonstration since 2019.",
     [("Thousands", "participants", "people")]),
])
def test_what_is_counted_is_read_from_what_befell_them(sentence, expected):
    figures = extract_figures(make_article(sentence), CURATION)
    assert [(f.text, f.metric, f.counted) for f in figures] == expected


def test_a_number_counts_its_own_noun_not_another_noun_of_its_clause():
    def counts(text: str) -> list[tuple]:
        return [(f.value, f.metric, f.counted, f.place) for f in extract_figures(make_article(text), CURATION)]

    # "hospitals" are counted by "two", not by 1,140; and Dunmere is where the ambulances went
    curation = replace(CURATION, entities=(*CURATION.entities, EntitySpec("Dunmere", "place")))
    wire = ("A ransomware attack forced its two main hospitals to cancel 1,140 operations and divert "
            "ambulances to neighbouring Dunmere, the trust said.")
    assert [(f.value, f.metric, f.counted, f.place) for f in extract_figures(make_article(wire), curation)] == \
        [(1140, "other", "operations", None)]
    # "across both hospitals" says where, not what is counted; "the number of X" counts X
    assert counts("The number of cancelled operations has reached 4,100 across both hospitals.") == \
        [(4100, "other", "operations", None)]
    # what "the number of" names is counted, not a metric word of the clause before it
    assert counts('The trust found "no evidence" that patient data had been taken, and said that the number of '
                  "patients whose appointments were cancelled had risen to 2,300.") == [(2300, "other", "people", None)]
    # still: a metric word that is a measure of the number ("the records of 1.2 million patients")
    records = replace(CURATION, metrics=(*CURATION.metrics, MetricSpec("records", "Records", ("records",))))
    found = extract_figures(make_article("The gang claims the records of 1.2 million patients."), records)
    assert [(f.value, f.metric, f.counted) for f in found] == [(1.2e6, "records", "people")]
    # "N X and Y have been ...": one subject of two nouns, whose verb comes after the second
    cancelled = replace(CURATION, metrics=(*CURATION.metrics, MetricSpec("cancelled", "Cancelled", ("cancelled",), "operations")))
    found = extract_figures(make_article("Delaney says 4,300 operations and appointments have now been cancelled."), cancelled)
    assert [(f.value, f.metric) for f in found] == [(4300, "cancelled")]


def test_a_quantity_in_a_unit_of_measure_takes_no_count_of_people_buildings_or_weapons():
    """"Stolen" makes a records count of "1.2 million patients", not of 400 gigabytes;
    "destroyed" says what befell drones or buildings, not hectares. A metric of the measure
    itself still takes it (tonnes), and so does the analyst's own metric in that unit."""
    stolen = replace(CURATION, metrics=(*CURATION.metrics, MetricSpec("records", "Records", ("records", "stolen"))))
    found = extract_figures(make_article("The group claims to have stolen 400 gigabytes of data, including the "
                                         "records of 1.2 million patients."), stolen)
    assert [(f.value, f.metric, f.counted) for f in found] == [(400, "other", "gigabytes"), (1.2e6, "records", "people")]
    found = extract_figures(make_article("Fires destroyed 4,000 hectares of forest and 35 homes."), CURATION)
    assert [(f.value, f.metric, f.counted) for f in found] == [(4000, "other", "hectares"),
                                                              (35, "buildings", "buildings destroyed")]
    found = extract_figures(make_article("Looters stole 400 tonnes of grain."), CURATION)
    assert [(f.metric, f.unit) for f in found] == [("mass", "tonnes")]
    burned = replace(CURATION, metrics=(*CURATION.metrics, MetricSpec("burned", "Burned", ("burned",), "acres")))
    found = extract_figures(make_article("The fire has burned 12,000 acres."), burned)
    assert [(f.value, f.metric) for f in found] == [(12000, "burned")]


def test_animals_count_as_themselves_and_the_size_of_a_place_is_no_figure():
    """Each number of a list counts its own noun ("300 sheep and 40 cattle": the 300 are no
    cattle), plurals without -s included, and animals never join the people a verb befell; "a
    town of 3,200" or "home to 40,000" says how many live there, while a population that was
    evacuated is a count of the displaced."""
    found = extract_figures(make_article(
        "The storm killed 300 sheep and 40 cattle in the valley, farmers said. Floods drowned 1,200 head of "
        "livestock and killed 14 people. Evacuation orders covered Millbrook, a town of 3,200 about 10 miles "
        "to the east, and Orlen, home to some 40,000 people. The village's entire population of 800 was "
        "evacuated."), CURATION)
    assert [(f.value, f.metric, f.counted) for f in found] == [
        (300, "killed", "sheep"), (40, "killed", "cattle"), (1200, "killed", "head"), (14, "killed", "people"),
        (800, "displaced", "people")]


def test_a_place_alone_is_a_part_of_the_count_before_it_and_those_still_held_a_count_apart():
    curation = replace(CURATION, entities=(*CURATION.entities, EntitySpec("Dunmere", "place"),
                                           EntitySpec("Port Halden", "place")))
    total, part = extract_figures(make_article("The number of people evacuated has reached 4,100, officials said. "
                                               "In Dunmere alone, 900 people were evacuated."), curation)
    assert (part.place, part.part_of) == ("Dunmere", total.id)
    detained, held = extract_figures(make_article("Police detained 140 protesters on Tuesday. "
                                                  "Eight remain in custody on charges of assaulting police."), curation)
    assert (detained.metric, detained.counted) == ("captured", "people")
    assert (held.metric, held.counted) == ("captured", "people still in custody")
    # a part of those still in hospital is still in hospital
    whole, six = extract_figures(make_article("Of the survivors, 19 are still in hospital, six of them in Port Halden."),
                                 curation)
    assert (whole.counted, six.counted, six.part_of) == ("people still in hospital", "people still in hospital", whole.id)


def test_a_revised_count_keeps_the_count_before_and_a_miscount_is_no_count():
    """"revised down to 41 from 44": the 44 is the count before, superseded by the 41, as
    "from 44 to 41" and "down from 44" read; "three victims had been counted twice" says
    what was wrong with the 44, and is no toll of three."""
    found = extract_figures(make_article(
        "The death toll was revised down to 41 from 44 after officials found that three victims had been "
        "counted twice, the health ministry said. The number of injured rose to 130 from 118."), CURATION)
    assert [(f.value, f.metric) for f in found] == [(41, "killed"), (44, "killed"), (130, "injured"), (118, "injured")]
    by_value = {f.value: f for f in found}
    assert by_value[44].superseded_by == by_value[41].id and by_value[118].superseded_by == by_value[130].id
    assert by_value[41].superseded_by is None and by_value[41].claimant == "health ministry"
    assert extract_figures(make_article("Two bodies were wrongly included in the tally, and 12 people were "
                                        "double-counted, police said."), CURATION) == ()


def test_each_part_of_a_fronted_whole_is_its_part_and_a_share_of_a_count_is_not_the_count():
    """"Of the 22 dead, seven were children, three were women and 12 were men": each is a part
    of the 22, not the one before it; "half of the 300 residents have fled" does not say 300 fled."""
    whole, *parts = extract_figures(make_article(
        "Of the 22 dead, seven were children, three were women and 12 were men, officials said."), CURATION)
    assert whole.value == 22 and whole.metric == "killed"
    assert [(p.value, p.counted, p.part_of) for p in parts] == [
        (7, "children", whole.id), (3, "women", whole.id), (12, "men", whole.id)]
    injured, grave, police = extract_figures(make_article(
        "Of the 120 injured, 30 were in serious condition and 12 were police officers, police said."), CURATION)
    assert (police.value, police.metric, police.part_of) == (12, "injured", injured.id)
    curation = replace(CURATION, entities=(*CURATION.entities, *(EntitySpec(n, "place") for n in ("Sarnow", "Dunmere"))))
    dead, *towns = extract_figures(make_article(
        "Of the 47 dead, 24 were in Sarnow, 15 in Dunmere and 8 in Kell Harbour, officials said."), curation)
    assert [(t.value, t.metric, t.place, t.part_of) for t in towns] == [
        (24, "killed", "Sarnow", dead.id), (15, "killed", "Dunmere", dead.id), (8, "killed", "Kell Harbour", dead.id)]
    shares = extract_figures(make_article("Nearly half of the 300 residents have been displaced, and about 40% of "
                                          "the 1,200 homes were destroyed, the mayor said."), CURATION)
    assert [(f.value, f.unit) for f in shares] == [(40, "percent")]
    everyone, = extract_figures(make_article("All of the 300 residents have been displaced."), CURATION)
    assert (everyone.value, everyone.metric) == (300, "displaced")


def test_who_acts_on_people_is_not_whom_the_number_counts_nor_a_team_its_members():
    """"Rescue teams had made contact with a group of 19 miners": no 19 rescuers; "Among the
    casualties were 19 miners" still counts casualties; "Eight rescue teams" counts teams,
    not people; the verb after a relative clause is the number's ("40 people who took part
    in the march were arrested")."""
    def read(text):
        return [(f.value, f.metric, f.counted) for f in extract_figures(make_article(text), CURATION)]

    assert read("Rescue teams had made contact with a group of 19 miners.") == [(19, "other", "miners")]
    assert read("Among the casualties were 19 miners.") == [(19, "killed_or_wounded", "miners")]
    assert read("Firefighters rescued 12 people from the building.") == [(12, "rescued", "people")]
    assert read("Eight rescue teams, some 160 rescuers in all, are working in shifts.") == [
        (8, "rescuers", "teams"), (160, "rescuers", "rescuers")]
    assert read("All 19 miners who had been sheltering in a side gallery were brought to the surface overnight.") == [
        (19, "rescued", "miners")]
    assert read("Police said 40 people who took part in the march were arrested.") == [(40, "captured", "people")]
    assert read("The 12 people who had been killed were identified.") == [(12, "killed", "people")]
    assert read("A roof fall early on Thursday trapped 46 miners, trapping 12 more.")[0][1] == "missing"


def test_the_writers_own_count_is_theirs_and_a_rejected_count_says_whose_it_is():
    """"The company says 22 are still trapped; by our count 18 remain": the 18 is the writer's
    (the outlet's); "at least nine miners are dead, not five as the company has said: ... four
    more men": the nine and the four are the sentence's claimant's, each rejecting the
    company's count; and a count after nine miners goes on counting miners."""
    curation = replace(CURATION, entities=(*CURATION.entities, EntitySpec("Dravik Mining Company", "organisation",
                                                                          aliases=("the company",)),
                                           EntitySpec("Miners' Federation", "organisation", aliases=("the federation",))))
    figures = extract_figures(make_article(
        "According to the federation, at least nine miners are dead, not five as the company has said: our members "
        "have seen the bodies of four more men. The company says 22 are still trapped; by our count 18 remain "
        "unaccounted for.", outlet="Miners' Federation"), curation)
    assert [(f.value, f.claimant, f.contradicts, f.counted) for f in figures] == [
        (9, "Miners' Federation", "Dravik Mining Company", "miners"),
        (4, "Miners' Federation", "Dravik Mining Company", "men"),
        (22, "Dravik Mining Company", None, "miners"),
        (18, "Miners' Federation", None, "miners")]


def test_a_count_the_sentence_calls_wrong_is_set_against_who_says_so():
    """"Local media reports of five deaths are not correct" (the agency's own statement): the
    five stays, Local media's, against the agency; "Reports that 50 people had died are false,
    the ministry said": against the ministry. A plain report of a count is against no one."""
    curation = replace(CURATION, entities=(*CURATION.entities, EntitySpec("Civil Protection Agency", "organisation")))
    five, = extract_figures(make_article("Local media reports of five deaths are not correct.",
                                         outlet="Civil Protection Agency"), curation)
    assert (five.value, five.claimant, five.contradicts) == (5, "Local media", "Civil Protection Agency")
    fifty, = extract_figures(make_article("Reports that 50 people had died are false, the health ministry said."),
                             CURATION)
    assert fifty.value == 50 and fifty.contradicts == "health ministry" and fifty.claimant != "health ministry"
    plain, = extract_figures(make_article("Local media reported five deaths."), curation)
    assert plain.contradicts is None


@pytest.mark.parametrize("sentence, metric, counted", [
    ("Nine of the dead were soldiers.", "killed", "soldiers"),
    ("Nine of those killed were soldiers.", "killed", "soldiers"),
    ("At least seven of those killed were children.", "children_killed", "children"),
    ("Four of those injured were children.", "children_injured", "children"),
    # the count named before "at" is what the soldiers are counted in
    ("The army now puts its own losses at 11 soldiers.", "killed_or_wounded", "soldiers"),
])
def test_a_part_of_the_dead_named_after_were_is_counted_among_the_dead(sentence, metric, counted):
    assert [(f.metric, f.counted) for f in extract_figures(make_article(sentence), CURATION)] == [(metric, counted)]


def test_a_count_on_each_side_of_a_border_is_placed_by_the_side_and_the_second_takes_the_first_s_verb():
    """"6,000 displaced on the Varland side and about 800 on the Osterran side": two counts,
    each in its country (named by its people's adjective too)."""
    curation = replace(CURATION, entities=(*CURATION.entities, EntitySpec("Varland", "place"),
                                           EntitySpec("Osterra", "place")))
    found = extract_figures(make_article(
        "Some 6,000 people have been displaced on the Varland side and about 800 on the Osterran side."), curation)
    assert [(f.value, f.metric, f.place) for f in found] == [(6000, "displaced", "Varland"), (800, "displaced", "Osterra")]


def test_a_curated_place_whose_name_goes_on_in_lower_case_is_that_place_not_its_first_word():
    curation = replace(CURATION, entities=(*CURATION.entities, EntitySpec("Sava valley", "place"),
                                           EntitySpec("Sava", "place")))
    found = extract_figures(make_article("Shelling killed at least 30 people in the Sava valley last week."), curation)
    assert [(f.value, f.place) for f in found] == [(30, "Sava valley")]


def test_people_the_claimant_calls_its_own_are_its_country_s():
    """"Varland says 17 of its civilians died": Varland's dead, wherever the sentence before
    was; "Osterra's army said seven of its soldiers had died": Osterra's soldiers."""
    curation = replace(CURATION, entities=(*CURATION.entities, EntitySpec("Varland", "place"),
                                           EntitySpec("Osterra", "place")))
    found = extract_figures(make_article(
        "Shelling killed 30 people in Kyiv. Varland says 17 of its civilians died. "
        "Osterra's army said seven of its soldiers had died."), curation)
    assert [(f.value, f.place, f.side) for f in found][1:] == [(17, "Varland", None), (7, None, "Osterra")]
    # a count of both sides is neither's, whatever the sentence before named
    both = extract_figures(make_article(
        "Varland says 17 of its civilians died. The UN mission has verified 21 civilian deaths on both sides."), curation)
    assert [(f.value, f.place) for f in both] == [(17, "Varland"), (21, None)]


def test_a_number_quoted_alone_counts_the_noun_after_the_quotation():
    assert [(f.value, f.counted) for f in extract_figures(make_article(
        'The ministry said its troops had killed "more than 40" enemy soldiers.'), CURATION)] == [(40, "soldiers")]


def test_a_denied_claim_named_by_its_owner_is_the_owner_s_against_who_denies_it():
    """"Col Venn denied North Korea's claim that dozens of troops had died": North Korea's
    count, which Venn rejects, not Venn's."""
    curation = replace(CURATION, entities=(*CURATION.entities, EntitySpec("Dara Venn", "person", ("Col Venn",))))
    dozens, = extract_figures(make_article("Col Venn denied North Korea's claim that dozens of troops had died."),
                              curation)
    assert (dozens.claimant, dozens.contradicts) == ("North Korea", "Dara Venn")


def test_a_count_after_of_these_is_a_part_of_the_count_the_sentence_before_led_with():
    """"8,200 people have been evacuated from 14 villages. Of these, 3,900 are in 22 public
    shelters": the 3,900 are evacuated people, a part of the 8,200 (not of the villages, nor a
    rival of the 8,200); "Of those, 171 were in Marro": a part of the 300, in Marro."""
    curation = replace(CURATION, entities=(*CURATION.entities, EntitySpec("Marro", "place")))
    evacuated, villages, sheltered, *_ = extract_figures(make_article(
        "As of 08:00 on 4 June, 8,200 people have been evacuated from 14 villages within the exclusion zone. "
        "Of these, 3,900 are in 22 public shelters and the rest are staying with relatives."), curation)
    assert (sheltered.value, sheltered.metric, sheltered.part_of) == (3900, evacuated.metric, evacuated.id)
    assert villages.value == 14
    toll, marro = extract_figures(make_article("Some 300 people were killed across the province. Of those, 171 were "
                                               "in Marro."), curation)
    assert (marro.metric, marro.place, marro.part_of) == ("killed", "Marro", toll.id)


def test_places_and_things_named_like_people_are_no_people():
    """"the government opened 12 shelters", "the army sent 12 helicopters": counts of places
    and things, though their plural ends like "workers"; deaths and arrests still count people."""
    def read(text):
        return [(f.value, f.metric, f.counted) for f in extract_figures(make_article(text), CURATION)]

    assert read("The government opened 12 shelters for families whose homes collapsed.") == [(12, "other", "shelters")]
    assert read("Officials reported 298 deaths.")[0][1] == "killed"


def test_a_count_between_the_verb_and_the_rest_of_a_phrasal_metric_word():
    """"Rescuers brought seven miners to the surface" says "brought to the surface" of the
    seven (rescued), "forced about 4,000 people from their homes" says "forced from their
    homes" (displaced); without a count right after the verb, the words are no such phrase
    ("Protesters took their anger to the streets ... 300 police")."""
    def read(text):
        return [(f.value, f.metric, f.counted) for f in extract_figures(make_article(text), CURATION)]

    assert read("Rescuers brought seven miners to the surface on Sunday.") == [(7, "rescued", "miners")]
    assert read("The floods forced about 4,000 people from their homes.") == [(4000, "displaced", "people")]
    assert read("Soldiers set 40 hostages free on Monday.") == [(40, "released", "hostages")]
    assert read("Protesters took their anger to the streets, watched by 300 police officers.")[0][1] != "participants"


def test_a_word_the_curation_gives_its_own_metric_is_counted_by_it_not_by_the_default_sharing_it():
    # "refugees" signals the default `displaced` too: the analyst's metric, which lists it,
    # counts those refugees; what befell them ("evacuated") still names its own metric
    from dossier.curation import parse_curation

    curation = parse_curation("title: T\nmetrics:\n  - id: crossed\n    label: Crossed the border\n"
                              "    words: [refugees, crossed]\n")
    figures = extract_figures(make_article(
        "The agency said 3,000 refugees were sheltering in the camp. About 200 refugees were evacuated."), curation)
    assert [(f.value, f.metric, f.counted) for f in figures] == [
        (3000, "crossed", "refugees"), (200, "displaced", "refugees")]


@pytest.mark.parametrize("sentence, expected", [
    # a count of buildings is of those damaged, destroyed or cut off: the noun alone says none
    ("The town has opened four schools as shelters for the families.", []),
    ("About 3,500 homes were flooded in the lower town.", [(3500, "buildings", "buildings damaged")]),
    ("Landslides buried dozens of homes in the valley.", [(24, "buildings", "buildings destroyed")]),
    ("Some 200 homes were hit by shelling overnight.", [(200, "buildings", "buildings damaged")]),
])
def test_a_count_of_buildings_says_what_befell_them_or_is_none(sentence, expected):
    figures = extract_figures(make_article(sentence), CURATION)
    assert [(f.value, f.metric, f.counted) for f in figures if f.metric == "buildings"] == expected


def test_a_count_whose_verb_is_said_once_for_two_places_is_each_place_s():
    # "44,000 had fled to Ostria and 17,000 to Pelmark": the 17,000 fled too, to Pelmark
    from dossier.curation import parse_curation

    curation = parse_curation("title: T\nentities:\n  - {name: Ostria, kind: place}\n  - {name: Pelmark, kind: place}\n"
                              "metrics:\n  - id: crossed\n    label: Crossed the border\n    words: [had fled, fled]\n")
    figures = extract_figures(make_article("By Friday 44,000 had fled to Ostria and 17,000 to Pelmark, the agency said."),
                              curation)
    assert [(f.value, f.metric, f.place, f.claimant) for f in figures] == [
        (44000, "crossed", "Ostria", "agency"), (17000, "crossed", "Pelmark", "agency")]


def test_the_number_who_did_it_put_at_a_count_is_the_count_before_given_again():
    # "put the number that had left at about 1,200": no metric word of its own, the count of
    # the evacuated before it in the sentence, by the police, not a number of nothing
    assert rows("Police said reports that 5,000 people had been evacuated were wrong and put the number "
                "that had left at about 1,200.") == [
        (5000, None, "exact", "displaced", "unattributed reports"), (1200, None, "approx", "displaced", "Police")]


def test_its_body_is_the_body_of_what_the_sentence_before_is_about():
    """"Its border guard said": the border guard of the place the sentence before opens with,
    by the curation's name for it; of the longer name that place opens ("Korvane Central
    Hospital"), not of the place; a body nobody curated is still named as whose it is."""
    curation = Curation(title="T", metrics=load_default_metrics(), entities=(
        EntitySpec("Pelmark", "place"), EntitySpec("Vesland", "place"), EntitySpec("Korvane", "place"),
        EntitySpec("Pelmark border guard", "organisation", ("Pelmark's border guard",)),
    ))
    article = make_article("Pelmark says it has taken in 9,800 refugees. Its border guard said 3,600 people had been displaced.",
                           "Vesland denied the reports. Its interior ministry said 1,200 people had been evacuated.",
                           "Korvane Central Hospital says it is treating many patients. Its director said 11 were in "
                           "critical condition.")
    claimants = {f.value: f.claimant for f in extract_figures(article, curation)}
    assert (claimants[3600], claimants[1200], claimants[11]) == (
        "Pelmark border guard", "Vesland's interior ministry", "Korvane Central Hospital's director")
    # "Its residents said": residents, as "residents said" (the pronoun is no part of a name)
    assert rows("Vesland was hit hard. Its residents said 40 homes were destroyed.")[0][-1] == "residents"


def test_a_length_is_a_figure_of_a_metric_measured_in_it_however_the_unit_is_spelt():
    coast = replace(CURATION, metrics=(MetricSpec("coastline", "Coastline oiled", ("coastline", "shoreline"), "km"),
                                       *CURATION.metrics))
    figures = extract_figures(make_article(
        "The oil has reached 40 km of coastline. By Friday it had washed up along 52 kilometres of shoreline. "
        "Dead birds were found 12 km from the town, where winds of 60 km/h hampered the crews."), coast)
    assert [(f.value, f.metric, f.counted) for f in figures] == [(40, "coastline", "km"), (52, "coastline", "km")]
    # without such a metric a length is no count at all
    assert rows("The oil has reached 40 km of coastline.") == []


def test_what_befell_those_a_number_counts_in_its_own_words_is_their_metric_when_a_verb_of_their_own_follows():
    assert [(f.value, f.metric) for f in extract_figures(make_article(
        "Volunteers have rescued 340 oiled birds, and 1,200 dead seabirds have been collected on the beaches. "
        "Rescuers freed 12 miners and 3 injured workers."), CURATION)] == [
        (340, "rescued"), (1200, "killed"), (12, "released"), (3, "released")]


def test_a_count_the_speaker_says_the_evidence_does_not_support_is_not_the_speaker_s():
    (figure,) = extract_figures(make_article('"The hospital records do not support a toll of 40," the coroner said.'), CURATION)
    assert (figure.value, figure.claimant, figure.contradicts) == (40, "earlier reports", "coroner")


def test_living_things_a_curated_metric_counts_are_counted_apart_by_what_befell_them():
    """Dead birds and birds rescued alive are no rival counts of one thing, as the killed
    and the rescued are not."""
    wildlife = replace(CURATION, metrics=(MetricSpec("wildlife", "Wildlife oiled", ("birds", "seals"), "animals"),
                                          *CURATION.metrics))
    figures = extract_figures(make_article(
        "Teams have recovered 2,150 dead birds and 410 live oiled birds. Volunteers rescued 340 oiled birds. "
        "Eleven seals were found dead near the port."), wildlife)
    assert [(f.value, f.metric, f.counted) for f in figures] == [
        (2150, "wildlife", "dead birds"), (410, "wildlife", "birds"), (340, "wildlife", "rescued birds"),
        (11, "wildlife", "dead seals")]


def test_a_sentence_the_article_repeats_gives_figures_of_their_own_each_citing_its_paragraph():
    """A live blog tells its lead again further down: the same sentence in paragraphs 1 and 3.
    Each number is a figure of its own, with its own id, each citing its own paragraph; the
    first keeps the id made of its sentence alone (what an override names). Two figures of one
    id were one when assembled: the first was lost and the other counted twice."""
    from dossier.assemble.figures import apply_overrides, group_figures

    lead = "The death toll from the strike on Kyiv rose to 17, including 2 children, the police said."
    article = make_article(lead, "Rescuers searched the rubble overnight.", lead)
    figures = extract_figures(article, CURATION)
    killed = [f for f in figures if f.metric == "killed" and f.value == 17]
    assert [f.source.paragraph for f in killed] == [1, 3]
    assert len({f.id for f in figures}) == len(figures)
    alone = extract_figures(make_article(lead), CURATION)
    assert killed[0].id == next(f.id for f in alone if f.metric == "killed" and f.value == 17)
    kept, notices = apply_overrides(figures, CURATION)
    assert kept == figures and not notices
    group = next(g for g in group_figures(kept, CURATION) if any(f in killed for f in g.figures))
    assert sorted(f.source.paragraph for f in group.figures if f.value == 17) == [1, 3]


@pytest.mark.parametrize("sentence, expected", [
    # counts listed after a colon, a dash or a comma that add up to the count before: its parts
    ("The flood killed 16 people: 13 villagers and 3 soldiers.",
     [(16, "killed", "people", False), (13, "killed", "villagers", True), (3, "killed", "soldiers", True)]),
    ("At least 20 people were injured, 12 police officers and 8 protesters.",
     [(20, "injured", "people", False), (12, "injured", "officers", True), (8, "injured", "people", True)]),
    # not when they do not add up, nor when another verb says what befell them
    ("The flood killed 16 people: 13 villagers and 4 soldiers were injured.",
     [(16, "killed", "people", False), (13, "other", "villagers", False), (4, "injured", "soldiers", False)]),
    ("The blast killed 5 people, injuring 3 soldiers and 2 civilians.",
     [(5, "killed", "people", False), (3, "injured", "soldiers", False), (2, "injured", "people", False)]),
])
def test_a_count_broken_down_into_nouns_of_their_own_is_the_sum_of_its_parts(sentence, expected):
    figures = extract_figures(make_article(sentence), CURATION)
    assert [(f.value, f.metric, f.counted, f.part_of == figures[0].id) for f in figures] == expected


@pytest.mark.parametrize("sentence, expected", [
    # what rose is the toll, not the crowd an earlier verb of the sentence gathered
    ("Families gathered outside the prison as the death toll from the riot rose to 17.", "killed"),
    ("Thousands gathered in the square, and by evening the crowd had grown to 20,000.", "participants"),
])
def test_what_rose_is_named_by_a_noun_not_by_an_earlier_verb(sentence, expected):
    assert [f.metric for f in extract_figures(make_article(sentence), CURATION)] == [expected]


def test_someone_reported_dead_who_is_alive_is_no_count():
    assert extract_figures(make_article("A hospital in Lindor says one inmate reported dead is alive."), CURATION) == ()
