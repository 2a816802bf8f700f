"""Figure extraction quality against the hand-labelled gold set.

    .venv/bin/python benchmarks/figures_quality.py [tests/fixtures/figures/gold.yml] [-v]

Prints recall, precision, qualifier, metric and claimant accuracy, for the default seeds and
for the other-event fixture articles, then overall, and then separately for the holdout set
(tests/fixtures/figures/holdout/gold.yml: articles labelled before the extractor was tuned on
them, the honest estimate of how it does on articles nobody has seen). A gold figure is found when an extracted
figure in the same paragraph has the same value (and value_max). Qualifier, metric and
claimant accuracy are measured over the found figures. Articles are read naively (blank lines
split paragraphs; Title Case lines without a full stop count as headings), so the numbers do
not depend on the ingest stage.

Then the fixture dossiers of other events, read through the real ingest (front matter, lines
joined into paragraphs) and scored with their own gold.yml (figures matched by value and by
words of their sentence): "strike" (tests/fixtures/strike, a missile and drone strike whose toll
rises over three days; written before the rules were tuned, then tuned on) and "port"
(tests/fixtures/portstrike; its first-run scores are recorded in its gold.yml). These also
score what each figure counts, its place and side, as-of, part-of and superseded figures.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier.analyse.figures import extract_figures  # noqa: E402
from dossier.curation import default_metrics as load_default_metrics  # noqa: E402
from dossier.curation.model import Curation, EntitySpec  # noqa: E402
from dossier.curation.schema import load_curation  # noqa: E402
from dossier.model import Article, Figure, FuzzyDate, Paragraph  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "figures" / "gold.yml"
HOLDOUT = ROOT / "tests" / "fixtures" / "figures" / "holdout" / "gold.yml"
STRIKE = ROOT / "tests" / "fixtures" / "strike"
PORTSTRIKE = ROOT / "tests" / "fixtures" / "portstrike"  # holdout: measured, never tuned on
_MARKER = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+")


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    extracted: int = 0
    false_hits: int = 0
    qualifier_ok: int = 0
    metric_ok: int = 0
    claimant_ok: int = 0
    problems: list[str] = field(default_factory=list)
    # the subject checks of the strike set: (right, scored) per field
    subject: dict[str, list[int]] = field(default_factory=dict)

    def add(self, other: "Score") -> None:
        for name in ("gold", "found", "extracted", "false_hits", "qualifier_ok", "metric_ok", "claimant_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems += other.problems
        for name, (right, scored) in other.subject.items():
            mine = self.subject.setdefault(name, [0, 0])
            mine[0] += right
            mine[1] += scored

    def tally(self, name: str, right: bool) -> None:
        mine = self.subject.setdefault(name, [0, 0])
        mine[0] += int(right)
        mine[1] += 1

    def rates(self) -> dict[str, float]:
        found = self.found or 1
        return {
            "recall": self.found / (self.gold or 1),
            "precision": (self.extracted - self.false_hits) / (self.extracted or 1),
            "qualifier": self.qualifier_ok / found,
            "metric": self.metric_ok / found,
            "claimant": self.claimant_ok / found,
        } | {name: right / (scored or 1) for name, (right, scored) in sorted(self.subject.items())}


def read_article(entry: dict) -> Article:
    text = (ROOT / entry["file"]).read_text(encoding="utf-8")
    text = _MARKER.sub("", text, count=1)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    paragraphs = tuple(Paragraph(i, b, i, heading=_heading(b)) for i, b in enumerate(blocks, start=1))
    year, month, day = (int(x) for x in str(entry["date"]).split("-"))
    return Article(id=entry["id"], path=entry["file"], title=entry["id"], title_inferred=True,
                   outlet=entry.get("outlet"), outlet_inferred=False, url=None,
                   date=FuzzyDate(year, month, day), date_origin="curation", paragraphs=paragraphs)


def _heading(block: str) -> bool:
    if "\n" in block or block.rstrip()[-1:] in ".!?\"”":
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", block) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def curations(gold: dict) -> dict[str, Curation]:
    fixtures = Curation(
        title="Gold fixtures",
        metrics=load_default_metrics(),
        entities=tuple(EntitySpec(e["name"], e.get("kind", "other"), tuple(e.get("aliases", ())))
                       for e in gold.get("entities", ())),
    )
    return {"dossier": load_curation(ROOT / "dossier.yml"), "fixtures": fixtures}


def _norm(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip().lower())


def score_article(entry: dict, curation: Curation) -> Score:
    article = read_article(entry)
    figures = list(extract_figures(article, curation))
    score = Score(extracted=len(figures))
    unmatched = list(figures)
    for item in entry["figures"]:
        match = _take(unmatched, item)
        if item.get("optional"):
            if match is None:
                continue
            score.extracted -= 1
            continue
        score.gold += 1
        if match is None:
            score.problems.append(f"{entry['id']} p{item['paragraph']}: missed {item['value']:g}")
            continue
        score.found += 1
        _check(score, entry, item, match, article)
    score.false_hits = len(unmatched)
    score.problems += [f"{entry['id']} p{f.source.paragraph}: false hit {f.text!r} ({f.metric})" for f in unmatched]
    return score


def _take(figures: list[Figure], item: dict) -> Figure | None:
    for figure in figures:
        if (figure.source.paragraph == item["paragraph"] and abs(figure.value - item["value"]) < 1e-6
                and (item.get("value_max") is None or figure.value_max == item["value_max"])):
            figures.remove(figure)
            return figure
    return None


def _check(score: Score, entry: dict, item: dict, figure: Figure, article: Article) -> None:
    where = f"{entry['id']} p{item['paragraph']} {figure.text!r}"
    if figure.qualifier == item["qualifier"]:
        score.qualifier_ok += 1
    else:
        score.problems.append(f"{where}: qualifier {figure.qualifier}, expected {item['qualifier']}")
    if figure.metric == item["metric"]:
        score.metric_ok += 1
    else:
        score.problems.append(f"{where}: metric {figure.metric}, expected {item['metric']}")
    expected = item["claimant"]
    if expected == "*":  # not labelled: any claimant
        right = True
    elif expected == "@outlet":
        right = figure.claimant_kind == "outlet" and figure.claimant == article.shown_outlet
    else:
        right = _norm(figure.claimant) == _norm(expected)
    if right:
        score.claimant_ok += 1
    else:
        score.problems.append(f"{where}: claimant {figure.claimant!r}, expected {expected!r}")


def evaluate(path: Path = GOLD) -> dict[str, Score]:
    """Scores for "seeds" (the default dossier), "other" (other events) and "all"."""
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    by_name = curations(gold)
    scores = {"seeds": Score(), "other": Score(), "all": Score()}
    for entry in gold["articles"]:
        score = score_article(entry, by_name[entry["curation"]])
        scores["seeds" if entry["curation"] == "dossier" else "other"].add(score)
        scores["all"].add(score)
    return scores


def evaluate_holdout(path: Path = HOLDOUT) -> Score:
    """The holdout set, scored as one group (its articles are all other-event articles)."""
    return evaluate(path)["all"]


def evaluate_dossier(folder: Path = STRIKE) -> Score:
    """A fixture dossier read through the real ingest, against its gold.yml: gold figures are
    matched by value and by words of their sentence (`near`), not by paragraph number, and
    also scored on what they count, where, as of when, what they are part of, and whether a
    later figure of the same article supersedes them."""
    from dossier.ingest import read_seeds

    curation = load_curation(folder / "dossier.yml")
    articles, _ = read_seeds(folder / "seeds", curation)
    gold = yaml.safe_load((folder / "gold.yml").read_text(encoding="utf-8"))["articles"]
    total = Score()
    for article in articles:
        total.add(_score_near(article, list(extract_figures(article, curation)), gold.get(article.id, [])))
    return total


def _score_near(article: Article, figures: list[Figure], items: list[dict]) -> Score:
    score = Score(extracted=len(figures))
    unmatched = list(figures)
    matched: list[tuple[dict, Figure]] = []
    for item in items:
        match = next((f for f in unmatched if abs(f.value - item["value"]) < 1e-6
                      and _near(item["near"]) in _near(f.sentence)), None)
        if match is not None:
            unmatched.remove(match)
        if item.get("optional"):
            score.extracted -= match is not None
            continue
        score.gold += 1
        if match is None:
            score.problems.append(f"{article.id}: missed {item['value']:g} ({item['near']!r})")
            continue
        score.found += 1
        matched.append((item, match))
    by_value = {}
    for item, figure in matched:
        by_value.setdefault(item["value"], figure)
    for item, figure in matched:
        entry = {"id": article.id, "paragraph": figure.source.paragraph, "claimant": "*", **item}
        _check(score, entry, entry, figure, article)
        _check_subject(score, article, item, figure, figures, by_value)
    score.false_hits = len(unmatched)
    score.problems += [f"{article.id}: false hit {f.text!r} ({f.metric}) in {f.sentence[:80]!r}" for f in unmatched]
    return score


def _near(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def _check_subject(score: Score, article: Article, item: dict, figure: Figure, figures: list[Figure],
                   by_value: dict) -> None:
    where = f"{article.id} {figure.text!r}"
    checks = {}
    if "counted" in item:
        checks["counted"] = (getattr(figure, "counted", None), item["counted"])
    if "place" in item:
        checks["place"] = (getattr(figure, "place", None), item["place"])
    if "side" in item:
        checks["side"] = (getattr(figure, "side", None), item["side"])
    if "as_of" in item:
        checks["as_of"] = (figure.as_of.iso if figure.as_of else None, str(item["as_of"]))
    if "part_of" in item:
        parent = next((f for f in figures if f.id == getattr(figure, "part_of", None)), None)
        checks["part_of"] = (parent.value if parent else None, item["part_of"])
    checks["superseded"] = (getattr(figure, "superseded_by", None) is not None, bool(item.get("superseded")))
    for name, (got, expected) in checks.items():
        right = got == expected or (isinstance(got, float) and expected is not None and got == float(expected))
        score.tally(name, right)
        if not right:
            score.problems.append(f"{where}: {name} {got!r}, expected {expected!r}")


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("-")]
    scores = evaluate(Path(args[0]) if args else GOLD)
    if not args and HOLDOUT.exists():
        scores["holdout"] = evaluate_holdout()
    if not args and (STRIKE / "gold.yml").exists():
        scores["strike"] = evaluate_dossier()
    if not args and (PORTSTRIKE / "gold.yml").exists():
        scores["port"] = evaluate_dossier(PORTSTRIKE)
    for name, score in scores.items():
        rates = "  ".join(f"{k} {v:.3f}" for k, v in score.rates().items())
        print(f"{name:7} gold {score.gold:3} found {score.found:3} extracted {score.extracted:3}  {rates}")
    if "-v" in argv:
        print("\n".join(scores["all"].problems))
        for name in ("holdout", "strike", "port"):
            if name in scores:
                print(f"-- {name}")
                print("\n".join(scores[name].problems))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
