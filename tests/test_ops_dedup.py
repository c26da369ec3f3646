"""Near-duplicates: MinHash estimates, links stored in the same transaction, export that collapses them."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language
from sqlalchemy import func, select

from pipeline.dedup import (
    DUPLICATE_THRESHOLD,
    PERMUTATIONS,
    Signature,
    jaccard,
    signature,
    similarity,
    similarity_to_stored,
)
from pipeline.models import ArticleResult, RawArticle
from pipeline.process import process
from storage.db import session_scope
from storage.models import Article, ClaimRow, MinHashBucket
from storage.repository import ArticleMeta, save_result
from storage.store import store as store_result
from tests.ops_articles import original_story, other_story, syndicated_copy
from tests.ops_services import newsworker


def store(url: str, nlp: Language, key: str, text: str) -> int:
    raw = RawArticle(id=key, text=text, url=f"https://wire.example/{key}")
    return store_result(url, ArticleMeta(content_hash=key * 8, external_id=key), process(raw, nlp))


def duplicate_of(url: str, article_id: int) -> int | None:
    with session_scope(url) as session:
        return session.scalar(select(Article.duplicate_of).where(Article.id == article_id))


def test_minhash_estimate_is_close_to_the_exact_jaccard_similarity() -> None:
    copy, other = syndicated_copy(), other_story()
    original = signature(original_story())
    assert original is not None and signature("") is None
    assert abs(similarity(original, signature(copy)) - jaccard(original_story(), copy)) < 0.1  # type: ignore[arg-type]
    assert similarity(original, signature(other)) < 0.1  # type: ignore[arg-type]
    assert similarity(original, signature(original_story())) == 1.0  # type: ignore[arg-type]


def test_similarity_to_a_stored_signature_equals_the_decoded_comparison() -> None:
    original, copy, other = (signature(t) for t in (original_story(), syndicated_copy(), other_story()))
    assert original is not None and copy is not None and other is not None
    for stored in (original, copy, other):
        assert similarity_to_stored(original, stored.to_bytes()) == similarity(original, stored)
    assert 0 < similarity_to_stored(original, copy.to_bytes()) < 1


def test_the_pipeline_result_carries_the_bodys_minhash(nlp: Language) -> None:
    result = process(RawArticle(id="m1", text=original_story()), nlp)
    sig = signature(result.text)
    assert sig is not None and result.minhash == sig.values
    assert process(RawArticle(id="m2", text="   "), nlp).minhash is None


def test_syndicated_copy_is_linked_to_the_original_and_a_different_story_is_not(
    database_url: str, nlp: Language
) -> None:
    original = store(database_url, nlp, "a", original_story())
    copy = store(database_url, nlp, "b", syndicated_copy())
    other = store(database_url, nlp, "c", other_story())

    assert jaccard(original_story(), syndicated_copy()) >= DUPLICATE_THRESHOLD
    assert duplicate_of(database_url, original) is None
    assert duplicate_of(database_url, copy) == original
    assert duplicate_of(database_url, other) is None
    with session_scope(database_url) as session:  # the copy's claims are stored all the same
        assert session.scalar(select(func.count()).select_from(ClaimRow).where(ClaimRow.article_id == copy))


def test_storing_an_article_again_keeps_one_index_entry_per_band_and_its_link(database_url: str, nlp: Language) -> None:
    original = store(database_url, nlp, "a", original_story())
    copy = store(database_url, nlp, "b", syndicated_copy())
    assert store(database_url, nlp, "a", original_story()) == original  # a redelivery of the original
    assert store(database_url, nlp, "b", syndicated_copy()) == copy

    assert duplicate_of(database_url, original) is None and duplicate_of(database_url, copy) == original
    with session_scope(database_url) as session:
        per_article = session.execute(select(MinHashBucket.article_id, func.count()).group_by(MinHashBucket.article_id))
        assert dict(per_article.all()) == {original: 16, copy: 16}


@pytest.mark.parametrize("path", ["store", "session"])
def test_the_database_decides_near_duplicates_exactly_as_the_python_comparison(database_url: str, path: str) -> None:
    # Signatures agreeing in one value more or one fewer than the threshold needs, differing only in
    # their first bands (the rest shared, so each is a candidate of the first).
    base = tuple(range(1000, 1000 + PERMUTATIONS))
    needed = next(n for n in range(PERMUTATIONS + 1) if n / PERMUTATIONS >= DUPLICATE_THRESHOLD)

    def differing(count: int) -> tuple[int, ...]:
        return tuple(v + 7 if i < count else v for i, v in enumerate(base))

    def save(key: str, minhash: tuple[int, ...]) -> int:
        result = ArticleResult(key, None, f"Body {key}.", (), "en", minhash=minhash)
        meta = ArticleMeta(content_hash=key * 64)
        if path == "store":
            return store_result(database_url, meta, result)
        with session_scope(database_url) as session:
            return save_result(session, meta, result)

    original = save("a", base)
    close = differing(PERMUTATIONS - needed)
    far = differing(PERMUTATIONS - needed + 1)
    assert similarity_to_stored(Signature(close), Signature(base).to_bytes()) >= DUPLICATE_THRESHOLD
    assert similarity_to_stored(Signature(far), Signature(base).to_bytes()) < DUPLICATE_THRESHOLD
    assert duplicate_of(database_url, save("c", far)) is None
    assert duplicate_of(database_url, save("b", close)) == original  # the earliest similar one: not "c"
    assert duplicate_of(database_url, save("d", differing(PERMUTATIONS - needed - 1))) == original


def test_export_can_collapse_duplicates(sqlite_url: str, nlp: Language) -> None:
    original = store(sqlite_url, nlp, "a", original_story())
    copy = store(sqlite_url, nlp, "b", syndicated_copy())
    env = {"DATABASE_URL": sqlite_url}

    everything = [json.loads(line) for line in newsworker("export", env=env).stdout.splitlines()]
    collapsed = newsworker("export", "--collapse-duplicates", env=env)

    assert [(r["cursor"], r["duplicate_of"]) for r in everything] == [(original, None), (copy, original)]
    assert [json.loads(line)["cursor"] for line in collapsed.stdout.splitlines()] == [original]
    assert f"next cursor: {copy}" in collapsed.stderr  # resuming skips the duplicate, not re-reads it


def test_signatures_stay_comparable_with_those_stored_by_earlier_versions() -> None:
    import hashlib

    import numpy as np

    from pipeline import dedup

    edges = np.array(
        [
            0,
            1,
            dedup._PRIME - 1,
            dedup._PRIME,
            dedup._PRIME + 1,
            2 * dedup._PRIME,
            7 * dedup._PRIME + 6,
            2**64 - 1,
            2**63,
            2**61,
        ],
        dtype=np.uint64,
    )
    values = np.concatenate([edges, np.random.default_rng(3).integers(0, 2**64 - 1, 10_000, dtype=np.uint64)])
    assert (dedup._mod_prime(values) == values % np.uint64(dedup._PRIME)).all()
    # The formula signatures were first stored with: plain uint64 modulo.
    text = "The Harrow Valley council approved the new bridge budget on Tuesday after a long debate. " * 3
    hashes = np.array(
        [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "big") for s in dedup.shingles(text)],
        dtype=np.uint64,
    )
    reference = ((np.outer(dedup._A, hashes) + dedup._B[:, None]) % np.uint64(dedup._PRIME)).min(axis=1)
    sig = dedup.signature(text)
    assert sig is not None and sig.values == tuple(int(v) for v in reference & np.uint64(0xFFFFFFFF))
