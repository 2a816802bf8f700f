"""Across articles: figure groups, statement and quote clusters, timeline, entity index."""
