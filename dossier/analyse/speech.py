"""The one set of reporting verbs: the words by which an article says who says so.

Every pattern that looks for someone saying, counting or promising something (who claims a
figure, who speaks a quotation, whether a name is a speaker, when something was said, whose
words a dated event reports, whether a line of page furniture is reported speech) is built
from these classes, so a verb added here is known to all of them. Each class is a tuple of
word forms, as they are written; `alternation` makes a regular expression of one or more.

* `SAYING`: verbs of saying, which report words ("said", "told", "announced", "posted").
* `ANSWERING`: verbs that report speech only beside a quotation ('"...," she replied'; "the
  fighting continued" says nothing of who speaks).
* `COUNTING`: verbs by which someone gives a count without saying it ("police estimated
  the crowd at 30,000", "the agency put the toll at 38").
* `DENYING`: verbs by which someone rejects a figure given before ("the ministry denied the
  figure of 300"): who denies it is not its claimant.
* `PLEDGING`: verbs by which someone gives a sum or a number they will give ("pledged $45
  million").
* `LEARNING`: verbs that report what became known, before "that" ("it became known that").
* `RECORDING`: verbs by which a place or a body records a count ("the capital recorded 38").
* `GIVING`: participles by which a count is given out, only before "by" ("the toll, given by the
  governor", "figures published by the ministry"); not in `WORDS` ("provided 300 tents" counts).

And the nouns of who speaks: `TITLES` (an office before a name), `BODY_NOUNS` and
`ISSUING_NOUNS` (a public body, one that issues statements under its own name).
"""

from __future__ import annotations

import re

SAYING = (
    "said", "says", "say", "told", "tells", "reported", "reports", "announced", "announces", "stated", "states",
    "claimed", "claims", "noted", "notes", "wrote", "writes", "added", "adds", "stressed", "stresses",
    "emphasised", "emphasized", "confirmed", "confirms", "explained", "declared", "warned", "insisted",
    "revealed", "disclosed", "summed up", "pointed out", "posted", "tweeted", "concluded", "acknowledged",
    "admitted", "cautioned", "argued", "denied", "vowed", "predicted", "suggested", "assured",
    "confirm", "announce", "maintained", "maintains", "insists", "argues", "denies", "admits", "acknowledges",
    "warns", "contends", "contended",
)
ANSWERING = ("continued", "replied", "asked", "recalled", "remarked", "underlined")
COUNTING = ("estimated", "estimates", "estimate", "believes", "believe", "counted", "recorded", "put", "puts", "showed", "shows",
            "show", "verified", "documented")
PLEDGING = ("pledged", "promised", "offered", "committed")
DENYING = ("denied", "denies", "deny", "rejected", "rejects", "dismissed", "dismisses", "refuted", "refutes")
RECORDING = ("recorded", "counted", "registered", "logged", "reported", "confirmed", "saw")
LEARNING = ("became known", "learned", "informed")
GIVING = ("given", "provided", "published", "issued", "compiled")

BODY_NOUNS = frozenset("agency department service authority office administration directorate institute "
                       "commission board bureau".split())
"""The nouns a public body is named by ("the agency", "Coastal Protection Authority")."""
ISSUING_NOUNS = BODY_NOUNS | frozenset("ministry council police government prefecture secretariat centre center "
                                       "inspectorate".split())
"""The nouns of a body that issues a statement under its own name (a press release's masthead)."""

TITLES = frozenset(
    """president vice prime minister secretary chancellor mayor governor general gen commander
    chief spokesperson spokesman spokeswoman mr mrs ms dr head leader director ambassador
    senator representative king queen prince pope chair chairman chairwoman executive ceo""".split()
)
"""The words of an office or a form of address before a name ("President Zelensky", "Dr. Grace
Ollenu", "the fire chief"): who speaks is the name, the office says who they are."""

PLURAL = frozenset({"say", "estimate", "believe", "confirm", "announce"})
"""Forms that agree only with a plural subject ("residents of the Sern say"): never one
named person speaking."""

WORDS = frozenset(word for kind in (SAYING, ANSWERING, COUNTING, PLEDGING, LEARNING, RECORDING) for word in kind)
"""Every reporting verb, as written (a word before a number that names who gives it, not
what is counted: "the ministry said 11%")."""


def alternation(*kinds: tuple[str, ...]) -> str:
    """A regular expression matching any word form of `kinds` (no group, no word boundaries:
    the caller adds them), longest first so that "states" is not read as "state"; the words
    of "summed up" may be apart by any space."""
    forms = sorted({form for kind in kinds for form in kind}, key=lambda form: (-len(form), form))
    return "|".join(r"\s+".join(map(re.escape, form.split())) for form in forms)


def singular(kind: tuple[str, ...]) -> tuple[str, ...]:
    """The forms of `kind` a singular subject can take (without `PLURAL`)."""
    return tuple(form for form in kind if form not in PLURAL)


def present(kind: tuple[str, ...]) -> tuple[str, ...]:
    """The forms of `kind` in the present tense ("says", "say", "claims"): who says so now."""
    return tuple(form for form in kind if form in PLURAL or form.endswith("s") and not form.endswith("ss"))
