"""Pure ``str -> value`` functions: no spaCy import here."""
