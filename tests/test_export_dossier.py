"""The whole-dossier JSON export (schema dossier/3)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from dossier.export import to_compact_json
from dossier.export.dossier import _plain, dossier_json
from dossier.model import (
    Article, Briefing, Clause, DroppedLine, Dossier, Entity, Event, Figure, FigureGroup, FuzzyDate, Mention, Notice,
    Paragraph, Quote, SourceRef, Statement, Takeaway, Topic,
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
    assert data["schema"] == "dossier/3"
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
    assert text.count("\n") == 1  # compact: one line
    assert text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert dossier_json(small_dossier()) == text


def test_unknown_dates_are_null():
    d = small_dossier()
    d = replace(d, as_of=None, articles=(replace(d.articles[0], date=None, date_origin="unknown"),))
    data = json.loads(dossier_json(d))
    assert data["as_of"] is None and data["articles"][0]["date"] is None


# ------------------------------------------------------------------ references (dossier/3)

def _expand_briefing(data: dict) -> dict:
    """The briefing with every reference replaced by the record it refers to, as dossier/2
    wrote it: what a reader of the download does to follow a clause or a takeaway."""
    figures = {f["id"]: f for f in data["figures"]}
    groups = {g["id"]: g for g in data["groups"]}
    statements = {s["id"]: s for s in data["statements"]}

    def figure(fid):  # the model's fields (`display` is the listed figure's extra)
        return {k: v for k, v in figures[fid].items() if k != "display"}

    def group(gid, merged):
        if gid not in groups:  # not listed: written whole in `merged`
            return merged
        g = {k: v for k, v in groups[gid].items() if k not in ("display_range", "claimants")}
        g = {**g, "figures": [figure(f) for f in g["figures"]], "latest": figure(g["latest"])}
        return {**g, **(merged or {})}

    def statement(sid, merged):
        if sid not in statements:
            return merged
        s = {k: v for k, v in statements[sid].items() if k not in ("articles", "originators")}
        return {**s, **(merged or {})}

    b = data["briefing"]
    drop = ("merged", "group_merged", "statement_merged")
    clauses = [{**{k: v for k, v in c.items() if k not in drop},
                "group": group(c["group"], c["group_merged"]) if c["group"] else None,
                "statement": statement(c["statement"], c["statement_merged"]) if c["statement"] else None}
               for c in b["bottom_line"]]
    takeaways = {topic: [{**{k: v for k, v in t.items() if k not in drop},
                          "statement": statement(t["statement"], t["merged"]),
                          "variants": [statement(v, None) for v in t["variants"]]} for t in chosen]
                 for topic, chosen in b["takeaways"].items()}
    rest = {topic: [statement(s, b["rest_merged"].get(topic, {}).get(s)) for s in others]
            for topic, others in b["rest"].items()}
    return {**{k: v for k, v in b.items() if k != "rest_merged"},
            "bottom_line": clauses, "takeaways": takeaways, "rest": rest}


def _briefed_dossier() -> Dossier:
    """The small dossier with a briefing: a figure clause, a takeaway merged with a
    near-duplicate (one more mention and outlet than the listed statement), another key point."""
    d = small_dossier()
    other = SourceRef("kyiv", 1, 13, 28)
    s1 = replace(d.statements[0], outlets=("Новини",))
    s2 = Statement("s2", "They kill people.", (Mention(other, "They kill people"),), ("t",))
    merged = replace(s1, mentions=(*s1.mentions, *s2.mentions), outlets=("Новини", "Wire"))
    takeaway = Takeaway(merged, (-2, False, "s1"), headline=True)
    briefing = Briefing(
        bottom_line=(Clause("figure", refs=(REF,), group=d.groups[0]),
                     Clause("takeaway", refs=(REF, other), statement=merged),
                     Clause("analyst", text="The analyst's own words.")),
        takeaways={"t": (takeaway,)}, rest={"t": (s2,)}, limit=7)
    return replace(d, statements=(s1, s2), briefing=briefing)


def test_the_briefing_refers_to_groups_and_statements_by_id():
    data = json.loads(dossier_json(_briefed_dossier()))
    figure, takeaway, analyst = data["briefing"]["bottom_line"]
    assert figure["group"] == "g1" and figure["statement"] is None
    assert figure["group_merged"] is None and figure["statement_merged"] is None
    assert takeaway["statement"] == "s1" and takeaway["group"] is None
    assert takeaway["statement_merged"] == {
        "mentions": [{"source": {"article": "kyiv", "end": 12, "paragraph": 1, "start": 0}, "text": "They kill people"},
                     {"source": {"article": "kyiv", "end": 28, "paragraph": 1, "start": 13}, "text": "They kill people"}],
        "outlets": ["Новини", "Wire"],
    }
    assert analyst["group"] is None and analyst["text"] == "The analyst's own words."
    (chosen,) = data["briefing"]["takeaways"]["t"]
    assert chosen == {"statement": "s1", "merged": takeaway["statement_merged"], "score": [-2, False, "s1"],
                      "headline": True, "variants": []}
    assert data["briefing"]["rest"] == {"t": ["s2"]} and data["briefing"]["rest_merged"] == {}
    assert data["briefing"]["limit"] == 7


def test_following_the_references_gives_back_every_fact_of_the_briefing():
    d = _briefed_dossier()
    data = json.loads(dossier_json(d))
    assert _expand_briefing(data) == json.loads(to_compact_json(_plain(d.briefing)))  # as dossier/2 wrote it


def test_a_briefing_record_other_than_the_listed_one_is_written_all_the_same():
    """Only a dossier put together by hand (a test's variant) has such records: nothing of
    them is lost, and writing the download does not fail."""
    d = _briefed_dossier()
    renamed = replace(d.groups[0], label="Renamed")
    stray = replace(d.groups[0], id="g-stray")
    other = replace(d.statements[1], text="Reworded.")
    d = replace(d, briefing=replace(d.briefing, rest={"t": (other,)}, bottom_line=(
        Clause("figure", group=renamed), Clause("disputed", group=stray), *d.briefing.bottom_line[1:])))
    data = json.loads(dossier_json(d))
    first, second = data["briefing"]["bottom_line"][:2]
    assert first["group"] == "g1" and first["group_merged"] == {"label": "Renamed"}
    assert second["group"] == "g-stray" and second["group_merged"]["figures"][0]["id"] == "f1"
    assert data["briefing"]["rest_merged"] == {"t": {"s2": {"text": "Reworded."}}}
    assert _expand_briefing(data) == json.loads(to_compact_json(_plain(d.briefing)))


@pytest.fixture(scope="module")
def default_dossier():
    from pathlib import Path

    from dossier.pipeline import build_dossier

    root = Path(__file__).resolve().parent.parent
    d = build_dossier(root / "seeds", root / "dossier.yml")
    return d, json.loads(dossier_json(d))


def test_every_id_the_download_refers_to_is_in_its_list(default_dossier):
    _, data = default_dossier
    ids = {key: {r["id"] for r in data[key]} for key in ("articles", "topics", "figures", "groups", "statements")}
    for group in data["groups"]:
        assert set(group["figures"]) <= ids["figures"] and group["latest"] in group["figures"]
        assert set(group["disputed"]) <= set(group["figures"])
        assert set(group["parts"]) <= ids["groups"] and group["part_of"] in ids["groups"] | {None}
    for figure in data["figures"]:
        assert figure["source"]["article"] in ids["articles"]
        assert figure["part_of"] in ids["figures"] | {None} and figure["superseded_by"] in ids["figures"] | {None}
    for statement in data["statements"]:
        assert set(statement["articles"]) <= ids["articles"]
    briefing = data["briefing"]
    assert briefing["bottom_line"] and briefing["takeaways"]
    assert briefing["rest_merged"] == {}  # a built dossier's briefing holds the listed records
    for clause in briefing["bottom_line"]:
        assert clause["group"] in ids["groups"] | {None} and clause["statement"] in ids["statements"] | {None}
        assert clause["group_merged"] is None
        assert clause["kind"] not in ("figure", "disputed") or clause["group"] is not None
        assert clause["kind"] != "takeaway" or clause["statement"] is not None
    assert set(briefing["takeaways"]) | set(briefing["rest"]) <= ids["topics"]
    for chosen in briefing["takeaways"].values():
        assert {t["statement"] for t in chosen} <= ids["statements"]
    for others in briefing["rest"].values():
        assert set(others) <= ids["statements"]


def test_a_bottom_line_clause_s_group_is_found_by_id(default_dossier):
    d, data = default_dossier
    groups = {g["id"]: g for g in data["groups"]}
    clauses = [c for c in data["briefing"]["bottom_line"] if c["kind"] == "figure"]
    assert clauses
    for clause, model in zip(clauses, [c for c in d.briefing.bottom_line if c.kind == "figure"]):
        group = groups[clause["group"]]
        assert group["label"] == model.group.label and group["latest"] == model.group.latest.id
        assert group["display_range"] == model.group.display_range


def test_the_default_briefing_is_whole_behind_its_references(default_dossier):
    d, data = default_dossier
    assert _expand_briefing(data) == json.loads(to_compact_json(_plain(d.briefing)))
