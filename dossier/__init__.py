"""dossier: turn a folder of news articles into a curated, sourced briefing site and PDF."""

__version__ = "0.1.0"
