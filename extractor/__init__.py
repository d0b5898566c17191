"""Structured records from French tech news: entities, dates and download claims."""

from extractor.api import ArticleInput, extract, extract_many
from extractor.pipeline import build_pipeline, load_pipeline
from extractor.schema import Article, DateMention, DownloadClaim, Entity, EntityType, InputInfo, Mention, Metric, Qualifier
from extractor.version import __version__

__all__ = [
    "Article",
    "ArticleInput",
    "DateMention",
    "DownloadClaim",
    "Entity",
    "InputInfo",
    "EntityType",
    "Mention",
    "Metric",
    "Qualifier",
    "__version__",
    "build_pipeline",
    "extract",
    "extract_many",
    "load_pipeline",
]
