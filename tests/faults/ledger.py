"""The books of a fault run: every enqueued hash must end stored or failed, once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from storage.db import session_scope
from storage.models import Article, ClaimRow, EntityRow, Failure


@dataclass
class Tally:
    scenario: str
    enqueued: int = 0
    stored: int = 0
    failed: int = 0
    lost: int = 0
    duplicated: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicated == 0 and self.stored + self.failed == self.enqueued


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def outcomes(database_url: str, hashes: Iterable[str]) -> tuple[Counter[str], dict[str, str]]:
    """Article rows per hash, and the failure reason per failed hash."""
    rows: Counter[str] = Counter()
    reasons: dict[str, str] = {}
    with session_scope(database_url) as session:
        for part in _chunks(sorted(set(hashes))):
            rows.update(session.scalars(select(Article.content_hash).where(Article.content_hash.in_(part))))
            for content_hash, reason in session.execute(
                select(Failure.content_hash, Failure.reason).where(Failure.content_hash.in_(part))
            ):
                reasons[str(content_hash)] = reason
    return rows, reasons


def describe(database_url: str, hashes: Iterable[str]) -> dict[str, str]:
    """For each hash: `stored (<status>)`, or `<reason>: <error>` of its failure."""
    described: dict[str, str] = {}
    with session_scope(database_url) as session:
        for part in _chunks(sorted(set(hashes))):
            for content_hash, reason, error in session.execute(
                select(Failure.content_hash, Failure.reason, Failure.error).where(Failure.content_hash.in_(part))
            ):
                described[str(content_hash)] = f"{reason}: {error[:110]}"
            for content_hash, status in session.execute(
                select(Article.content_hash, Article.status).where(Article.content_hash.in_(part))
            ):
                described[content_hash] = f"stored ({status})"
    return described


def finished(database_url: str, hashes: Iterable[str]) -> int:
    rows, reasons = outcomes(database_url, hashes)
    return len(set(rows) | set(reasons))


def duplicated_children(database_url: str, hashes: Iterable[str]) -> int:
    """Articles whose entities or claims appear twice: the children of two writes, not one."""
    dup = 0
    with session_scope(database_url) as session:
        for part in _chunks(sorted(set(hashes))):
            ids = select(Article.id).where(Article.content_hash.in_(part)).scalar_subquery()
            entities = (
                select(EntityRow.article_id)
                .where(EntityRow.article_id.in_(ids))
                .group_by(EntityRow.article_id, EntityRow.name, EntityRow.label)
                .having(func.count() > 1)
            )
            claims = (
                select(ClaimRow.article_id)
                .where(ClaimRow.article_id.in_(ids))
                .group_by(ClaimRow.article_id, ClaimRow.kind, ClaimRow.content_start, ClaimRow.content_end)
                .having(func.count() > 1)
            )
            dup += len(set(session.scalars(entities)) | set(session.scalars(claims)))
    return dup


def tally(scenario: str, database_url: str, hashes: set[str]) -> Tally:
    rows, reasons = outcomes(database_url, hashes)
    result = Tally(scenario, enqueued=len(hashes))
    result.stored = sum(1 for h in hashes if h in rows)
    result.failed = sum(1 for h in hashes if h in reasons and h not in rows)
    result.lost = sum(1 for h in hashes if h not in rows and h not in reasons)
    both = sum(1 for h in hashes if h in rows and h in reasons)
    extra_rows = sum(n - 1 for n in rows.values() if n > 1)
    result.duplicated = both + extra_rows + duplicated_children(database_url, hashes)
    result.reasons.update(reasons[h] for h in hashes if h in reasons and h not in rows)
    return result


def render(tallies: list[Tally]) -> str:
    head = (
        f"{'scenario':<34} {'enqueued':>8} {'stored':>7} {'failed':>7} {'lost':>5} {'duplicated':>10}  failure reasons"
    )
    lines = [head, "-" * len(head)]
    for t in tallies:
        reasons = ", ".join(f"{k}×{v}" for k, v in sorted(t.reasons.items()))
        lines.append(
            f"{t.scenario:<34} {t.enqueued:>8} {t.stored:>7} {t.failed:>7} {t.lost:>5} {t.duplicated:>10}  {reasons}"
        )
    return "\n".join(lines)
