"""Read and validate the curation file (dossier.yml), keeping YAML's line numbers.

Every problem is collected and reported at once, each as `dossier.yml:LINE: what is wrong;
what is allowed`. Unknown keys are warnings, not errors, so a typo never passes unseen.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dossier.analyse.dates import parse_date
from dossier.curation.model import (
    CompareWith,
    Curation,
    EntitySpec,
    MetricSpec,
    Override,
    SourceInfo,
    TopicSpec,
    enclosing,
    places_within,
)
from dossier.errors import CurationError
from dossier.model import FuzzyDate, Notice

ENTITY_KINDS = ("person", "organisation", "place", "weapon", "other")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_RELIABILITY = re.compile(r"^[A-F][1-6]?$")
# An address that may become a link: http(s) only, bounded, and no character that could end
# the Markdown link or HTML attribute it is printed in. `javascript:`, `data:`, `vbscript:`
# and every other scheme are refused.
_URL = re.compile(r"^https?://[^\s<>\"'`\\()\[\]{}|^]+$", re.IGNORECASE)
MAX_URL = 2048
MAX_NUMBER = 1e15
MAX_CURATION_BYTES = 2_000_000
# A date as the curation and front matter take it: YYYY, YYYY-MM or YYYY-MM-DD, with a real
# month and day (2025-04-00 is not a date).
_ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
MAX_TEXT = {"title": 500, "outlet": 200, "notes": 5000}
RELIABILITY_RULE = ("a grade A-F (Admiralty: A completely reliable ... E unreliable, F cannot be "
                    "judged), optionally with 1-6, e.g. B2")
URL_RULE = "an http:// or https:// address without spaces, quotes or brackets"


def valid_url(value: str | None) -> bool:
    """Whether an address may become a link (see `_URL`)."""
    return bool(value) and len(value) <= MAX_URL and bool(_URL.match(value.strip()))


def valid_reliability(value: str | None) -> bool:
    return bool(value) and bool(_RELIABILITY.match(value))

TOP_KEYS = ("title", "subtitle", "place", "as_of", "sources", "topics", "metrics", "entities", "overrides",
            "bottom_line", "takeaways", "compare_with", "max_article_bytes", "counted")
BOTTOM_LINE_KEYS = ("sentences", "replace")
SOURCE_KEYS = ("outlet", "url", "title", "date", "reliability", "notes")
TOPIC_KEYS = (
    "id", "title", "description", "phrases", "keywords", "min_keywords", "metrics", "related",
    "notes", "takeaways",
)
METRIC_KEYS = ("id", "label", "words", "unit", "current", "fixed")
ENTITY_KEYS = ("name", "kind", "aliases", "within")
OVERRIDE_KEYS = ("figure", "exclude", "value", "value_max", "metric", "claimant", "note")


class _Reader:
    """Walks the YAML node tree, converting values and collecting every problem."""

    def __init__(self, path: str):
        self.path = path
        self.errors: list[str] = []
        self.warnings: list[Notice] = []

    # -- reporting ----------------------------------------------------------------------
    def error(self, node: Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.errors.append(f"{self.path}:{line}: {message}")

    def warn(self, node: Node, message: str) -> None:
        self.warnings.append(Notice(self.path, node.start_mark.line + 1, message))

    # -- node helpers -------------------------------------------------------------------
    def mapping(self, node: Node, what: str, allowed: tuple[str, ...]) -> dict[str, Node]:
        """The mapping's entries by key; duplicate keys are errors, unknown keys warnings."""
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a mapping of keys to values")
            return {}
        entries: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in entries:
                self.error(key_node, f"{what}: key '{key}' is given twice")
                continue
            if allowed and key not in allowed:
                self.warn(
                    key_node,
                    f"unknown key '{key}' in {what} (ignored); known keys: {', '.join(allowed)}",
                )
                continue
            entries[key] = value_node
        return entries

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list")
            return []
        return list(node.value)

    def text(self, node: Node | None, what: str, *, required: bool = False) -> str | None:
        if node is None:
            if required:
                self.error(None, f"{what} is required")
            return None
        if not isinstance(node, ScalarNode) or node.tag.endswith(":null"):
            self.error(node, f"{what} must be text")
            return None
        value = str(node.value).strip()
        if required and not value:
            self.error(node, f"{what} must not be empty")
            return None
        return value

    def texts(self, node: Node | None, what: str) -> tuple[str, ...]:
        if node is None:
            return ()
        if isinstance(node, ScalarNode):
            value = self.text(node, what)
            return (value,) if value else ()
        values = (self.text(item, f"each item of {what}") for item in self.sequence(node, what))
        return tuple(v for v in values if v)

    def number(self, node: Node | None, what: str) -> float | None:
        if node is None:
            return None
        text = str(node.value).replace(",", "")
        try:
            value = float(text) if len(text) <= 30 else math.inf
        except (TypeError, ValueError):
            value = None
        if value is None or not math.isfinite(value) or abs(value) > MAX_NUMBER:
            self.error(node, f"{what} must be a number up to {MAX_NUMBER:,.0f}, not '{str(node.value)[:40]}'")
            return None
        return value

    def integer(self, node: Node | None, what: str, default: int) -> int:
        if node is None:
            return default
        value = str(node.value)
        if not value.isascii() or not value.isdigit() or len(value) > 15 or int(value) < 1:
            self.error(node, f"{what} must be a whole number of 1 or more, not '{value[:40]}'")
            return default
        return int(value)

    def boolean(self, node: Node | None, what: str) -> bool:
        if node is None:
            return False
        value = str(node.value).lower()
        if value not in ("true", "false", "yes", "no"):
            self.error(node, f"{what} must be true or false, not '{node.value}'")
            return False
        return value in ("true", "yes")

    def date(self, node: Node | None, what: str) -> FuzzyDate | None:
        value = self.text(node, what)
        if value is None:
            return None
        parsed = parse_date(value) if _ISO_DATE.match(value) else None
        if parsed is None:
            self.error(node, f"{what} must be a date like 2025-04-24, 2025-04 or 2025, not '{value}'")
        return parsed

    def identifier(self, node: Node | None, what: str) -> str | None:
        value = self.text(node, what, required=True)
        if value is not None and not _ID.match(value):
            self.error(
                node,
                f"{what} '{value}' must be lower-case letters, digits, '-' or '_' (it becomes a URL)",
            )
            return None
        return value

    def unique(self, items: list[tuple[str, Node]], what: str) -> None:
        seen: dict[str, int] = {}
        for key, node in items:
            if key in seen:
                self.error(node, f"duplicate {what} '{key}' (first defined on line {seen[key]})")
            else:
                seen[key] = node.start_mark.line + 1


def load_curation(path: Path) -> Curation:
    """Read and validate a curation file; raise CurationError listing every problem."""
    name = str(path)
    try:
        if path.is_dir():
            raise CurationError([f"{name}: is a folder, not a curation file"])
        if path.stat().st_size > MAX_CURATION_BYTES:
            raise CurationError([f"{name}: larger than {MAX_CURATION_BYTES:,} bytes; a curation file "
                                 "holds the analyst's settings, not data"])
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CurationError([f"{name}: no such curation file"]) from None
    except UnicodeDecodeError as exc:
        raise CurationError([f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    except OSError as exc:
        raise CurationError([f"{name}: cannot be read ({exc.strerror or exc})"]) from None
    last = _LAST_LOADED.get(name)
    if last is not None and last[0] == text:
        return last[1]  # the file as the last load read it (`mkdocs serve` loads it on every save)
    curation = parse_curation(text, name)
    _LAST_LOADED.clear()
    _LAST_LOADED[name] = (text, curation)
    return curation


_LAST_LOADED: dict[str, tuple[str, Curation]] = {}
"""The curation file this process loaded last: its text and what it was read as (a Curation
is immutable, and parsing is a pure function of the text and the name)."""


def parse_curation(text: str, name: str = "dossier.yml") -> Curation:
    """Validate curation text; `name` is used in messages."""
    depth = _flow_depth(text)
    if depth[0] > MAX_FLOW_DEPTH:
        raise CurationError([f"{name}:{depth[1]}: brackets nested more than {MAX_FLOW_DEPTH} deep"])
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else 1
                raise CurationError([f"{name}:{line}: YAML aliases (*name) are not allowed in the "
                                     "curation file; write the value out"])
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise CurationError([f"{name}:{line}: not valid YAML: {exc.problem or exc}"]) from None
    except yaml.YAMLError as exc:
        raise CurationError([f"{name}: not valid YAML: {exc}"]) from None
    except RecursionError:
        raise CurationError([f"{name}: nested too deeply (lists or mappings inside each other "
                             "hundreds of levels deep)"]) from None
    reader = _Reader(name)
    if root is None:
        raise CurationError([f"{name}:1: the curation file is empty; it needs at least a title"])
    top = reader.mapping(root, "the curation file", TOP_KEYS)
    metrics = _merge_metrics(default_metrics(), _metrics(reader, top.get("metrics")))
    topics = _topics(reader, top.get("topics"), {m.id for m in metrics})
    title = reader.text(top.get("title"), "title", required=True) or ""
    entities = _entities(reader, top.get("entities"))
    curation = Curation(
        title=title,
        subtitle=reader.text(top.get("subtitle"), "subtitle") or "",
        place=_event_place(reader, top.get("place"), title, entities),
        as_of=reader.date(top.get("as_of"), "as_of"),
        sources=_sources(reader, top.get("sources")),
        topics=topics,
        metrics=metrics,
        entities=entities,
        overrides=_overrides(reader, top.get("overrides"), {m.id for m in metrics}),
        **_bottom_line(reader, top.get("bottom_line")),
        takeaways=reader.integer(top.get("takeaways"), "takeaways", 7),
        compare_with=_compare_with(reader, top.get("compare_with")),
        max_article_bytes=reader.integer(top.get("max_article_bytes"), "max_article_bytes", 5_000_000),
        counted=_counted(reader, top.get("counted")),
        path=name,
        warnings=tuple(reader.warnings),
    )
    if "title" not in top and not any("title" in e for e in reader.errors):
        reader.error(root, "title is required (the dossier's name, shown on every page)")
    if reader.errors:
        raise CurationError(reader.errors)
    return curation


def _bottom_line(reader: _Reader, node: Node | None) -> dict[str, Any]:
    """`bottom_line:` a list of sentences added before the composed ones, or a mapping with
    `sentences:` and `replace: true` to replace them."""
    if node is None:
        return {}
    replace = False
    sentences_node: Node | None = node
    if isinstance(node, MappingNode):
        entries = reader.mapping(node, "bottom_line", BOTTOM_LINE_KEYS)
        replace = reader.boolean(entries.get("replace"), "bottom_line.replace")
        sentences_node = entries.get("sentences")
        if sentences_node is None:
            reader.error(node, "bottom_line.sentences is required: a list of sentences")
    sentences = reader.texts(sentences_node, "bottom_line") if sentences_node is not None else ()
    if replace and not sentences and sentences_node is not None:
        reader.error(node, "bottom_line.replace is true but no sentences are given")
    if len(sentences) > 5:
        reader.warn(node, f"bottom_line has {len(sentences)} sentences; a bottom line reads best "
                          "in 3 to 5 (they are all shown)")
    return {"bottom_line": sentences, "bottom_line_replace": replace}


def _url(reader: _Reader, node: Node | None, what: str) -> str | None:
    value = reader.text(node, what)
    if value is not None and not valid_url(value):
        reader.error(node, f"{what} '{value[:80]}' must be {URL_RULE}")
        return None
    return value.strip() if value else value


MAX_FLOW_DEPTH = 50
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's reader in C (libyaml) where it was built with it: the same nodes and line numbers,
eight times faster than the one in Python (a tenth of a second for the file and the default
metrics, on every build)."""


def _flow_depth(text: str) -> tuple[int, int]:
    """The deepest nesting of [ ] and { } (outside quotes and comments) and its line: YAML's
    parser slows down sharply with depth, so a hostile file is refused before parsing."""
    deepest, line_of, depth, line, quote = 0, 1, 0, 1, ""
    for index, char in enumerate(text):
        if char == "\n":
            line += 1
            if quote == "#":
                quote = ""
        elif quote:
            if char == quote and quote != "#":
                quote = ""
        elif char in "'\"" and (index == 0 or text[index - 1] in " \t\n[{,:-"):
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t\n"):
            quote = "#"
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, line_of = depth, line
                if deepest > MAX_FLOW_DEPTH:
                    break
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest, line_of


def _each(reader: _Reader, node: Node | None, what: str, build: Callable[[Node, str], Any]) -> list:
    if node is None:
        return []
    items = []
    for index, item in enumerate(reader.sequence(node, what), start=1):
        built = build(item, f"{what} item {index}")
        if built is not None:
            items.append(built)
    return items


def _sources(reader: _Reader, node: Node | None) -> dict[str, SourceInfo]:
    if node is None:
        return {}
    sources: dict[str, SourceInfo] = {}
    for key_node, value_node in node.value if isinstance(node, MappingNode) else ():
        article_id = str(key_node.value)
        what = f"sources.{article_id}"
        entries = reader.mapping(value_node, what, SOURCE_KEYS)
        reliability = reader.text(entries.get("reliability"), f"{what}.reliability")
        if reliability is not None and not _RELIABILITY.match(reliability):
            reader.error(
                entries["reliability"],
                f"{what}.reliability '{reliability}' must be a grade A-F (Admiralty: A completely "
                "reliable ... E unreliable, F cannot be judged), optionally with 1-6, e.g. B2",
            )
            reliability = None
        if article_id in sources:
            reader.error(key_node, f"source '{article_id}' is given twice")
        sources[article_id] = SourceInfo(
            id=article_id,
            outlet=reader.text(entries.get("outlet"), f"{what}.outlet"),
            url=_url(reader, entries.get("url"), f"{what}.url"),
            title=reader.text(entries.get("title"), f"{what}.title"),
            date=reader.date(entries.get("date"), f"{what}.date"),
            reliability=reliability,
            notes=reader.text(entries.get("notes"), f"{what}.notes"),
        )
    if not isinstance(node, MappingNode):
        reader.error(node, "sources must be a mapping of article ids (file names without extension)")
    return sources


def _topics(reader: _Reader, node: Node | None, metric_ids: set[str]) -> tuple[TopicSpec, ...]:
    def build(item: Node, what: str) -> tuple[TopicSpec, Node] | None:
        entries = reader.mapping(item, what, TOPIC_KEYS)
        topic_id = reader.identifier(entries.get("id"), f"{what}: id")
        if topic_id is None:
            return None
        what = f"topic '{topic_id}'"
        spec = TopicSpec(
            id=topic_id,
            title=reader.text(entries.get("title"), f"{what}: title", required=True) or topic_id,
            description=reader.text(entries.get("description"), f"{what}: description") or "",
            phrases=reader.texts(entries.get("phrases"), f"{what}: phrases"),
            keywords=reader.texts(entries.get("keywords"), f"{what}: keywords"),
            min_keywords=reader.integer(entries.get("min_keywords"), f"{what}: min_keywords", 2),
            metrics=reader.texts(entries.get("metrics"), f"{what}: metrics"),
            related=reader.texts(entries.get("related"), f"{what}: related"),
            notes=reader.texts(entries.get("notes"), f"{what}: notes"),
            takeaways=(reader.integer(entries["takeaways"], f"{what}: takeaways", 7)
                       if "takeaways" in entries else None),
        )
        if "title" not in entries:
            reader.error(item, f"{what}: title is required")
        if not (spec.phrases or spec.keywords or spec.metrics):
            reader.error(item, f"{what}: give phrases, keywords or metrics to match paragraphs")
        for metric in spec.metrics:
            if metric not in metric_ids:
                reader.error(
                    entries["metrics"],
                    f"{what}: metric '{metric}' is not defined; known metrics: "
                    + ", ".join(sorted(metric_ids)),
                )
        return spec, item

    built = _each(reader, node, "topics", build)
    reader.unique([(spec.id, item) for spec, item in built], "topic id")
    known = {spec.id for spec, _ in built}
    for spec, item in built:
        for related in spec.related:
            if related not in known:
                reader.error(
                    item,
                    f"topic '{spec.id}': related topic '{related}' is not defined; "
                    f"known topics: {', '.join(sorted(known))}",
                )
    return tuple(spec for spec, _ in built)


def _metric(reader: _Reader, item: Node, what: str) -> tuple[MetricSpec, Node] | None:
    entries = reader.mapping(item, what, METRIC_KEYS)
    metric_id = reader.identifier(entries.get("id"), f"{what}: id")
    if metric_id is None:
        return None
    words = reader.texts(entries.get("words"), f"metric '{metric_id}': words")
    if not words:
        reader.error(item, f"metric '{metric_id}': words is required (the words that signal it)")
    spec = MetricSpec(
        id=metric_id,
        label=reader.text(entries.get("label"), f"metric '{metric_id}': label") or metric_id,
        words=words,
        unit=reader.text(entries.get("unit"), f"metric '{metric_id}': unit") or "people",
        current=reader.boolean(entries.get("current"), f"metric '{metric_id}': current"),
        fixed=reader.boolean(entries.get("fixed"), f"metric '{metric_id}': fixed"),
    )
    if spec.current and spec.fixed:
        reader.error(item, f"metric '{metric_id}': current and fixed exclude each other (a count of those in a "
                           "state now changes; a fixed quantity does not)")
    return spec, item


def _metrics(reader: _Reader, node: Node | None) -> tuple[MetricSpec, ...]:
    built = _each(reader, node, "metrics", lambda item, what: _metric(reader, item, what))
    reader.unique([(spec.id, item) for spec, item in built], "metric id")
    return tuple(spec for spec, _ in built)


def _merge_metrics(defaults: tuple[MetricSpec, ...], own: tuple[MetricSpec, ...]) -> tuple[MetricSpec, ...]:
    """The file's metrics first, then the defaults it does not redefine."""
    own_ids = {m.id for m in own}
    return own + tuple(m for m in defaults if m.id not in own_ids)


def default_metrics() -> tuple[MetricSpec, ...]:
    """The metrics shipped with the package (dossier/curation/default_metrics.yml)."""
    resource = resources.files("dossier.curation").joinpath("default_metrics.yml")
    if not resource.is_file():
        return ()
    reader = _Reader("dossier/curation/default_metrics.yml")
    root = yaml.compose(resource.read_text(encoding="utf-8"), Loader=_LOADER)
    metrics = _metrics(reader, root)
    if reader.errors:  # a packaging bug, not a user error
        raise CurationError(reader.errors)
    return metrics


def _entities(reader: _Reader, node: Node | None) -> tuple[EntitySpec, ...]:
    def build(item: Node, what: str) -> tuple[EntitySpec, Node] | None:
        entries = reader.mapping(item, what, ENTITY_KEYS)
        name = reader.text(entries.get("name"), f"{what}: name", required=True)
        if name is None:
            return None
        kind = reader.text(entries.get("kind"), f"entity '{name}': kind") or "other"
        if kind not in ENTITY_KINDS:
            reader.error(
                entries["kind"],
                f"entity '{name}': kind '{kind}' is not one of {', '.join(ENTITY_KINDS)}",
            )
        aliases = reader.texts(entries.get("aliases"), f"entity '{name}': aliases")
        within = reader.text(entries.get("within"), f"entity '{name}': within")
        if within is not None and kind != "place":
            reader.error(entries["within"], f"entity '{name}': only a place lies within another (kind is '{kind}')")
        return EntitySpec(name=name, kind=kind, aliases=aliases, within=within), item

    built = _each(reader, node, "entities", build)
    reader.unique([(spec.name, item) for spec, item in built], "entity name")
    places = {spec.name: spec for spec, _ in built if spec.kind == "place"}
    for spec, item in built:
        if spec.within is None or spec.kind != "place":
            continue
        if spec.within not in places:
            reader.error(item, f"entity '{spec.name}': within '{spec.within}' is not the name of a place "
                               f"among the entities; places: {', '.join(sorted(places)) or 'none'}")
            continue
        seen, up = {spec.name}, spec.within
        while up is not None and up not in seen and up in places:
            seen.add(up)
            up = places[up].within
        if up in seen:
            reader.error(item, f"entity '{spec.name}': within '{spec.within}' leads back to '{spec.name}'")
    owners: dict[str, str] = {}
    for spec, item in built:
        for alias in (spec.name, *spec.aliases):
            owner = owners.setdefault(alias.lower(), spec.name)
            if owner != spec.name:
                reader.error(item, f"entity '{spec.name}': alias '{alias}' already names '{owner}'")
    return tuple(spec for spec, _ in built)


def _overrides(reader: _Reader, node: Node | None, metric_ids: set[str]) -> tuple[Override, ...]:
    def build(item: Node, what: str) -> tuple[Override, Node] | None:
        entries = reader.mapping(item, what, OVERRIDE_KEYS)
        figure = reader.text(entries.get("figure"), f"{what}: figure (a figure id)", required=True)
        if figure is None:
            return None
        metric = reader.text(entries.get("metric"), f"override of '{figure}': metric")
        if metric is not None and metric not in metric_ids:
            reader.error(
                entries["metric"],
                f"override of '{figure}': metric '{metric}' is not defined; known metrics: "
                + ", ".join(sorted(metric_ids)),
            )
        override = Override(
            figure=figure,
            exclude=reader.boolean(entries.get("exclude"), f"override of '{figure}': exclude"),
            value=reader.number(entries.get("value"), f"override of '{figure}': value"),
            value_max=reader.number(entries.get("value_max"), f"override of '{figure}': value_max"),
            metric=metric,
            claimant=reader.text(entries.get("claimant"), f"override of '{figure}': claimant"),
            note=reader.text(entries.get("note"), f"override of '{figure}': note"),
            line=item.start_mark.line + 1,
        )
        return override, item

    built = _each(reader, node, "overrides", build)
    reader.unique([(o.figure, item) for o, item in built], "override of figure")
    return tuple(o for o, _ in built)


def _event_place(reader: _Reader, node: Node | None, title: str, entities: tuple[EntitySpec, ...]) -> str | None:
    """`place:` where the event happened, a place among the entities (its name or an alias), or
    `none`; without it, the one place among the entities that the title names (the innermost,
    when it names a place and the one it lies within: "Tarsa, Halvik Province"), else none. A
    toll of the whole event, or one placed only by an article's dateline, counts there."""
    places = [e for e in entities if e.kind == "place"]
    value = reader.text(node, "place")
    if value is not None:
        spelled = " ".join(value.split()).casefold()
        found = next((e for e in places if spelled in (n.casefold() for n in (e.name, *e.aliases))), None)
        if found is None and spelled != "none":
            reader.error(node, f"place '{value}' is not a place among the entities (its name or an alias), nor "
                               f"none; places: {', '.join(sorted(e.name for e in places)) or 'none'}")
        return found.name if found else None
    named = [e.name for e in places
             if any(n[:1].isupper() and re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", title)
                    for n in (e.name, *e.aliases))]
    within = places_within(places)
    inner = [n for n in named if not any(n in enclosing(other, within) for other in named if other != n)]
    return inner[0] if len(inner) == 1 else None


def _counted(reader: _Reader, node: Node | None) -> dict[str, str]:
    """`counted:` a mapping from a noun to the nouns that count the same people in this event
    (`pupils: [children, students]`: the parents' "230 children were taken" is a rival of the
    government's "215 pupils"), as {other noun, case-folded: the noun}. A noun given under two
    nouns is an error; one given under itself says nothing."""
    if node is None:
        return {}
    found: dict[str, str] = {}
    where: dict[str, Node] = {}
    for noun, others in reader.mapping(node, "counted", ()).items():
        as_noun = " ".join(noun.split())
        if not as_noun:
            reader.error(others, "counted: a noun must not be empty")
            continue
        for other in reader.texts(others, f"counted: {as_noun}"):
            folded = " ".join(other.split()).casefold()
            if folded == as_noun.casefold():
                continue
            if folded in found and found[folded] != as_noun:
                reader.error(others, f"counted: '{other}' is counted as both '{found[folded]}' and '{as_noun}'")
                continue
            found[folded], where[folded] = as_noun, others
    for folded, as_noun in found.items():
        if as_noun.casefold() in found:
            reader.error(where[as_noun.casefold()], f"counted: '{as_noun}' is itself counted as '{found[as_noun.casefold()]}'; "
                                        f"list '{folded}' under '{found[as_noun.casefold()]}'")
    return dict(sorted(found.items()))


def _compare_with(reader: _Reader, node: Node | None) -> CompareWith:
    """`last` (default), `none`, a date or a snapshot file: the briefing the "Since the last
    briefing" section compares with."""
    value = reader.text(node, "compare_with")
    if value is None:
        return CompareWith("last")
    parsed = parse_compare_with(value) if value else None
    if parsed is None:
        reader.error(node, f"compare_with must be last, none, a date like 2025-04-24 or a snapshot "
                           f"file (a dossier JSON), not '{value}'")
        return CompareWith("last")
    return parsed


def parse_compare_with(value: str) -> CompareWith | None:
    """`last`, `none`, a date (`2025-04-24`, `24 April 2025`) or a file name (anything with a
    `/` or ending in `.json` is a file); None for a date that cannot be (`2025-13-01`)."""
    text = value.strip()
    if text.lower() in ("last", "none"):
        return CompareWith(text.lower())
    if "/" in text or "\\" in text or text.lower().endswith(".json"):
        return CompareWith("file", file=text)
    date = parse_date(text)
    if date is not None:
        return CompareWith("date", date=date)
    if re.fullmatch(r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?", text):
        return None  # shaped like a date, but not one
    return CompareWith("file", file=text)
