"""Dated events: which sentences, which date, and the description."""

from __future__ import annotations

import pytest

from dossier.analyse.events import extract_events
from dossier.curation.model import Curation
from dossier.model import FuzzyDate
from tests.seedtools import article_from_text, seed_article

CURATION = Curation(title="t")
APRIL_24 = FuzzyDate(2025, 4, 24)


def events_of(text: str, date: FuzzyDate | None = APRIL_24):
    return extract_events(article_from_text("a", text, date), CURATION)


@pytest.mark.parametrize(
    "sentence, iso, inferred",
    [
        ("Ukrainian intelligence reported on October 24, 2024, that the first soldiers from the "
         "DPRK had already arrived at the front.", "2024-10-24", False),
        ("According to intelligence, on December 13, North Korean army units were put on alert.",
         "2024-12-13", True),
        ("On 25 April, Kyiv has declared a Day of Mourning for the victims of today's attack.",
         "2025-04-25", True),
        ("The North Korean soldiers were captured for the second time in January.", "2025-01", True),
        ("In March, it became known that in January and February, North Korea sent at least "
         "3 000 additional soldiers to Russia.", "2025-01", True),
        ("On the night of April 24, Russian troops struck Kyiv with a ballistic missile.",
         "2025-04-24", True),
        ("Between August 2023 and March 2025, North Korea reportedly sent over 15,800 containers.",
         "2023-08", False),
        ("Today alone, the Russian army has used more than 200 weapons.", "2025-04-24", True),
    ],
)
def test_event_date(sentence, iso, inferred):
    reference = FuzzyDate(2024, 12, 14) if "December 13" in sentence else APRIL_24
    (event,) = events_of(sentence, reference)
    assert event.date.iso == iso
    assert event.date_inferred is inferred


@pytest.mark.parametrize(
    "text",
    [
        "Russia continues to kill civilians.",
        "They may be used in other areas of the front.",  # "May" the verb is no date
        "A 2024 defense treaty is currently active.",  # a bare year is no event date
    ],
)
def test_sentences_without_dates_are_no_events(text):
    assert events_of(text) == ()


@pytest.mark.parametrize(
    "sentence, iso",
    [
        # April 24, 2025 is a Thursday: a weekday dates what happened on it
        ("The fire swept into the town on Tuesday night.", "2025-04-22"),
        ("Divers reached the hull on Wednesday and recovered five bodies.", "2025-04-23"),
        # not the day something was said, an earlier count's day, a span or an owner's day
        ("Five people have died, the sheriff's office said Thursday.", None),
        ("The mayor told reporters on Monday that the road was closed.", None),
        ("Some 4,100 people remain evacuated, down from about 9,500 on Wednesday.", None),
        ("Workers voted to extend their strike until Friday.", None),
        ("Rescuers have pulled 31 people from the rubble since Tuesday.", None),
        ("The toll from Tuesday's earthquake has risen to 112.", None),
        ("The minister said the airport would reopen on Wednesday.", None),
        # a day called or announced: the one to come
        ("The union calls a day of mourning across the valley on Monday.", None),
        ("The council announces a vigil for the victims on Saturday.", None),
        ("The death toll from Monday's earthquake rose to 27 on Tuesday.", "2025-04-22"),
    ],
)
def test_a_weekday_dates_an_event_unless_it_dates_a_saying(sentence, iso):
    assert [e.date.iso for e in events_of(sentence)] == ([iso] if iso else [])


def test_undated_article_keeps_only_stated_dates():
    events = events_of("It started on October 24, 2024. It went on in January.", date=None)
    assert [e.date.iso for e in events] == ["2024-10-24"]


def test_description_drops_framing_and_stray_quotes():
    (event,) = events_of("According to intelligence, on December 13, units were put on alert.")
    assert event.text == "On December 13, units were put on alert."
    (event,) = events_of('"Today alone, the Russian army has used more than 200 weapons.')
    assert event.text == "Today alone, the Russian army has used more than 200 weapons."


def test_a_dateline_is_not_the_event_nor_its_date_when_the_story_gives_one():
    (event,) = events_of("KYIV, April 25 (Reuters) - Russian missiles struck Kyiv on 24 April, officials said.",
                         FuzzyDate(2025, 4, 25))
    assert event.text == "Russian missiles struck Kyiv on 24 April, officials said."
    assert event.date.iso == "2025-04-24"
    # the mention is still the whole sentence, where the paragraph has it
    assert event.mentions[0].text.startswith("KYIV, April 25 (Reuters) - ")


def test_a_dateline_dates_a_story_sentence_that_gives_no_date():
    (event,) = events_of("LONDON, April 25 — A fire broke out at a depot before dawn, police said.",
                         FuzzyDate(2025, 4, 25))
    assert event.text == "A fire broke out at a depot before dawn, police said."
    assert event.date.iso == "2025-04-25"
    # only the sentence the dateline opens: a later one without a date is no event
    assert len(events_of("LONDON, April 25 — A fire broke out. Police closed the road.",
                         FuzzyDate(2025, 4, 25))) == 1


def test_a_dateline_split_off_as_a_sentence_of_its_own_is_no_event():
    # "D.C." ends a sentence for the splitter: the dateline's place alone is not an event
    events = events_of("WASHINGTON, D.C. (AP) — The senate voted on 3 May, officials said.", FuzzyDate(2025, 5, 4))
    assert [(e.date.iso, e.text) for e in events] == [("2025-05-03", "The senate voted on 3 May, officials said.")]


def test_mention_is_the_sentence_with_its_span():
    article = article_from_text("a", "First. On 25 April, Kyiv mourns.", APRIL_24)
    (event,) = extract_events(article, CURATION)
    ref = event.mentions[0].source
    assert article.paragraph(1).text[ref.start:ref.end] == event.mentions[0].text == "On 25 April, Kyiv mourns."


def test_seed_004_events():
    events = extract_events(seed_article("004"), CURATION)
    assert [(e.date.iso, e.date_inferred) for e in events] == [("2024-12-14", True), ("2024-12-13", True)]
    assert events[1].text.startswith("On December 13, North Korean army units were put on alert")


def test_each_live_blog_entry_tells_an_event_at_its_time_of_its_day():
    """A live blog's entries ("22:15 - ...") date what they tell by the blog's day and their
    time, first told first; an entry's greeting or sign-off is nothing that happened, and a
    stamp is no dateline."""
    events = events_of(
        "22:15 - The company confirms the first deaths: the bodies of five miners have been recovered.\n\n"
        "18:40 - Rescuers have broken through to a second chamber, mine director Jonas Brell says.\n\n"
        "09:30 - Good morning. 27 miners are still trapped, where rescuers worked through the night.\n\n"
        "21:30 - We are closing this blog for tonight. Thanks for following.",
        FuzzyDate(2027, 3, 12))
    assert [(e.date.iso, e.time, e.text.split()[0]) for e in events] == [
        ("2027-03-12", "22:15", "The"), ("2027-03-12", "18:40", "Rescuers"), ("2027-03-12", "09:30", "27")]
    assert all(e.date_inferred for e in events)
    # a stamp with its day states the date
    stated, = events_of("14 September 2025 09:10 - Prosecutors say two stewards have been arrested.", APRIL_24)
    assert (stated.date.iso, stated.time, stated.date_inferred) == ("2025-09-14", "09:10", False)


@pytest.mark.parametrize("text, expected", [
    ("09:40 Police say two more fugitives were caught.", ("09:40", "2032-03-13", False)),
    ("Yesterday 18:00 The ministry said 16 people died.", ("18:00", "2032-03-12", True)),
    ("12 March 18:00 - The ministry said 16 people died.", ("18:00", "2032-03-12", True)),
    ("14 September 2031 09:10 - Rescuers said", ("09:10", "2031-09-14", True)),
    # a weekday alone says no date the stamp could be given for: no stamp
    ("Monday 14:05 - Police said", None),
    ("Yesterday at 18:00 the ministry said 16 people died.", None),
])
def test_a_live_blog_entry_stamp_gives_its_time_and_the_day_it_names(text, expected):
    from dossier.analyse.dates import entry_stamp

    stamp = entry_stamp(text, FuzzyDate(2032, 3, 13))
    assert (None if stamp is None else (stamp.time, stamp.day.iso, stamp.day_given)) == expected
