"""The timeline: events merged across articles, in date order."""

from __future__ import annotations

from dossier.analyse.events import extract_events
from dossier.assemble.timeline import merge_events
from dossier.curation.model import Curation
from dossier.model import Event, FuzzyDate, Mention, SourceRef
from tests.seedtools import seed_articles

CURATION = Curation(title="t")


def event(article: str, date: FuzzyDate, text: str, inferred: bool = False) -> Event:
    return Event(id=f"{article}-{text[:5]}", date=date, text=text,
                 mentions=(Mention(SourceRef(article, 1, 0, len(text)), text),), date_inferred=inferred)


def seed_timeline():
    return merge_events([e for a in seed_articles() for e in extract_events(a, CURATION)])


def test_same_event_from_two_articles_merges():
    day = FuzzyDate(2025, 4, 24)
    merged = merge_events([
        event("a", day, "On the night of April 24, Russian troops struck Kyiv with a ballistic missile.", True),
        event("b", day, "The Russians used a ballistic missile to strike Kyiv on 24 April."),
        event("b", day, "Rescuers worked through the day in five districts of the capital."),
    ])
    assert len(merged) == 2
    strike = next(e for e in merged if len(e.mentions) == 2)
    assert [m.source.article for m in strike.mentions] == ["a", "b"]
    assert strike.date_inferred is False  # one source states the date


def test_same_text_on_different_dates_stays_apart():
    text = "Russian troops struck Kyiv with a ballistic missile."
    merged = merge_events([event("a", FuzzyDate(2025, 4, 24), text), event("b", FuzzyDate(2025, 4, 25), text)])
    assert [e.date.iso for e in merged] == ["2025-04-24", "2025-04-25"]


def test_sorted_by_date_then_text_with_partial_dates():
    merged = merge_events([
        event("a", FuzzyDate(2025, 1, 5), "B happened."),
        event("a", FuzzyDate(2025, 1), "Something in January."),
        event("a", FuzzyDate(2024), "Something in 2024."),
        event("a", FuzzyDate(2025, 1, 5), "A happened."),
    ])
    assert [(e.date.iso, e.text) for e in merged] == [
        ("2024", "Something in 2024."), ("2025-01", "Something in January."),
        ("2025-01-05", "A happened."), ("2025-01-05", "B happened."),
    ]


def test_seed_timeline_order_and_dates():
    timeline = seed_timeline()
    dates = [e.date.iso for e in timeline]
    assert dates == sorted(dates, key=lambda d: tuple(int(x) for x in d.split("-")))
    for iso, words in [
        ("2023-08", "Between August 2023"),
        ("2024-10-24", "first soldiers from the DPRK"),
        ("2024-11", "CNN investigation"),
        ("2024-12-13", "put on alert"),
        ("2024-12-27", "captured North Korean soldiers"),
        ("2025-01", "in January and February"),
        ("2025-04-25", "Day of Mourning"),
    ]:
        assert any(e.date.iso == iso and words in e.text for e in timeline), (iso, words)
    strike = max((e for e in timeline if e.date.iso == "2025-04-24"), key=lambda e: len(e.mentions))
    assert "Kyiv" in strike.text
    assert {"000", "001", "003"} <= {m.source.article for m in strike.mentions}


def test_seed_timeline_is_deterministic():
    assert seed_timeline() == seed_timeline()
    events = [e for a in seed_articles() for e in extract_events(a, CURATION)]
    assert merge_events(list(reversed(events))) == merge_events(events)


# ---- join_same: the narrowed-down pairs give the groups of trying every pair -----------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dossier.assemble.clusters import UnionFind, features, proper_openers, same_statement  # noqa: E402
from dossier.assemble.timeline import MIN_EVENT_SIMILARITY, join_same  # noqa: E402

_WORDS = ["Russian", "troops", "struck", "Kyiv", "Odesa", "missile", "drones", "killed", "people",
          "the", "city", "on", "Monday", "12", "12,000", "three", "homes", "were", "damaged", "in"]
_SENTENCE = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=9),
    st.sampled_from([".", "", "!", " —"]),
)


def _groups_of(union: UnionFind) -> list[list[int]]:
    return sorted(union.groups())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_SENTENCE, st.sampled_from(["Kyiv was struck.", "Kyiv was struck", "kyiv was struck."])),
                max_size=30))
def test_join_same_equals_trying_every_pair(texts):
    items = proper_openers([features(t) for t in texts])
    every = UnionFind(len(items))
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if same_statement(items[i], items[j], MIN_EVENT_SIMILARITY):
                every.union(i, j)
    narrowed = UnionFind(len(items))
    join_same(items, narrowed, MIN_EVENT_SIMILARITY)
    assert _groups_of(narrowed) == _groups_of(every)


def test_merged_mentions_are_in_one_order_whatever_the_set_order():
    """Two mentions of one source with different words (an edited re-run of a sentence): the
    merged event lists them in one order, not the order of a set (which follows the hash seed)."""
    from dossier.assemble.timeline import _merge
    from dossier.model import Event, FuzzyDate, Mention, SourceRef

    date = FuzzyDate(2025, 4, 24)
    ref = SourceRef("a", 1, 0, 10)
    words = [Mention(ref, text) for text in ("Ten were hurt.", "10 were hurt.", "Ten people were hurt.")]
    events = [Event(f"e{i}", date, m.text, (m,)) for i, m in enumerate(words)]
    merged = {_merge(list(order)).mentions for order in (events, events[::-1], events[1:] + events[:1])}
    assert len(merged) == 1 and [m.text for m in merged.pop()] == sorted(m.text for m in words)


def test_two_events_opening_with_two_names_stay_apart():
    """"Morvania attacked Quillan ..." and "Severia attacked Quillan ..." on one night are two
    events when the dossier names either mid-sentence (here one event does); the same attack
    told twice is one."""
    day = FuzzyDate(2025, 3, 12)
    merged = merge_events([
        event("a", day, "Morvania attacked Quillan on the night of 12 March with 14 missiles and drones."),
        event("b", day, "Severia attacked Quillan on the night of 12 March with 14 missiles and drones."),
        event("c", day, "Morvania attacked Quillan on the night of March 12 with 14 missiles and drones."),
        event("d", day, "Air defence of Severia and of Morvania was on alert on 12 March."),
    ])
    assert sorted(tuple(m.source.article for m in e.mentions) for e in merged) == [("a", "c"), ("b",), ("d",)]
