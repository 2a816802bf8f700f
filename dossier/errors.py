"""The exception tree. Library code raises these; only the CLI turns them into exit codes."""

from __future__ import annotations


class DossierError(Exception):
    """Any error dossier reports to the user (printed without a traceback)."""


class CurationError(DossierError):
    """The curation file (dossier.yml) is malformed. Holds every problem found, not just the first."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class SeedError(DossierError):
    """A seed file cannot be used at all (missing folder, unreadable, duplicate id)."""
