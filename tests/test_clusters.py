"""Statement clustering: the same thing said across articles, and what must stay apart."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analyse.sentences import dateline
from dossier.assemble.clusters import cluster_statements, features, same_statement
from dossier.model import content_id
from tests.seedtools import article_from_text, seed_articles, seed_curation

SAME = [
    # translations of one statement
    ("They kill people and mock life together - that's the only point of their cooperation.",
     "They kill people and destroy lives together, this is the only purpose of their partnership."),
    ("They kill people and destroy lives together, this is the only purpose of their partnership.",
     "They kill people and torment lives together — that is the only meaning behind their cooperation."),
    # a paraphrase keeping the number and names
    ("Today alone, the Russian army has used more than 200 weapons - missiles and attack drones - "
     "in a massive attack against our cities and civilians.",
     "Just today, in a massive strike on our cities and civilians, the Russian army used more than "
     "200 means of destruction – missiles and attack drones."),
    ("As of this time, more than 100 people have been wounded and 12 people have been killed.",
     "As of this moment, more than 100 people have been injured and 12 killed."),
    ("There are approximately 12 000 soldiers.", "There are approximately 12,000 soldiers."),
    # a sentence of little but names: what little is said of them is the same
    ("Prime Minister Ilse Varga visited Dornbach on Monday.", "Prime Minister Ilse Varga visited Dornbach on Monday morning."),
    # one day, written either way round
    ("Thousands gathered in the main square on 18 May to mourn the victims of the flood.",
     "On May 18, thousands gathered in the main square to mourn the victims of the flood."),
]

DIFFERENT = [
    # many shared function words, different content
    ("Russia continues to kill civilians in Kyiv.", "Russia continues to export grain from Odesa."),
    ("The minister said that the army will continue to defend the country.",
     "The minister said that the police will continue to protect the city."),
    # same wording, different numbers or names
    ("On 25 April, Kyiv has declared a Day of Mourning.", "On 24 April, Kyiv has declared a Day of Mourning."),
    # the same day of another month ("May" is a stopword, so it is no name to tell them by)
    ("Thousands gathered in the main square on 18 May to mourn the victims of the flood.",
     "Thousands gathered in the main square on 18 June to mourn the victims of the flood."),
    ("The bridge reopened to traffic on May 3, the regional administration said.",
     "The bridge reopened to traffic on Mar. 3, the regional administration said."),
    ("More than 100 people have been injured in Kharkiv.", "More than 100 people have been injured in Odesa."),
    ("More than 100 people have been injured.", "More than 90 people have been injured."),
    # the same person, something else said of them (the names are most of the shared words)
    ("Governor Amadu Bello Kelo insists no ransom will be paid.", "Governor Amadu Bello Kelo has visited the school."),
    ("Mayor Jan Erik Holm Lindqvist was evacuated.", "Mayor Jan Erik Holm Lindqvist has resigned."),
    # a byline fragment is not a sentence
    ("Volodymyr Zelenskyy President of Ukraine", "This was reported by President of Ukraine Volodymyr Zelensky on X."),
]


@pytest.mark.parametrize("a, b", SAME)
def test_same_statement(a, b):
    assert same_statement(features(a), features(b))
    assert same_statement(features(b), features(a))


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_statements(a, b):
    assert not same_statement(features(a), features(b))


def articles_of(*texts: str):
    return [article_from_text(f"a{i}", text) for i, text in enumerate(texts)]


@pytest.mark.parametrize("a, b", DIFFERENT[:2])
def test_wordy_unrelated_pairs_do_not_cluster(a, b):
    statements = cluster_statements(articles_of(a, b), None)
    assert len(statements) == 2


def test_clusters_across_articles_with_their_mentions():
    statements = cluster_statements(articles_of(
        "Intro sentence here. " + SAME[0][0],
        SAME[0][1] + "\n\nSomething entirely different happened in Lviv today.",
        SAME[1][1],
    ), None)
    top = statements[0]
    assert top.articles == ("a0", "a1", "a2")
    assert len(top.mentions) == 3
    assert len(statements) == 3  # the cluster and two singletons
    for mention in top.mentions:
        assert mention.text.startswith("They kill people")


def test_representative_is_wording_of_most_sources_then_shortest():
    a, b = "Rescuers are still clearing the rubble in the capital.", "Rescuers are still clearing rubble in the capital city."
    (statement,) = cluster_statements(articles_of(a, b, b), None)
    assert statement.text == b
    (statement,) = cluster_statements(articles_of(a, b), None)
    assert statement.text == a
    assert statement.id == content_id("statement", a)


@pytest.mark.parametrize("opening", ["KYIV (Reuters) - ", "Kyiv, Nov 19 (AP) — ", "(MENAFN) ", "ODESA — ",
                                     "LONDON, April 24 — ", "PORT ALDA, 9 February - "])
def test_a_statement_is_worded_without_its_dateline(opening):
    story = "Rescuers are still clearing the rubble in the capital."
    (statement,) = cluster_statements(articles_of(opening + story, opening + story), None)
    assert statement.text == story


def test_two_wordings_of_one_sentence_join_among_a_hundred_variants_with_other_numbers():
    """Template-like copy ("1 person gathered ...", "2 people gathered ..."): the variants share
    every word but the number, so they never crowd out the wording that says the same."""
    variants = [f"Exactly {n} people gathered outside the town hall in Carvello on Friday." for n in range(2, 102)]
    twins = ["Exactly 150 people gathered outside the town hall in Carvello on Friday.",
             "Outside the town hall in Carvello, exactly 150 people gathered on Friday."]
    articles = [article_from_text(f"a{n:03d}", text) for n, text in enumerate(variants)]
    articles += [article_from_text(f"z{n}", text) for n, text in enumerate(twins)]  # read last
    statements = cluster_statements(articles, None)
    assert len(statements) == len(variants) + 1
    (joined,) = [s for s in statements if "150" in s.text]
    assert len(joined.mentions) == 2


def test_the_same_sentence_with_and_without_a_dateline_is_one_statement():
    story = "Officials in Morvania promised compensation to the families of the victims."
    texts = [f"ZAVODSK — {story}", story, f"MARINSK (Wire) - {story}", f"Kyiv, Nov 19 (AP) — {story}"]
    (statement,) = cluster_statements(articles_of(*texts), None)
    assert statement.text == story
    assert len(statement.mentions) == 4 and len(statement.articles) == 4


@pytest.mark.parametrize(
    "text, place, agency, story",
    [
        ("KYIV, Nov 20 (Reuters) - The toll rose.", "KYIV, Nov 20", "Reuters", "The toll rose."),
        ("MAKASSAR, Indonesia (AP) — A ferry sank.", "MAKASSAR, Indonesia", "AP", "A ferry sank."),
        ("(MENAFN) Officials said.", None, "MENAFN", "Officials said."),
        ("ZAVODSK — Residents gathered.", "ZAVODSK", None, "Residents gathered."),
        ("KYIV, Ukraine — Rescuers worked.", "KYIV, Ukraine", None, "Rescuers worked."),
    ],
)
def test_dateline_shapes(text, place, agency, story):
    found = dateline(text)
    assert (found.place, found.agency, text[found.end:]) == (place, agency, story)


@pytest.mark.parametrize("text", ["NATO-led forces said.", "The Institute for War (ISW) said so.",
                                  "Kyiv - the capital - was hit.", "Zelensky (pictured) said.", "UKRAINE",
                                  "EU - Ukraine talks resumed."])
def test_not_datelines(text):
    assert dateline(text) is None


def test_same_article_sentences_join_only_when_identical():
    statements = cluster_statements(articles_of(SAME[0][0] + " " + SAME[0][1]), None)
    assert len(statements) == 2


def test_headings_are_not_statements():
    from dataclasses import replace
    article = article_from_text("a", "A heading\n\nA sentence in the body.")
    article = replace(article, paragraphs=(replace(article.paragraphs[0], heading=True), article.paragraphs[1]))
    assert [s.text for s in cluster_statements([article], None)] == ["A sentence in the body."]


def seed_statements():
    return cluster_statements(seed_articles(), seed_curation())


def statement_with(statements, words: str):
    (found,) = [s for s in statements if any(words in m.text for m in s.mentions)]
    return found


def test_seed_president_statement_clusters_across_translations():
    kill = statement_with(seed_statements(), "They kill people")
    assert kill.articles == ("001", "002", "003")


def test_seed_more_than_200_missiles_and_drones():
    statements = seed_statements()
    weapons = statement_with(statements, "200 weapons")
    assert weapons.articles == ("000", "001", "003")
    assert any("200 means of destruction" in m.text for m in weapons.mentions)
    # 002's "more than 200 missiles and drones ... April 24 assault" carries a date number too
    assert "002" not in weapons.articles


def test_seed_statements_sorted_and_stable():
    statements = seed_statements()
    counts = [(len(s.originators), len(s.articles)) for s in statements]
    assert counts == sorted(counts, reverse=True)  # independent originators, then articles
    assert len({s.id for s in statements}) == len(statements)
    assert cluster_statements(tuple(reversed(seed_articles())), seed_curation()) == statements
    total = sum(len(s.mentions) for s in statements)
    assert total == sum(len(split) for split in [_sentences(a) for a in seed_articles()])
    # each statement's mentions in source order: its first is where it is first reported (the
    # briefing lists the statements that are no takeaway in that order)
    from dossier.model import source_order
    assert all([source_order(m.source) for m in s.mentions] == sorted(source_order(m.source) for m in s.mentions)
               for s in statements)


def test_articles_of_other_events_leave_the_statements_of_the_first_as_they_were():
    """An analyst who adds another matter's coverage to a dossier keeps the statements (their
    wording and every mention) of the first: a statement is decided by the sentences that match
    each other, not by where the new articles sort (ids before and after the seeds')."""
    from dataclasses import replace
    from pathlib import Path

    from dossier.cache import Cache
    from dossier.curation import load_curation
    from dossier.ingest import read_seeds

    seeds = seed_articles()
    others = []
    for n, name in enumerate(["ferry-drones", "quake", "flood", "siege", "vote", "spill"]):
        folder = Path(__file__).parent / "fixtures" / name
        articles, _ = read_seeds(folder / "seeds", load_curation(folder / "dossier.yml"), Cache(None, "ingest"))
        others += [replace(a, id=f"{'0' if n % 2 else 'z'}-{name}-{a.id}") for a in articles]
    assert min(a.id for a in others) < min(a.id for a in seeds) and max(a.id for a in others) > max(a.id for a in seeds)

    def shown(statement):
        return statement.text, tuple(m.source for m in statement.mentions), statement.speaker

    alone = cluster_statements(seeds, None)
    together = cluster_statements(seeds + tuple(others), None)
    ids = {a.id for a in seeds}
    assert {shown(s) for s in together if any(m.source.article in ids for m in s.mentions)} == {shown(s) for s in alone}
    assert len(together) > len(alone) + 100  # the other events' statements are there too


_VERBS = ["said", "stressed", "announced", "told reporters", "wrote on social media", "stated", "added",
          "repeated", "confirmed", "insisted", "warned", "noted"]


def _crowded_articles(names: list[str]) -> list:
    """Articles whose sentences crowd LSH buckets: one statement with a dozen reporting verbs
    (each bucket of its words holds more wordings than the cap), and rising counts."""
    articles = []
    for n, name in enumerate(names):
        verb = _VERBS[n % len(_VERBS)]
        articles.append(article_from_text(name, (
            f"Mayor Ilse Varga {verb} that the situation in Dornbach remained difficult. "
            f"Rescue teams worked through the night in Dornbach, {verb.split()[0]} the mayor.\n\n"
            f"The death toll rose to {10 + n % 3} on Tuesday, the regional administration said.")))
    return articles


@settings(max_examples=15, deadline=None)
@given(st.permutations(range(24)))
def test_statements_do_not_depend_on_the_order_articles_sort_in(order):
    """Renaming the files (so the articles sort in another order) gives the same statements,
    even where an LSH bucket holds more wordings than it proposes pairwise (a bucket's anchors
    are chosen by their words, not by where they come)."""
    import dossier.assemble.clusters as clusters

    names = [f"a{n:02d}" for n in range(24)]
    renamed = {f"a{n:02d}": f"b{position:02d}" for position, n in enumerate(order)}
    back = {new: old for old, new in renamed.items()}

    def shown(statements, ids):
        return {(s.text, s.speaker, frozenset((ids[m.source.article], m.source.paragraph, m.source.start)
                                              for m in s.mentions)) for s in statements}

    limit = clusters.MAX_BUCKET
    clusters.MAX_BUCKET = 3  # (the dozen wordings of one statement crowd its buckets)
    try:
        first = shown(cluster_statements(_crowded_articles(names), None), {n: n for n in names})
        again = shown(cluster_statements(_crowded_articles([renamed[n] for n in names]), None), back)
    finally:
        clusters.MAX_BUCKET = limit
    assert again == first
    assert max(len(mentions) for _, _, mentions in first) >= 12  # the crowded wordings still join


@pytest.mark.parametrize("cap", [3, 64])
def test_proposals_made_unique_a_few_buckets_at_a_time_are_all_of_them(monkeypatch, cap):
    """However few buckets' proposals are made unique together (`PAIRS_AT_ONCE`), the
    proposals are those of all buckets at once, small buckets and crowded ones alike."""
    import dossier.assemble.clusters as clusters

    monkeypatch.setattr(clusters, "MAX_BUCKET", cap)
    items = [features(s.text) for a in _crowded_articles([f"a{n:02d}" for n in range(24)]) for s in _sentences(a)]
    representatives = sorted({item.norm: n for n, item in reversed(list(enumerate(items)))}.values())
    whole = clusters._proposals(items, representatives)
    monkeypatch.setattr(clusters, "PAIRS_AT_ONCE", 1)
    bit_by_bit = clusters._proposals(items, representatives)
    assert len(whole[0]) > 20
    assert [a.tolist() for a in bit_by_bit] == [a.tolist() for a in whole]


def _reference_proposals(items, representatives):
    """What `_proposals` says it proposes, written plainly: per band, the wordings alike in the
    band's MinHash rows and in their numbers share a bucket; every pair of a bucket of at most
    MAX_BUCKET, else each wording with the bucket's MAX_BUCKET anchors (by `_anchor_rank`)."""
    import dossier.assemble.clusters as clusters

    usable = [i for i in representatives if clusters._proposable(items[i])]
    signatures = clusters.minhash_signatures([items[i].stems for i in usable]).tolist() if usable else []
    bands, rows = clusters.LSH_BANDS
    pairs = set()
    for band in range(bands):
        buckets = {}
        for index, signature in zip(usable, signatures):
            key = (tuple(signature[band * rows:(band + 1) * rows]), items[index].numbers)
            buckets.setdefault(key, []).append(index)
        for members in buckets.values():
            anchors = (members if len(members) <= clusters.MAX_BUCKET
                       else sorted(members, key=lambda i: clusters._anchor_rank(items[i].norm))[:clusters.MAX_BUCKET])
            pairs.update((min(a, b), max(a, b)) for a in anchors for b in members if a != b)
    return sorted(pairs)


@pytest.mark.parametrize("cap", [3, 64])
def test_proposals_are_the_buckets_pairs_written_plainly(monkeypatch, cap):
    """The numpy banding (each band's rows and numbers packed in uint64 keys, sorted; pairs made
    unique by sorting) proposes exactly the pairs of the plain definition, crowded buckets too."""
    import dossier.assemble.clusters as clusters

    monkeypatch.setattr(clusters, "MAX_BUCKET", cap)
    items = [features(s.text) for a in _crowded_articles([f"a{n:02d}" for n in range(24)]) for s in _sentences(a)]
    representatives = sorted({item.norm: n for n, item in reversed(list(enumerate(items)))}.values())
    firsts, seconds = clusters._proposals(items, representatives)
    assert len(firsts) > 20
    assert list(zip(firsts.tolist(), seconds.tolist())) == _reference_proposals(items, representatives)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from("ab bc cd de ef fg gh hi ij".split()), min_size=1, max_size=6),
                          st.sampled_from(["", " 3", " 4 and 5"])), max_size=60))
def test_proposals_of_any_sentences_are_the_plain_definitions(words):
    """Few distinct stems and numbers: many rows alike in some columns and not in others."""
    import dossier.assemble.clusters as clusters

    items = [features(" ".join(chosen) + number + ".") for chosen, number in words]
    representatives = sorted({item.norm: n for n, item in reversed(list(enumerate(items)))}.values())
    firsts, seconds = clusters._proposals(items, representatives)
    assert list(zip(firsts.tolist(), seconds.tolist())) == _reference_proposals(items, representatives)


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 4), st.lists(st.lists(st.integers(0, 2), min_size=4, max_size=4), min_size=1, max_size=50))
def test_buckets_join_rows_alike_in_every_column(width, rows):
    """`_buckets`: two rows share a bucket exactly when every column agrees (odd widths too)."""
    from dossier.assemble.clusters import _buckets

    table = np.array([row[:width] for row in rows], dtype=np.uint32)
    found = _buckets(list(table.T)).tolist()
    for a in range(len(rows)):
        for b in range(len(rows)):
            assert (found[a] == found[b]) == (rows[a][:width] == rows[b][:width])


@given(st.lists(st.integers(-(1 << 40), 1 << 40), max_size=200))
def test_sorted_unique_is_numpys_unique(values):
    from dossier.assemble.clusters import _sorted_unique

    array = np.array(values, dtype=np.int64)
    assert _sorted_unique(array).tolist() == sorted(set(values))


def _sentences(article):
    from dossier.analyse.sentences import split_sentences
    return [s for p in article.paragraphs if not p.heading for s in split_sentences(p.text)]


def test_our_minhash_is_datasketchs():
    """`minhash_signatures` gives datasketch 2's MinHash (default scheme, seed 1) bit for bit, so
    the candidate pairs are the ones MinHashLSH would propose; without importing SciPy."""
    import random

    import numpy as np
    from datasketch import MinHash

    from dossier.assemble.clusters import NUM_PERM, minhash_signatures

    rng = random.Random(7)
    sets = [sorted({"".join(rng.choice("abcdefghé") for _ in range(rng.randint(1, 9)))
                    for _ in range(rng.randint(1, 40))}) for _ in range(5000)]  # more than one chunk
    ours = minhash_signatures(sets)
    theirs = np.stack([m.hashvalues for m in MinHash.bulk([[s.encode() for s in stems] for stems in sets],
                                                          num_perm=NUM_PERM)])
    assert ours.dtype == theirs.dtype and (ours == theirs).all()


def test_a_build_does_not_load_scipy():
    import subprocess
    import sys

    loaded = subprocess.run([sys.executable, "-c", "import sys, dossier.pipeline; print('scipy' in sys.modules)"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "False"


# ---- _verified: the numpy pre-filter rejects only what the pair-by-pair rules reject ----------

import numpy as np  # noqa: E402

from dossier.assemble.clusters import NEAR_IDENTICAL, _names_agree, _verified, features, proper_openers, same_statement  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

_WORDS = ["Russian", "troops", "struck", "Kyiv", "Odesa", "missile", "killed", "people", "the", "12",
          "12,000", "three", "homes", "were", "damaged", "in", "on", "Monday"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8),
                          st.sampled_from([".", ""]), st.sampled_from("abc")), max_size=14))
def test_verified_equals_checking_each_pair(rows):
    items = proper_openers([features(" ".join(words) + end) for words, end, _ in rows])
    articles = [article for _, _, article in rows]
    proposals = np.triu_indices(len(items), 1)  # every pair, by first then second
    expected = [(i, j) for j in range(len(items)) for i in range(j)
                if (items[i].numbers == items[j].numbers and _names_agree(items[i], items[j])
                    and fuzz.ratio(items[i].norm, items[j].norm) >= NEAR_IDENTICAL if articles[i] == articles[j]
                    else same_statement(items[i], items[j]))]
    assert _verified(items, articles, proposals) == sorted(expected)


def test_sentences_of_one_article_join_only_when_the_same_numbers_and_names_are_given():
    """A live blog's updates ("killing 12", later "killing 13") and the same line about two
    places are several statements; the same sentence, told twice, is one."""
    items = [features("Russian troops struck the city of Kyiv on Monday, killing 12 people."),
             features("Russian troops struck the city of Kyiv on Monday, killing 13 people."),
             features("Russian troops struck the city of Kyiv on Monday, killing 12 people!"),
             features("Russian troops struck the city of Odesa on Monday, killing 12 people.")]
    assert _verified(items, ["a"] * 4, np.triu_indices(4, 1)) == [(0, 2)]


def test_numbers_compared_are_read_from_digits_and_number_words_alike():
    """"12,000", "12 000" and "12000" are one number; "twelve" and "12" too; "one" is no
    number (mostly a pronoun); a day names its month ("on 18 May" is not "on 18 March")."""
    assert features("Officials said 12,000 people fled.").numbers == features("Officials said 12 000 people fled.").numbers \
        == features("Officials said 12000 people fled.").numbers == frozenset({"12000.0"})
    assert features("Twelve people were hurt, police said.").numbers == features("12 people were hurt, police said.").numbers
    assert features("One of them said it was over.").numbers == frozenset()
    assert features("Crowds gathered on 18 May.").numbers != features("Crowds gathered on 18 March.").numbers


def test_an_opening_word_named_mid_sentence_elsewhere_is_compared_as_a_name():
    """A country, a city or a title opening a sentence is a name when the dossier capitalises
    it mid-sentence somewhere: "Kirenia has deployed ..." is not "Morvania has deployed ...",
    while "Rescuers ..." opening one wording and written "rescuers" in the other stays a word."""
    statements = cluster_statements(articles_of(
        "Kirenia has deployed 12,000 troops to the border, officials said. Talks with Kirenia have stalled.",
        "Morvania has deployed 12,000 troops to the border, officials said. Talks with Morvania have resumed.",
        "Rescuers pulled 61 survivors from the water overnight.",
        "Overnight, rescuers pulled 61 survivors from the water.",
    ), None)
    deployed = [statement.articles for statement in statements if "has deployed" in statement.text]
    assert deployed == [("a0",), ("a1",)] or deployed == [("a1",), ("a0",)]
    assert [statement.articles for statement in statements if "survivors" in statement.text] == [("a2", "a3")]


def test_two_sentences_opening_with_two_names_are_two_statements():
    """Who did it to whom: the same names, the same words, the subjects the other way round."""
    statements = cluster_statements(articles_of(
        "Ostland accused Valdoria of shelling the power plant on Friday.",
        "Valdoria accused Ostland of shelling the power plant on Friday.",
        "Ostland accused Valdoria of shelling the power plant on Friday, officials said.",
    ), None)
    assert sorted(statement.articles for statement in statements) == [("a0", "a2"), ("a1",)]


def test_a_title_opening_one_wording_agrees_with_the_same_title_mid_sentence():
    """"Prime Minister Kaja Tamm said ..." and "..., the Prime Minister said ..." name the same
    office: the opening "Prime" is a name, as in the other wording, so the names agree."""
    (statement,) = cluster_statements(articles_of(
        "Prime Minister Kaja Tamm said in a televised address that a full inquiry into the sinking would be opened.",
        "In her address to the nation, the Prime Minister said that a full inquiry would be opened.",
    ), None)
    assert statement.articles == ("a0", "a1")


def test_the_sentences_to_cluster_are_in_source_order_whatever_order_the_articles_come_in():
    """`statement_sentences` takes each article's sentences, in order, article by article
    (under `mkdocs serve` an unchanged article's as the last save had them): the same list as
    every sentence sorted by where it is, for articles in any order, and for two articles that
    share an id (which ingest refuses) too."""
    from dossier.assemble.clusters import statement_sentences
    from dossier.model import source_order

    texts = ["Kyiv was hit overnight. The mayor said 12 people died.\n\nRescuers worked on.",
             "Officials in Lviv said the bridge was closed. Kyiv was hit overnight.",
             "A third report. It said little."]
    articles = articles_of(*texts)
    forward = statement_sentences(articles)
    backward = statement_sentences(articles[::-1])
    assert forward == backward
    assert [source_order(m.source) for m in forward.mentions] == sorted(source_order(m.source) for m in forward.mentions)
    assert forward.sources == [m.source.article for m in forward.mentions] and len(forward.mentions) == 7
    assert forward.proper == {"lviv"} and forward.voice is None  # (named mid-sentence; no curation: no speech read)
    twins = [articles[0], replace(articles[1], id="a0")]  # two articles of one id
    both = statement_sentences(twins)
    keys = [(m.source.paragraph, m.source.start) for m in both.mentions]
    assert keys == sorted(keys) and len(keys) == 5 and both.items[0].norm == "kyiv was hit overnight"


# ---- ClusterMemory: what one build's clustering found, taken by the next (`mkdocs serve`) --------

def _generated_sentences(tmp_path, count: int = 40):
    """The features and article of every sentence of `count` generated articles (wire copies,
    changed numbers and names, several events: what the benchmark clusters)."""
    from benchmarks import generate
    from dossier.analyse.sentences import split_sentences

    generate.generate(count, tmp_path)
    items, sources = [], []
    for path in sorted((tmp_path / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for sentence in split_sentences(line):
                items.append(features(sentence.text))
                sources.append(path.stem)
    return items, sources


def test_a_cluster_memory_groups_build_after_build_as_a_fresh_clustering(tmp_path, monkeypatch):
    """Saves that drop articles, add edited sentences, move sentences to another article (so
    a pair is then of one article, or no longer) and rename a sentence's opening name: the
    groups found with what the memory holds are those of a fresh clustering every time; what
    it held is checked again nowhere, and only the new wordings are signed."""
    import pickle
    import random

    import dossier.assemble.clusters as clusters
    from dossier.assemble.clusters import ClusterMemory, _cluster

    items, sources = _generated_sentences(tmp_path)
    checked, signed = [], []
    real_same, real_near, real_sign = clusters.same_statement, clusters._same_in_one_article, clusters.minhash_signatures
    monkeypatch.setattr(clusters, "same_statement", lambda a, b, *r: checked.append((a, b)) or real_same(a, b, *r))
    monkeypatch.setattr(clusters, "_same_in_one_article", lambda a, b: checked.append((a, b)) or real_near(a, b))
    monkeypatch.setattr(clusters, "minhash_signatures", lambda sets: signed.append(len(sets)) or real_sign(sets))
    memory = ClusterMemory()
    first = memory.groups(items, sources)
    assert first.groups == _cluster(items, sources) and sum(len(g) > 1 for g in first.groups) > 20
    assert first.learned.base == 0 and len(first.learned.wordings) > 300 and first.learned.same.sum() > 50
    memory.learn(items, pickle.loads(pickle.dumps(first.learned)))  # (as a forked child sends it)
    checked.clear(), signed.clear()
    again = memory.groups(items, sources)
    assert again.groups == first.groups and not checked and sum(signed) == 0 and len(again.learned.wordings) == 0
    memory.learn(items, again.learned)
    rng = random.Random(5)
    articles = sorted(set(sources))
    for save in range(5):
        gone, moved, into = set(rng.sample(articles, 2)), rng.choice(articles), rng.choice(articles)
        now = [(item, into if source == moved else source) for item, source in zip(items, sources) if source not in gone]
        edited = [replace(features(f"Officials said {save + 31} more people were hurt in Lower Vessa on Monday {n}."))
                  for n in range(3)]
        for at in rng.sample(range(len(now)), 5):  # (in place: each its wording's first sentence, or not)
            item, source = now[at]
            now[at] = (replace(item, opener="zzzzz", names=item.names | {"zzzzz"}), source)
        now += [(item, rng.choice(articles)) for item in edited]
        new_items, new_sources = [item for item, _ in now], [source for _, source in now]
        checked.clear(), signed.clear()
        found = memory.groups(new_items, new_sources)
        assert 3 <= len(found.learned.wordings) <= 8 and sum(signed) == len(found.learned.wordings)
        assert len(checked) < len(first.learned.codes) // 4  # (the new wordings', and pairs that moved)
        assert found.groups == _cluster(new_items, new_sources), save
        memory.learn(new_items, found.learned)
        assert len(memory.ids) == len(memory.signatures) == found.learned.base + len(found.learned.wordings)


def test_a_cluster_memory_starts_again_when_it_holds_too_much_or_learns_out_of_turn(tmp_path):
    from dossier.assemble.clusters import ClusterMemory, _cluster

    items, sources = _generated_sentences(tmp_path, 12)
    memory = ClusterMemory()
    found = memory.groups(items, sources)
    memory.learn(items, found.learned)
    assert len(memory.ids) == found.learned.live > 0
    stale = memory.groups(items[:50], sources[:50])  # found against the memory as it was
    memory.learn(items, memory.groups(items[::-1], sources[::-1]).learned)
    memory.learn(items[:50], stale.learned)  # (its numbers would not be the memory's any more)
    assert memory.groups(items[:50], sources[:50]).groups == _cluster(items[:50], sources[:50])
    memory = ClusterMemory()
    memory.learn(items, memory.groups(items, sources).learned)
    few = items[:40]
    small = memory.groups(few, sources[:40])
    assert small.groups == _cluster(few, sources[:40])
    memory.SLACK = 0
    memory.learn(few, small.learned)  # far more held than a build of 40 sentences compares
    assert not memory.ids and not len(memory.signatures) and not len(memory.codes)


def test_a_cluster_memory_checks_a_pair_again_once_its_sentences_are_of_one_article():
    """Two wordings of one statement join across articles, but within one article only when
    word for word the same: what the memory holds of the pair across articles is not taken for
    them in one article."""
    from dossier.assemble.clusters import ClusterMemory, _cluster

    items = [features(text) for text in SAME[3]]
    memory = ClusterMemory()
    apart = memory.groups(items, ["a", "b"])
    assert apart.groups == _cluster(items, ["a", "b"]) and len(apart.groups) == 1  # (one statement)
    memory.learn(items, apart.learned)
    together = memory.groups(items, ["a", "a"])
    assert sorted(together.groups) == sorted(_cluster(items, ["a", "a"])) == [[0], [1]]
