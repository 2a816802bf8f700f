"""Changes as text (the default of `dossier diff`), Markdown (the site's partial, with links
relative to the docs folder) and JSON (sorted keys, deterministic).

The renderer of the site is imported only for Markdown: comparing two files as text or JSON
needs neither the templates nor the analysis they import."""

from __future__ import annotations

from markupsafe import Markup

import dataclasses
from dataclasses import dataclass

from dossier.export import to_json
from dossier.changes.compare import Changes, FigureChange, Ref
from dossier.model import SourceRef

def changes_json(changes: Changes) -> str:
    """Schema `dossier-changes/1`, documented in docs/reference/export-schema.md."""
    data = dataclasses.asdict(changes)
    data["schema"] = "dossier-changes/1"
    data["count"] = changes.count
    for item, change in zip(data["figures"], changes.figures):
        item["kind"] = change.kind
    return to_json(data)


@dataclass(frozen=True)
class RootLinks:
    """The links the partial needs, relative to the docs folder (for Markdown printed by the
    CLI, where there is no page to be relative to)."""

    refs: dict[SourceRef, Ref]
    page: str = "index.md"

    def cite(self, source: SourceRef) -> Markup:
        from dossier.render import markdown as md
        from dossier.render.pages import source_page

        ref = self.refs[source]
        return Markup(f"[{md.escape(ref.outlet)} ¶{ref.paragraph}]({md.link(self.page, source_page(ref.article), ref.anchor)})")

    def source(self, article_id: str) -> Markup:
        from dossier.render import markdown as md
        from dossier.render.pages import source_page

        return md.link(self.page, source_page(article_id))


def changes_markdown(changes: Changes, limit: int | None = None) -> str:
    """The "Since the last briefing" section, as the home page shows it (all items unless
    `limit`); links are relative to the site's docs folder."""
    from dossier.render.pages import _environment

    refs = {r.source: r for name in _REF_LISTS for item in getattr(changes, name) for r in item.refs}
    template = _environment().get_template("_partials/changes.md.j2")
    text = template.render(changes=changes, links=RootLinks(refs), changes_limit=limit or 10**9)
    return text.strip() + "\n"


_REF_LISTS = ("figures", "disagreements_new", "disagreements_resolved", "events_new", "takeaways_new")


def changes_text(changes: Changes) -> str:
    """Plain text, one change a line, grouped, with the sources cited as `Outlet ¶n`."""
    old, new = changes.old, changes.new
    lines = [
        f"From the briefing as of {old.as_of_human} ({old.label}, {old.sources} sources)",
        f"  to the briefing as of {new.as_of_human} ({new.label}, {new.sources} sources):",
    ]
    if changes.empty:
        return "\n".join(lines + ["", "No changes."]) + "\n"

    def section(title: str, rows: list[str]) -> None:
        if rows:
            lines.extend(["", f"{title} ({len(rows)})", *rows])

    section("Figures", [f"  {_figure(c)}{_cite(c.refs)}" for c in changes.figures])
    section("New disagreements", [f"  {c.label}, {c.subject}: {c.note}{_cite(c.refs)}"
                                  for c in changes.disagreements_new])
    section("Resolved disagreements", [f"  {c.label}, {c.subject}: {c.note}{_cite(c.refs)}"
                                       for c in changes.disagreements_resolved])
    section("New events", [f"  + {c.when}: {c.text}{_cite(c.refs)}" for c in changes.events_new])
    section("Events no longer reported", [f"  - {c.when}: {c.text}" for c in changes.events_removed])
    section("New takeaways", [f"  + {c.text}{_cite(c.refs)}" for c in changes.takeaways_new])
    section("Dropped takeaways", [f"  - {c.text}" for c in changes.takeaways_dropped])
    section("New sources", [f"  + {_source(s)}" for s in changes.sources_added])
    section("Removed sources", [f"  - {_source(s)}" for s in changes.sources_removed])
    return "\n".join(lines) + "\n"


def _figure(c: FigureChange) -> str:
    """`Killed (people): 25 -> 31, regional administration, 21 November 2025`."""
    name = f"{c.label}, {c.subject}"
    if c.old is None:
        assert c.new is not None
        return f"+ {name}: {c.new.value}, {c.new.claimant}, {c.new.when}"
    if c.new is None:
        return f"- {name}: no longer reported (was {c.old.value}, {c.old.claimant}, {c.old.when})"
    text = f"~ {name}: {c.old.value} -> {c.new.value}, {c.new.claimant}, {c.new.when}"
    if c.range_changed:
        text += f"; across sources {c.old.range} -> {c.new.range}"
    return text


def _cite(refs: tuple[Ref, ...]) -> str:
    if not refs:
        return ""
    shown = ", ".join(f"{r.outlet} ¶{r.paragraph}" for r in refs[:6])
    return f" [{shown}{f' and {len(refs) - 6} more' if len(refs) > 6 else ''}]"


def _source(s) -> str:
    return f"{s.outlet or s.id}: {s.title}" + (f", {s.date}" if s.date else "") + f" [{s.id}]"
