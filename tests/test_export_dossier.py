"""The whole-dossier JSON export (schema dossier/2)."""

from __future__ import annotations

import json
from dataclasses import replace

from dossier.export.dossier import dossier_json
from dossier.model import (
    Article, DroppedLine, Dossier, Entity, Event, Figure, FigureGroup, FuzzyDate, Mention, Notice,
    Paragraph, Quote, SourceRef, Statement, Topic,
)

REF = SourceRef("kyiv", 1, 0, 12)


def small_dossier() -> Dossier:
    article = Article(
        id="kyiv", path="seeds/kyiv.txt", title="Strike on Kyiv", title_inferred=False,
        outlet="Новини", outlet_inferred=False, url=None, date=FuzzyDate(2025, 4, 24),
        date_origin="marker",
        paragraphs=(Paragraph(1, "“They kill people,” he said. 12 people died.", 2),),
        dropped=(DroppedLine(9, "Most Read", "page furniture"),),
    )
    figure = Figure(
        id="f1", source=REF, value=12, value_max=None, qualifier="exact", unit="people",
        metric="killed", label="Killed", subject="people", claimant="kyiv", claimant_kind="outlet",
        as_of=FuzzyDate(2025, 4), as_of_stated=False, sentence="12 people died.", text="12",
    )
    group = FigureGroup(id="g1", metric="killed", label="Killed", subject="people", topics=("t",),
                        figures=(figure,), low=12, high=12, latest=figure, agreement="single", note="")
    mention = Mention(REF, "They kill people")
    return Dossier(
        title="Test", subtitle="Sub", as_of=FuzzyDate(2025, 4, 24), articles=(article,),
        topics=(Topic("t", "Topic", "About", paragraphs=(SourceRef("kyiv", 1),)),),
        figures=(figure,), groups=(group,),
        statements=(Statement("s1", "12 people died.", (mention,)),),
        quotes=(Quote("q1", "They kill people", "Volodymyr Zelensky", (mention,)),),
        events=(Event("e1", FuzzyDate(2025, 1), "Soldiers were sent in January.", (mention,), True),),
        entities=(Entity("n1", "Kyiv", "place", ("the capital",), (mention,), True),),
        unmatched=(SourceRef("kyiv", 1),),
        notices=(Notice("seeds/kyiv.txt", 3, "no date"),),
    )


def test_document_shape():
    data = json.loads(dossier_json(small_dossier()))
    assert data["schema"] == "dossier/2"
    assert sorted(data) == sorted([
        "schema", "title", "subtitle", "as_of", "briefing", "articles", "topics", "figures", "groups",
        "statements", "quotes", "events", "entities", "unmatched", "notices",
    ])
    assert data["as_of"] == "2025-04-24"


def test_articles_with_paragraphs_anchors_and_dropped_lines():
    (article,) = json.loads(dossier_json(small_dossier()))["articles"]
    assert article["date"] == "2025-04-24" and article["date_inferred"] is False
    assert article["paragraphs"][0]["anchor"].startswith("p-")
    assert article["dropped"] == [{"line": 9, "reason": "page furniture", "text": "Most Read"}]


def test_clusters_events_entities_and_groups():
    data = json.loads(dossier_json(small_dossier()))
    quote = data["quotes"][0]
    assert quote["speaker"] == "Volodymyr Zelensky"
    assert quote["articles"] == ["kyiv"]
    assert quote["mentions"] == [{"source": {"article": "kyiv", "paragraph": 1, "start": 0, "end": 12},
                                  "text": "They kill people"}]
    assert data["statements"][0]["articles"] == ["kyiv"]
    assert data["events"][0]["date"] == "2025-01"  # partial dates stay partial
    assert data["events"][0]["precision"] == "month"
    assert data["figures"][0]["as_of"] == "2025-04"
    assert data["groups"][0]["figures"] == ["f1"] and data["groups"][0]["latest"] == "f1"
    assert data["entities"][0]["aliases"] == ["the capital"]
    assert data["topics"][0]["paragraphs"] == [{"article": "kyiv", "end": 0, "paragraph": 1, "start": 0}]
    assert data["notices"] == [{"file": "seeds/kyiv.txt", "line": 3, "message": "no date"}]


def test_formatting_is_deterministic():
    text = dossier_json(small_dossier())
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "“They kill people,”" in text and "Новини" in text  # ensure_ascii=False
    assert text.splitlines()[1].startswith('  "')  # indent 2
    assert text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    assert dossier_json(small_dossier()) == text


def test_unknown_dates_are_null():
    d = small_dossier()
    d = replace(d, as_of=None, articles=(replace(d.articles[0], date=None, date_origin="unknown"),))
    data = json.loads(dossier_json(d))
    assert data["as_of"] is None and data["articles"][0]["date"] is None
