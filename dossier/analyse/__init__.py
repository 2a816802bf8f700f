"""Per-article analysis: a pure function of (article, curation)."""
