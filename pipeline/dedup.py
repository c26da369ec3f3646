"""Near-duplicate detection: MinHash signatures over word shingles and LSH band buckets. Pure code.

Two bodies whose estimated Jaccard similarity (of their 3-word shingle sets) is at least
`DUPLICATE_THRESHOLD` are near-duplicates: a syndicated copy with an edited headline and a changed
paragraph, a page re-scraped with different boilerplate. Signatures are stable across runs and
versions (the hash functions derive from fixed seeds), so stored ones stay comparable.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 3
PERMUTATIONS = 128
BANDS = 16
ROWS = PERMUTATIONS // BANDS  # 8 rows a band: a 0.9-similar pair shares a bucket with p > 0.9998
DUPLICATE_THRESHOLD = 0.9
_PRIME = (1 << 61) - 1
_WORD = re.compile(r"\w+")
_CHUNK = 4096  # shingles permuted at once: 128 × 4096 × 8 bytes = 4 MiB


def _seeded(label: str, count: int, high: int) -> np.ndarray:
    values = [
        int.from_bytes(hashlib.blake2b(f"{label}{i}".encode(), digest_size=8).digest(), "big") % high
        for i in range(count)
    ]
    return np.array(values, dtype=np.uint64)


# a < 2^31 and shingle hashes < 2^32, so a·x + b stays below 2^64: no overflow in uint64.
_A = _seeded("minhash-a", PERMUTATIONS, (1 << 31) - 1) + np.uint64(1)
_B = _seeded("minhash-b", PERMUTATIONS, 1 << 31)


@dataclass(frozen=True, slots=True)
class Signature:
    """A body's MinHash: PERMUTATIONS 32-bit minima."""

    values: tuple[int, ...]

    def to_bytes(self) -> bytes:
        return np.array(self.values, dtype=">u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(tuple(int(v) for v in np.frombuffer(data, dtype=">u4")))


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Overlapping runs of `size` lower-cased words; a shorter text is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: str, b: str) -> float:
    """Exact Jaccard similarity of two texts' shingle sets (for tests and calibration)."""
    left, right = shingles(a), shingles(b)
    return len(left & right) / len(left | right) if left or right else 1.0


def _mod_prime(x: np.ndarray) -> np.ndarray:
    """x mod (2^61 − 1) for x < 2^64, without uint64 division (≈ 3× faster): 2^61 ≡ 1, so x ≡ its
    low 61 bits + its top 3 bits, a sum below 2·(2^61 − 1) that one subtraction brings into range."""
    folded = (x & np.uint64(_PRIME)) + (x >> np.uint64(61))
    return np.where(folded >= np.uint64(_PRIME), folded - np.uint64(_PRIME), folded)


def signature(text: str) -> Signature | None:
    """The MinHash of a body, or None when it has no words."""
    found = shingles(text)
    if not found:
        return None
    hashes = np.array(
        [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "big") for s in found], dtype=np.uint64
    )
    minima = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(hashes), _CHUNK):  # bounded memory however long the body
        permuted = np.outer(_A, hashes[start : start + _CHUNK])
        permuted += _B[:, None]
        minima = np.minimum(minima, _mod_prime(permuted).min(axis=1))
    return Signature(tuple(int(v) for v in minima & np.uint64(0xFFFFFFFF)))


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity: the share of equal minima."""
    return sum(x == y for x, y in zip(a.values, b.values, strict=True)) / PERMUTATIONS


def similarity_to_stored(a: Signature, stored: bytes) -> float:
    """`similarity` against a signature as `Signature.to_bytes` stored it, without decoding it."""
    equal = np.count_nonzero(np.array(a.values, dtype=">u4") == np.frombuffer(stored, dtype=">u4"))
    return int(equal) / PERMUTATIONS


def band_buckets(sig: Signature) -> list[tuple[int, int]]:
    """(band, bucket) pairs: two signatures sharing one are candidates. Buckets fit a signed 64-bit column."""
    buckets = []
    for band in range(BANDS):
        rows = np.array(sig.values[band * ROWS : (band + 1) * ROWS], dtype=">u4").tobytes()
        digest = hashlib.blake2b(rows, digest_size=8, person=b"nw-lsh").digest()
        buckets.append((band, int.from_bytes(digest, "big") & ((1 << 63) - 1)))
    return buckets
