"""Components of the extractor pipeline (spaCy factories)."""
