"""Ingest: seed files -> Articles (metadata, cleaned paragraphs, dropped page furniture)."""

from dossier.ingest.reader import SEED_SUFFIXES, read_seeds

__all__ = ["SEED_SUFFIXES", "read_seeds"]
