"""`dossier new DIR`: a new dossier ready for `mkdocs serve`: seeds/, dossier.yml, mkdocs.yml.

The generated mkdocs.yml needs no docs/ folder: its `docs_dir` is seeds/ (a folder that always
exists; the plugin keeps the article files out of the site) and the plugin supplies the pages,
stylesheets and scripts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from dossier.errors import DossierError

CURATION = """\
# The curation file: what the briefing is about. Everything but the title is optional; what is
# missing is inferred from the articles and marked as inferred. Put articles in seeds/
# (.txt, .md, or pages saved from the browser as .html), then run `mkdocs serve`.
title: {title}
# subtitle: What the briefing covers
# place: Ternopil              # where it happened (a place among the entities); default: the one
#                              # the title names. A toll without a place, or placed only by a
#                              # dateline, counts there; `none` for no such place
# as_of: 2025-11-21            # default: the newest article's date

# topics:                      # paragraphs are filed under the topics whose words they use
#   - id: casualties
#     title: Casualties
#     description: Deaths and injuries reported after the strike.
#     keywords: [killed, dead, injured, wounded, death toll, victims]
#     min_keywords: 1
#   - id: rescue
#     title: Rescue operation
#     keywords: [rescuers, rubble, search, emergency service]

# entities:                    # people and bodies, with the other names the articles use
#   - name: Volodymyr Zelensky
#     kind: person
#     aliases: [Zelensky, Zelenskyy, Zelenskiy, the President]
#   - name: State Emergency Service
#     kind: organisation
#     aliases: [SES, emergency service]
#   - name: Ternopil
#     kind: place
#     within: Ukraine          # a city's or province's figures are parts of its country's
#   - name: Ukraine
#     kind: place

# metrics:                     # what figures count (killed, injured... are built in)
#   - id: missing
#     label: Missing
#     words: [missing, unaccounted for, under the rubble]

# counted:                     # nouns that count the same people here, compared as one
#   pupils: [children, students]

# sources:                     # per article id (the file name without extension)
#   ternopil-rferl:
#     outlet: RFE/RL
#     date: 2025-11-19
#     reliability: B           # A-F, as in the Admiralty grading
"""

MKDOCS = """\
# A dossier site: the `dossier` plugin reads seeds/ and dossier.yml and generates every page,
# stylesheet and script. No docs/ folder is needed: MkDocs is pointed at seeds/ (so `mkdocs serve`
# watches the articles) and the plugin keeps the article files out of the site.
site_name: {title}
site_url: !ENV [SITE_URL, ""]
docs_dir: seeds          # the plugin reads the articles; none of them becomes a page
strict: true

theme:
  name: material
  language: en
  font: false            # no Google Fonts: the site and the PDF work offline
  features:
    - navigation.tabs
    - navigation.sections
    - navigation.top
    - navigation.indexes
    - search.highlight
    - content.tooltips

plugins:
  - search
  # OFFLINE=true mkdocs build: a site that works opened from a folder or a zip (no server).
  - offline:
      enabled: !ENV [OFFLINE, false]
  - dossier:
      seeds: seeds
      curation: dossier.yml

markdown_extensions:
  - tables
  - attr_list
  - md_in_html
  - admonition
  - abbr
  - def_list
  - footnotes
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences

validation:
  nav:
    omitted_files: info
    not_found: warn
    absolute_links: warn
  links:
    not_found: warn
    anchors: warn
    absolute_links: warn
    unrecognized_links: warn
"""


@dataclass(frozen=True)
class Created:
    folder: Path
    files: tuple[str, ...]


def new_dossier(folder: Path, title: str) -> Created:
    """Create the folder's seeds/, dossier.yml and mkdocs.yml; never overwrite a file."""
    targets = {"dossier.yml": CURATION, "mkdocs.yml": MKDOCS}
    existing = [name for name in targets if (folder / name).exists()]
    if existing:
        raise DossierError(f"{folder}: {', '.join(existing)} already exists; not overwritten")
    if not title.strip():
        raise DossierError("the title must not be empty")
    quoted = json.dumps(title.strip(), ensure_ascii=False)  # a JSON string is a YAML string
    (folder / "seeds").mkdir(parents=True, exist_ok=True)
    for name, template in targets.items():
        (folder / name).write_text(template.format(title=quoted), encoding="utf-8")
    return Created(folder, ("seeds/", *targets))
