"""Entities: curated aliases, capitalised names with their kinds, and the merged index."""

from __future__ import annotations

import pytest

from dossier.analyse.entities import find_entities
from dossier.assemble.entities import merge_entities
from dossier.curation.model import Curation, EntitySpec
from tests.seedtools import article_from_text, seed_articles, seed_curation

CURATION = Curation(
    title="t",
    entities=(
        EntitySpec("Volodymyr Zelensky", "person",
                   ("Zelensky", "Zelenskyy", "Volodymyr Zelenskyy", "Ukrainian President", "the President")),
        EntitySpec("Kyiv", "place", ("the capital",)),
    ),
)


def entities_of(text: str, curation: Curation = CURATION):
    return {e.name: e for e in find_entities(article_from_text("a", text), curation)}


def test_aliases_resolve_to_the_canonical_name():
    found = entities_of("Zelenskyy spoke. Later Zelensky and Volodymyr Zelenskyy spoke again in Kyiv.")
    zelensky = found["Volodymyr Zelensky"]
    assert [m.text for m in zelensky.mentions] == ["Zelenskyy", "Zelensky", "Volodymyr Zelenskyy"]
    assert zelensky.curated and zelensky.kind == "person"
    assert found["Kyiv"].kind == "place"


def test_adjacent_aliases_are_one_mention():
    found = entities_of("Then Ukrainian President Volodymyr Zelensky said so.")
    assert [m.text for m in found["Volodymyr Zelensky"].mentions] == ["Ukrainian President Volodymyr Zelensky"]


@pytest.mark.parametrize(
    "text, matches",
    [
        ("The President stressed it.", True),  # capital alias: first letter may change case
        ("Then the President stressed it.", True),
        ("Then the president of the club stressed it.", False),  # rest of the alias is case-sensitive
        ("Rubble in The Capital was cleared.", True),  # lower-case alias: any case
    ],
)
def test_alias_case_rule(text, matches):
    found = entities_of(text)
    assert ("Volodymyr Zelensky" in found or "Kyiv" in found) is matches


def test_word_boundaries():
    found = entities_of("The Zelenskyyite movement met in Kyivan suburbs.")
    assert "Volodymyr Zelensky" not in found and "Kyiv" not in found


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("Russia launched a KN-23 at the city.", "KN-23", "weapon"),
        ("Troops fought in the Kursk region for weeks.", "Kursk region", "place"),
        ("Troops fought in Russia's Kursk Oblast for weeks.", "Kursk Oblast", "place"),
        ("The report by the South Korean Institute for Defense Analyses was clear.",
         "South Korean Institute for Defense Analyses", "organisation"),
        ("Then the Main Intelligence Directorate of the Ministry of Defense of Ukraine said so.",
         "Main Intelligence Directorate of the Ministry of Defense of Ukraine", "organisation"),
        ("According to Ukraine's State Emergency Service, six were hurt.", "State Emergency Service", "organisation"),
        ("It was confirmed by South Korean intelligence on Monday.", "South Korean intelligence", "organisation"),
        ("On Friday, Donald Trump said he was confident.", "Donald Trump", "person"),
        ("Then Russian President Vladimir Putin spoke.", "Vladimir Putin", "person"),
        ("The report came from Moscow in the end.", "Moscow", "other"),
    ],
)
def test_capitalised_names_and_kinds(text, name, kind):
    found = entities_of(text, Curation(title="t"))
    assert name in found, sorted(found)
    assert found[name].kind == kind
    assert not found[name].curated


@pytest.mark.parametrize(
    "text",
    [
        "In March, the attack came on Friday.",  # months, weekdays, sentence-initial stopwords
        "Russian troops and North Korean soldiers attacked.",  # adjectives are not names
        "Moscow is far away.",  # a single word at a sentence start says nothing
        "China Declares Currency War With New Plan To Replace Dollar",  # a title-case headline
    ],
)
def test_not_names(text):
    assert entities_of(text, Curation(title="t")) == {}


def test_sentence_start_word_counts_when_it_also_appears_inside():
    found = entities_of("Moscow is far away. Troops went to Moscow anyway.", Curation(title="t"))
    assert len(found["Moscow"].mentions) == 2


@pytest.mark.parametrize(
    "text, names",
    [
        # the story's first word after a dateline opens a sentence: "Police" says nothing,
        # and the agency in brackets is the outlet, not a name in the story; the dateline's
        # place is a place, named as a story writes it
        ("KYIV (Reuters) - Police said the blast hit a depot in Lviv.", {"Kyiv", "Lviv"}),
        ("ZAVODSK — Officials said the bridge in Marinsk was closed.", {"Zavodsk", "Marinsk"}),
        ("Kyiv, Nov 19 (AP) — Rescuers worked through the night in Odesa.", {"Kyiv", "Odesa"}),
        ("MAKASSAR, Indonesia (AP) — Rescuers pulled 87 survivors from the water.", {"Makassar", "Indonesia"}),
        ("PORT ALDA, 9 February - Officials in Port Alda said.", {"Port Alda"}),
        ("(MENAFN) Officials in Ternopil raised the toll.", {"Ternopil"}),
    ],
)
def test_a_dateline_is_not_read_as_names(text, names):
    found = entities_of(text, Curation(title="t"))
    assert set(found) == names
    place = text.split(" (")[0].split(",")[0].split(" —")[0].split(" -")[0]
    for entity in found.values():
        if entity.name.casefold() == place.casefold():
            assert entity.kind == "place"


def test_a_common_noun_opening_a_sentence_is_not_part_of_the_name_after_it():
    found = entities_of("Residents of Zavodsk gathered outside the town hall.", Curation(title="t"))
    assert set(found) == {"Zavodsk"}
    assert [m.text for m in found["Zavodsk"].mentions] == ["Zavodsk"]
    # unless the whole name recurs inside a sentence: then it is a name at the start too
    found = entities_of("Bank of England officials met. Rates were set by the Bank of England.",
                        Curation(title="t"))
    assert set(found) == {"Bank of England"}
    assert len(found["Bank of England"].mentions) == 2


def test_mention_spans():
    article = article_from_text("a", "Intro.\n\nTroops went to the Kursk region and Zelensky said so.")
    for entity in find_entities(article, CURATION):
        for mention in entity.mentions:
            ref = mention.source
            assert article.paragraph(ref.paragraph).text[ref.start:ref.end] == mention.text


def test_merge_entities_combines_and_drops_one_off_names():
    a = find_entities(article_from_text("a", "Zelensky went to Moscow. Then Kharkiv was hit."), CURATION)
    b = find_entities(article_from_text("b", "Then Zelenskyy spoke about Moscow."), CURATION)
    merged = {e.name: e for e in merge_entities(a + b)}
    assert sorted(merged) == ["Moscow", "Volodymyr Zelensky"]
    assert [m.source.article for m in merged["Volodymyr Zelensky"].mentions] == ["a", "b"]
    assert "Kharkiv" in {e.name for e in merge_entities(a + b, min_mentions=1)}
    names = [e.name for e in merge_entities(a + b, min_mentions=1)]
    assert names == sorted(names, key=str.casefold)


def test_curated_entity_kept_even_when_mentioned_once():
    a = find_entities(article_from_text("a", "Kyiv was hit."), CURATION)
    assert [e.name for e in merge_entities(a, min_mentions=5)] == ["Kyiv"]


def test_seed_entity_index():
    entities = [e for a in seed_articles() for e in find_entities(a, seed_curation())]
    index = {e.name: e for e in merge_entities(entities)}
    zelensky = index["Volodymyr Zelensky"]
    assert set(zelensky.mentions[0].source.article for _ in [0]) <= {"000", "001"}
    assert {m.source.article for m in zelensky.mentions} == {"000", "001", "002", "003", "004"}
    assert index["KN-23"].kind == "weapon"
    assert index["Kursk region"].kind == "place"
    assert "Most Read" not in index and "March" not in index
    assert merge_entities(entities) == merge_entities(list(reversed(entities)))


def test_merged_mentions_are_in_source_order_whichever_way_they_are_merged():
    """Entities of one article each are merged article after article (no sort of a widely
    named place's mentions); entities of several articles, or an article's name given twice,
    are sorted mention by mention: both give every mention once, in source order."""
    from dossier.assemble.entities import _article_after_article, _sorted_mentions
    from dossier.model import source_order

    entities = [e for a in seed_articles() for e in find_entities(a, seed_curation())]
    by_name: dict[str, list] = {}
    for entity in reversed(entities):
        by_name.setdefault(entity.name, []).append(entity)
    several = [group for group in by_name.values() if len(group) > 1]
    assert len(several) > 5
    for group in several:
        fast = _article_after_article(group)
        assert fast is not None and fast == _sorted_mentions(group)
        keys = [(source_order(m.source), m.text) for m in fast]
        assert keys == sorted(set(keys))
    group = several[0]
    merged = merge_entities(group, min_mentions=1)[0]
    # one entity of several articles, given with the articles' own: each mention still once
    again = [merged, *group]
    assert _article_after_article(again) is None
    assert merge_entities(again, min_mentions=1)[0].mentions == merged.mentions
    # an article's entity given twice
    assert _article_after_article([*group, group[0]]) is None
    assert merge_entities([*group, group[0]], min_mentions=1)[0].mentions == merged.mentions
