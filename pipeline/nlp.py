"""Loading the spaCy model: done once per process by the caller, never at import time."""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.language import Language


def load_nlp(model: str, exclude: Sequence[str] = ()) -> Language:
    """Load `model` (a package name or a path) without the components listed in `exclude`."""
    return spacy.load(model, exclude=list(exclude))
