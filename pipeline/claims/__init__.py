"""Claims stage: attributed quotes and check-worthy factual statements."""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.models import Claim, Entity


def extract_claims(doc: Doc, entities: tuple[Entity, ...]) -> tuple[Claim, ...]:
    """v1 placeholder replaced by the claims work."""
    return ()
