"""apply_overrides and group_figures: grouping, agreement, notes, overrides and notices."""

from __future__ import annotations

import pytest

from dossier.curation import default_metrics as load_default_metrics
from dossier.assemble.figures import agreement, apply_overrides, compatible, group_figures, subject_class
from dossier.curation.model import Curation, EntitySpec, Override
from dossier.model import Figure, FuzzyDate, SourceRef

APRIL = FuzzyDate(2025, 4, 24)
OCTOBER = FuzzyDate(2024, 10, 24)
CURATION = Curation(title="T", metrics=load_default_metrics(),
                    entities=(EntitySpec("North Korea", "place", ("DPRK", "Pyongyang")),))


def fig(fid: str, value: float, qualifier: str = "exact", metric: str = "killed", subject: str = "people",
        claimant: str = "HNGN", as_of: FuzzyDate = APRIL, article: str = "a", value_max: float | None = None,
        **kw) -> Figure:
    return Figure(id=fid, source=SourceRef(article, 1, 0, 2), value=value, value_max=value_max,
                  qualifier=qualifier, unit="people", metric=metric, label=metric.title(), subject=subject,
                  claimant=claimant, claimant_kind="outlet", as_of=as_of, as_of_stated=False,
                  sentence="s", text=str(value), **kw)


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


@pytest.mark.parametrize(
    "subject, kind",
    [("people", "people"), ("civilians", "people"), ("people (Kyiv)", "people"),
     ("North Korean troops", "troops"), ("soldiers from the DPRK", "troops"), ("officers", "officer"),
     ("additional soldiers (North Korea)", "troops (additional)"), ("means of destruction (Russia)", "weapons"),
     ("children", "children")],
)
def test_subject_class(subject, kind):
    assert subject_class(subject) == kind


def test_same_subject_and_metric_across_sources_conflict_with_a_note():
    figures = (fig("1", 90, claimant="HNGN", metric="injured", subject="civilians"),
               fig("2", 100, "more_than", claimant="Volodymyr Zelensky", metric="injured", article="b"))
    (group,) = group_figures(figures, CURATION)
    assert (group.agreement, group.low, group.high) == ("conflict", 90, 100)
    assert group.note == "90 (HNGN, 24 April 2025) vs more than 100 (Volodymyr Zelensky, 24 April 2025)"


def test_compatible_figures_agree():
    (group,) = group_figures((fig("1", 12, "at_least"), fig("2", 12, article="b")), CURATION)
    assert group.agreement == "agree"


def test_figures_of_different_dates_differ_over_time():
    figures = (fig("1", 12000, "approx", metric="troops", subject="soldiers (DPRK)", as_of=OCTOBER),
               fig("2", 11000, "more_than", metric="troops", subject="North Korean troops", article="b"))
    (group,) = group_figures(figures, CURATION)
    assert group.agreement == "differ_over_time"
    assert group.latest.id == "2"
    assert group.subject == "North Korean troops"


def test_different_subjects_never_merge():
    figures = (fig("1", 12, subject="people (Kyiv)"), fig("2", 300, subject="soldiers (DPRK)"),
               fig("3", 50000, metric="troops", subject="soldiers (Russia)"),
               fig("4", 12000, metric="troops", subject="North Korean soldiers"),
               fig("5", 6, metric="injured", subject="children"), fig("6", 90, metric="injured", subject="people"))
    groups = group_figures(figures, CURATION)
    assert sorted(len(g.figures) for g in groups) == [1] * 6
    assert {g.agreement for g in groups} == {"single"}


def test_figure_without_context_joins_the_only_group_of_its_kind():
    figures = (fig("1", 12, subject="people (Kyiv)"), fig("2", 12, subject="people", article="b"))
    assert len(group_figures(figures, CURATION)) == 1


def test_group_ids_are_content_derived_and_order_is_stable():
    figures = (fig("1", 12), fig("2", 300, metric="troops", subject="soldiers"))
    first = group_figures(figures, CURATION)
    again = group_figures(tuple(reversed(figures)), CURATION)
    assert [g.id for g in first] == [g.id for g in again]
    assert [g.metric for g in first] == ["killed", "troops"]  # the curation's metric order


def test_excluded_figures_are_not_grouped():
    assert group_figures((fig("1", 12, excluded=True),), CURATION) == ()


def test_agreement_of_a_single_figure():
    assert agreement([fig("1", 1)]) == "single"


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
    assert "the source says '90.0'" in corrected.correction or "'90'" in corrected.correction
    assert [str(n) for n in notices] == [
        "dossier.yml:48: override names figure 'zzzz', which no article yields; "
        "see the figures table (dossier figures) for the ids"]
