"""Quotations: what counts as one, its span, and who said it."""

from __future__ import annotations

import pytest

from dossier.analyse.quotes import extract_quotes
from dossier.assemble.clusters import cluster_quotes
from dossier.curation.model import Curation, EntitySpec
from tests.seedtools import article_from_text, seed_articles, seed_curation

CURATION = Curation(
    title="t",
    entities=(EntitySpec("Volodymyr Zelensky", "person", ("Zelensky", "the President")),),
)


def quotes_of(text: str, curation: Curation = CURATION):
    return extract_quotes(article_from_text("a", text), curation)


@pytest.mark.parametrize(
    "text, expected_text, expected_speaker",
    [
        ('"Russia constantly uses such weapons — missiles, artillery," the president wrote.',
         "Russia constantly uses such weapons — missiles, artillery", "Volodymyr Zelensky"),
        ("“Rescuers will work until they find out the fate of every person,” Zelensky noted.",
         "Rescuers will work until they find out the fate of every person", "Volodymyr Zelensky"),
        ('Jane Doe said the talks had failed.\n\n"They kill people and destroy lives together," she added.',
         "They kill people and destroy lives together", "Jane Doe"),
        ('"We will not give up any territory at all," said Maria Ivanova.',
         "We will not give up any territory at all", "Maria Ivanova"),
    ],
)
def test_quote_text_and_speaker(text, expected_text, expected_speaker):
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == [expected_text]
    assert quotes[0].speaker == expected_speaker


@pytest.mark.parametrize(
    "text",
    [
        'Putin has publicly referred to North Korea as a "partner" and confirmed the treaty.',
        'The so-called "special military operation" goes on.',
        "No quotation marks here at all, said nobody.",
    ],
)
def test_scare_quotes_are_not_quotations(text):
    assert quotes_of(text) == ()


def test_mention_span_points_at_the_quoted_words():
    article = article_from_text("a", 'Intro.\n\nHe said: "This war must be ended justly and soon." Then he left.')
    (quote,) = extract_quotes(article, CURATION)
    ref = quote.mentions[0].source
    assert (ref.article, ref.paragraph) == ("a", 2)
    assert article.paragraph(2).text[ref.start:ref.end] == quote.text == "This war must be ended justly and soon."


def test_quote_running_to_paragraph_end():
    (quote,) = quotes_of('"This quote goes on over the paragraph without closing')
    assert quote.text == "This quote goes on over the paragraph without closing"


def test_unattributed_quote_has_no_speaker():
    (quote,) = quotes_of('The slogan read "never again, not ever again".')
    assert quote.speaker is None


def test_seed_president_statement_is_one_quote_with_four_sources():
    quotes = [q for a in seed_articles() for q in extract_quotes(a, seed_curation())]
    clusters = cluster_quotes(quotes)
    (kill,) = [q for q in clusters if any("They kill people" in m.text for m in q.mentions)]
    assert kill.articles == ("000", "001", "002", "003")
    assert kill.speaker == "Volodymyr Zelensky"
    wordings = {m.text.split(" together")[0] for m in kill.mentions if "They kill" in m.text}
    assert wordings == {"They kill people and mock life", "They kill people and destroy lives",
                        "They kill people and torment lives"}
    assert all(q.speaker == "Volodymyr Zelensky" for q in clusters)


def test_cluster_quotes_keeps_different_speakers_apart():
    a = quotes_of('"We will never stop fighting for our land," said Maria Ivanova.')
    b = extract_quotes(article_from_text("b", '"We will never stop fighting for our land," said Olga Petrova.'), CURATION)
    assert len(cluster_quotes(a + b)) == 2


def test_cluster_quotes_is_deterministic_and_order_free():
    quotes = [q for a in seed_articles() for q in extract_quotes(a, seed_curation())]
    assert cluster_quotes(quotes) == cluster_quotes(list(reversed(quotes)))
    counts = [len(q.articles) for q in cluster_quotes(quotes)]
    assert counts == sorted(counts, reverse=True)


def test_a_sentence_setting_two_claimants_side_by_side_is_the_outlet_s_report():
    """"Police counted 30,000 marchers, while the union said 120,000 took part" speaks for
    neither: the outlet reports both (never "**Police**: ... the union said 120,000"); a
    sentence that only cites another's count ("far more than the 11 the authorities have
    confirmed") or breaks its own down ("raised the toll to 38: Port Varna counted 27") is
    still its speaker's."""
    from dataclasses import replace

    from dossier.analyse.quotes import sentence_speakers

    article = replace(article_from_text("a", "Police counted 30,000 marchers, while the union said 120,000 took part.\n\n"
                                     "Dravik Mining says 22 are still trapped; by our count 18 remain.\n\n"
                                     "The union says at least 17 workers are dead, far more than the 11 the "
                                     "authorities have confirmed.\n\n"
                                     "The agency raised the death toll to 38: Port Varna counted 27 and Talsey 11."),
                      outlet="Daily Wire", outlet_inferred=False)
    speakers = sentence_speakers(article, Curation(title="t"))
    assert [speakers[(n, 0)] for n in (1, 2, 3)] == [None, None, "union"]
    assert speakers[(4, 0)] in ("agency", "The agency")


def test_a_sentence_is_spoken_by_the_claimant_its_figures_carry():
    """"The coast guard reported on Monday that the ferry had sunk. There were 212 passengers on
    board": the figures of the second sentence are the coast guard's, carried from the first,
    so the statement is the coast guard's too (never "Harbour Wire reports" beside a figures
    table naming the coast guard). After a plain "the coast guard said." nothing is carried:
    "Divers recovered 12 bodies" is the outlet's own report."""
    from dataclasses import replace

    from dossier.analyse import analyse_article

    article = replace(article_from_text("a", "The coast guard reported on Monday that the ferry had sunk near Alvik. "
                                             "There were 212 passengers on board, including 40 children.\n\n"
                                             "The ferry sank near Alvik, the coast guard said. "
                                             "Divers recovered 12 bodies by Tuesday."),
                      outlet="Harbour Wire", outlet_inferred=False)
    analysis = analyse_article(article, Curation(title="t"))
    claimants = {f.text: f.claimant for f in analysis.figures}
    assert claimants == {"212": "coast guard", "40": "coast guard", "12": "Harbour Wire"}
    second = article.paragraphs[0].text.index("There were")
    assert analysis.speakers[(1, second)] == "coast guard"
    divers = article.paragraphs[1].text.index("Divers")
    assert analysis.speakers[(2, divers)] is None
