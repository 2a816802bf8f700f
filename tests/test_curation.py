"""The curation file: valid files load; every problem is reported at once with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.curation import load_curation, parse_curation
from dossier.errors import CurationError
from tests.conftest import ROOT


def problems(text: str) -> list[str]:
    with pytest.raises(CurationError) as info:
        parse_curation(text, "dossier.yml")
    return info.value.problems


def test_default_curation_loads_with_topics_metrics_and_entities():
    curation = load_curation(ROOT / "dossier.yml")
    assert [t.id for t in curation.topics] == ["kyiv-strike", "dprk-troops", "casualties"]
    assert {"killed", "injured", "troops"} <= {m.id for m in curation.metrics}
    zelensky = next(e for e in curation.entities if e.name == "Volodymyr Zelensky")
    assert "Zelenskyy" in zelensky.aliases
    assert curation.warnings == ()


def test_file_metrics_replace_defaults_of_the_same_id():
    curation = parse_curation(
        "title: T\nmetrics:\n  - id: killed\n    label: Deaths\n    words: [perished]\n"
    )
    killed = curation.metric("killed")
    assert killed.label == "Deaths" and killed.words == ("perished",)
    assert curation.metric("injured") is not None  # the defaults stay


def test_malformed_yaml_names_the_line():
    [message] = problems("title: T\ntopics:\n  - id: a\n   title: broken indent\n")
    assert message.startswith("dossier.yml:4: not valid YAML")


def test_empty_file_is_an_error():
    assert problems("") == ["dossier.yml:1: the curation file is empty; it needs at least a title"]


def test_all_problems_are_reported_at_once_with_lines():
    text = (
        "title: T\n"  # 1
        "topics:\n"  # 2
        "  - id: kyiv\n"  # 3
        "    title: Kyiv\n"  # 4
        "    phrases: [Kyiv]\n"  # 5
        "    related: [nowhere]\n"  # 6
        "  - id: kyiv\n"  # 7
        "    title: Again\n"  # 8
        "    keywords: [x]\n"  # 9
        "sources:\n"  # 10
        "  a1:\n"  # 11
        "    reliability: Z\n"  # 12
        "    date: yesterday-ish\n"  # 13
    )
    found = problems(text)
    assert "dossier.yml:3: topic 'kyiv': related topic 'nowhere' is not defined; known topics: kyiv" in found
    assert "dossier.yml:7: duplicate topic id 'kyiv' (first defined on line 3)" in found
    assert any(p.startswith("dossier.yml:12: sources.a1.reliability 'Z' must be a grade A-F") for p in found)
    assert any(p.startswith("dossier.yml:13: sources.a1.date must be a date") for p in found)
    assert len(found) == 4


def test_unknown_metric_lists_the_known_ones():
    [message] = problems("title: T\ntopics:\n  - id: a\n    title: A\n    metrics: [kiled]\n")
    assert message.startswith("dossier.yml:5: topic 'a': metric 'kiled' is not defined; known metrics: ")
    assert "killed" in message


def test_unknown_keys_are_warnings_with_their_line():
    curation = parse_curation("title: T\ntopcs: []\n")
    [warning] = curation.warnings
    assert str(warning).startswith("dossier.yml:2: unknown key 'topcs' in the curation file (ignored)")


def test_duplicate_yaml_key_is_an_error():
    assert problems("title: A\ntitle: B\n") == ["dossier.yml:2: the curation file: key 'title' is given twice"]


def test_missing_title_and_wrong_types():
    found = problems("subtitle: [1, 2]\ntopics: nope\n")
    assert "dossier.yml:1: subtitle must be text" in found
    assert "dossier.yml:2: topics must be a list" in found
    assert any("title is required" in p for p in found)


def test_topic_without_anything_to_match_is_an_error():
    [message] = problems("title: T\ntopics:\n  - id: a\n    title: A\n")
    assert message == "dossier.yml:3: topic 'a': give phrases, keywords or metrics to match paragraphs"


def test_topic_id_must_be_url_safe():
    [message] = problems("title: T\ntopics:\n  - id: ../../etc\n    title: A\n    keywords: [x]\n")
    assert message.startswith("dossier.yml:3: topics item 1: id '../../etc' must be lower-case letters")


def test_entity_alias_cannot_name_two_entities():
    text = "title: T\nentities:\n  - name: A\n    aliases: [X]\n  - name: B\n    aliases: [x]\n"
    assert problems(text) == ["dossier.yml:5: entity 'B': alias 'x' already names 'A'"]


def test_a_place_lies_within_a_place_of_the_curation_without_a_cycle():
    ok = parse_curation("title: T\nentities:\n  - name: Tavra\n    kind: place\n"
                        "  - name: Kessin\n    kind: place\n    within: Tavra\n", "dossier.yml")
    assert [(e.name, e.within) for e in ok.entities] == [("Tavra", None), ("Kessin", "Tavra")]
    text = ("title: T\nentities:\n  - name: A\n    kind: place\n    within: B\n  - name: B\n    kind: place\n"
            "    within: A\n  - name: C\n    kind: person\n    within: A\n  - name: D\n    kind: place\n"
            "    within: Nowhere\n")
    assert problems(text) == [
        "dossier.yml:11: entity 'C': only a place lies within another (kind is 'person')",
        "dossier.yml:3: entity 'A': within 'B' leads back to 'A'",
        "dossier.yml:6: entity 'B': within 'A' leads back to 'B'",
        "dossier.yml:12: entity 'D': within 'Nowhere' is not the name of a place among the entities; places: A, B, D",
    ]


@pytest.mark.parametrize("top, place", [
    # the one curated place the title names, by its name or a capitalised alias
    ("title: The Tarsa festival crush\n", "Tarsa"),
    ("title: Crush in the Halvik capital\n", None),  # a lower-case alias is no name in a title
    ("title: Crush at the Soundgate Festival\n", None),
    ("title: Tarsa and Belmor storms\n", None),  # two places: no one place
    ("title: Tarsa, Halvik Province\n", "Tarsa"),  # a place and the one it lies within: the inner
    # said outright (the name or an alias, any case), or none at all
    ("title: Tarsa and Belmor storms\nplace: belmor\n", "Belmor"),
    ("title: Crush\nplace: HP\n", "Halvik Province"),
    ("title: The Tarsa festival crush\nplace: none\n", None),
])
def test_the_events_place_is_said_or_the_one_place_the_title_names(top, place):
    entities = ("entities:\n  - {name: Tarsa, kind: place, within: Halvik Province}\n  - {name: Belmor, kind: place}\n"
                "  - {name: Halvik Province, kind: place, aliases: [HP, the Halvik capital]}\n"
                "  - {name: Soundgate Festival, kind: organisation}\n")
    assert parse_curation(top + entities, "dossier.yml").place == place


def test_an_events_place_that_is_no_curated_place_is_an_error():
    text = "title: T\nplace: Soundgate\nentities:\n  - {name: Tarsa, kind: place}\n  - {name: Soundgate, kind: organisation}\n"
    assert problems(text) == ["dossier.yml:2: place 'Soundgate' is not a place among the entities (its name or an "
                              "alias), nor none; places: Tarsa"]


def test_what_figures_count_under_other_names_is_counted_as_one():
    ok = parse_curation("title: T\ncounted:\n  pupils: [Children, students, pupils]\n  civilians: residents\n",
                        "dossier.yml")
    assert ok.counted == {"children": "pupils", "residents": "civilians", "students": "pupils"}
    assert [ok.counted_as(n) for n in ("children", "Students", "pupils", "soldiers")] == [
        "pupils", "pupils", "pupils", "soldiers"]
    assert ok.counted_as("children", "children_killed") == "children"  # a metric named for the noun
    assert ok.counted_as("children", "abducted") == "pupils"
    assert parse_curation("title: T\n", "dossier.yml").counted == {}
    text = "title: T\ncounted:\n  pupils: [children]\n  minors: [children]\n  students: [pupils]\n  rescuers: 3\n"
    assert problems(text) == [
        "dossier.yml:4: counted: 'children' is counted as both 'pupils' and 'minors'",
        "dossier.yml:5: counted: 'pupils' is itself counted as 'students'; list 'children' under 'students'",
    ]


def test_missing_file_and_bad_encoding(tmp_path: Path):
    with pytest.raises(CurationError, match="no such curation file"):
        load_curation(tmp_path / "missing.yml")
    bad = tmp_path / "bad.yml"
    bad.write_bytes(b"title: caf\xe9\n")
    with pytest.raises(CurationError, match="not UTF-8"):
        load_curation(bad)
