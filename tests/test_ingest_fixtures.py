"""Real-shaped articles (pasted text, saved pages, bylines, datelines, web leftovers): per file,
what must be read (title, outlet, date, first paragraph) and what must be gone, with its reason."""

from __future__ import annotations

import pytest
import yaml

from dossier.curation import parse_curation
from dossier.ingest import read_seeds
from tests.conftest import FIXTURES

FOLDER = FIXTURES / "ingest"
EXPECTED = yaml.safe_load((FOLDER / "expected.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def articles():
    found, notices = read_seeds(FOLDER / "seeds", parse_curation("title: T\n"))
    assert notices == ()
    return {a.path.split("/", 1)[1]: a for a in found}


def test_every_fixture_file_has_expectations(articles):
    assert sorted(articles) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_article(articles, name):
    article, want = articles[name], EXPECTED[name]
    texts = [p.text for p in article.paragraphs]
    body = "\n".join(texts)
    assert article.title == want["title"]
    assert article.outlet == want["outlet"]
    assert (article.date.iso if article.date else None) == want["date"]
    if want["outlet"]:
        assert article.outlet_inferred
    assert article.url == want.get("url")
    assert article.page_fields == tuple(want.get("page_fields", ()))
    assert texts[0].startswith(want["first"])
    assert len(texts) == want["paragraphs"], texts
    assert article.title not in texts
    for snippet in want.get("must_contain", ()):
        assert snippet in body
    for snippet in want.get("must_not_contain", ()):
        assert snippet not in body and snippet not in article.title
    reasons = {d.text: d.reason for d in article.dropped}
    for text, reason in want.get("dropped", {}).items():
        assert reasons.get(text) == reason, text
