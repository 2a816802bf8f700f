"""The analyst's curation file (dossier.yml): its data model and its validating reader."""

from dossier.curation.model import Curation, EntitySpec, MetricSpec, Override, SourceInfo, TopicSpec
from dossier.curation.schema import default_metrics, load_curation, parse_curation

__all__ = [
    "Curation", "EntitySpec", "MetricSpec", "Override", "SourceInfo", "TopicSpec",
    "default_metrics", "load_curation", "parse_curation",
]
