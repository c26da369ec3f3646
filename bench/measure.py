"""The four measurements of `make bench`: bare spaCy, in-process pipeline, end to end with 1 and 2 workers."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text as sql

from pipeline.language import load_language_model
from pipeline.models import RawArticle
from pipeline.nlp import Matmul, load_nlp
from pipeline.process import process
from storage.db import session_scope
from tasks.feeds import FeedItem
from tasks.producer import Producer
from tests.services import WorkerProcess, clear_queue, wait_for
from worker.lifecycle import load_configured_nlp
from worker.settings import Settings


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    articles: int
    tokens: int
    peak_rss_mb: float = 0.0
    final_rss_mb: float = 0.0

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds


def bare_spacy(model: str, texts: list[str], matmul: Matmul = "blis") -> Run:
    """(a) en_core_web_sm with its default components, `nlp.pipe` over the raw texts; with `matmul`
    "numpy", (a′): the same on the matrix library the worker uses."""
    nlp = load_nlp(model, matmul=matmul, paragraphs=False)
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return Run(time.perf_counter() - start, len(texts), tokens)


def in_process(settings: Settings, texts: list[str], tokens: int) -> Run:
    """(b) cleaning, NLP, entities and claims in this process: no queue, no database."""
    nlp = load_configured_nlp(settings)
    load_language_model()  # as a worker process does when it starts
    start = time.perf_counter()
    for n, text in enumerate(texts):
        process(RawArticle(id=str(n), text=text), nlp)
    return Run(time.perf_counter() - start, len(texts), tokens)


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def pool_pids(parent: int) -> list[int]:
    try:
        children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in children]


_OUTCOMES = sql("SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM failures)")


def stored(database_url: str) -> int:
    """Articles stored plus failures recorded: two index-only counts, cheap enough to poll 10 times a
    second without taking CPU from the workers being measured."""
    with session_scope(database_url) as session:
        return int(session.execute(_OUTCOMES).scalar_one())


def end_to_end(
    broker: str, database_url: str, texts: list[str], tokens: int, concurrency: int, log: Path, tag: str
) -> Run:
    """(c)/(d) enqueue → Redis → `newsworker worker` processes → committed rows; model load excluded."""
    clear_queue(broker)
    worker = WorkerProcess(broker, database_url, concurrency, {"LOG_LEVEL": "INFO"}, log)
    try:
        with Producer(broker) as producer:
            for n in range(concurrency * 2):  # warm-up: every pool process has its model loaded
                producer.enqueue({"id": f"warm-{tag}-{n}", "text": texts[n] + f"\n\nWarm-up {tag} {n}."})
            wait_for(lambda: stored(database_url) >= concurrency * 2, 300, what="warm-up")
            base = stored(database_url)
            peak: dict[int, float] = {}
            start = time.perf_counter()
            feed = (
                FeedItem(f"{tag}-{n}", {"id": f"{tag}-{n}", "text": text + f"\n\nRun {tag}."})
                for n, text in enumerate(texts)
            )
            for _sent in producer.enqueue_feed(feed):  # a crawler's bulk path: pipelined batches
                pass

            def done() -> bool:
                for pid in pool_pids(worker.process.pid):
                    peak[pid] = max(peak.get(pid, 0.0), rss_mb(pid))
                return stored(database_url) - base >= len(texts)

            wait_for(done, 3600, interval=0.1, what="all articles committed")
            seconds = time.perf_counter() - start
        final = max((rss_mb(p) for p in pool_pids(worker.process.pid)), default=0.0)
    finally:
        worker.stop()
    return Run(seconds, len(texts), tokens, max(peak.values(), default=0.0), final)


def task_overheads(log: Path) -> list[float]:
    """Per-article ms spent in the task outside the pipeline (queue decode, validation, database)."""
    out = []
    for line in log.read_text(errors="replace").splitlines():
        if '"article stored"' not in line:
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "overhead_ms" in entry:
            out.append(float(entry["overhead_ms"]))
    return out


@dataclass(frozen=True, slots=True)
class Growth:
    """RSS of each worker process over a long run: the mean over the first and the last fifth of it."""

    articles: int
    seconds: float
    first_fifth_mb: dict[int, float]
    last_fifth_mb: dict[int, float]
    peak_mb: dict[int, float]

    def growth(self, pid: int) -> float:
        return self.last_fifth_mb[pid] / self.first_fifth_mb[pid] - 1


def memory_growth(broker: str, database_url: str, texts: list[str], concurrency: int, log: Path) -> Growth:
    """Enqueue every text and sample each pool process's RSS until all are committed. Children are not
    recycled during the run (WORKER_MAX_TASKS_PER_CHILD above its length), so growth is the process's own."""
    clear_queue(broker)
    env = {"LOG_LEVEL": "WARNING", "WORKER_MAX_TASKS_PER_CHILD": str(len(texts) + 1000)}
    worker = WorkerProcess(broker, database_url, concurrency, env, log)
    samples: list[tuple[int, dict[int, float]]] = []
    try:
        with Producer(broker) as producer:
            start = time.perf_counter()
            for _sent in producer.enqueue_feed(
                FeedItem(f"growth-{n}", {"id": f"growth-{n}", "text": text}) for n, text in enumerate(texts)
            ):
                pass

            def done() -> bool:
                count = stored(database_url)
                samples.append((count, {pid: rss_mb(pid) for pid in pool_pids(worker.process.pid)}))
                return count >= len(texts)

            wait_for(done, 6 * 3600, interval=1.0, what="all articles committed")
            seconds = time.perf_counter() - start
    finally:
        worker.stop()
    fifth = len(texts) / 5

    def mean_rss(lo: float, hi: float) -> dict[int, float]:
        window = [rss for count, rss in samples if lo <= count < hi]
        pids = {pid for rss in window for pid in rss}
        return {pid: sum(r[pid] for r in window if pid in r) / max(1, sum(pid in r for r in window)) for pid in pids}

    peaks: dict[int, float] = {}
    for _count, rss in samples:
        for pid, mb in rss.items():
            peaks[pid] = max(peaks.get(pid, 0.0), mb)
    first, last = mean_rss(0, fifth), mean_rss(len(texts) - fifth, len(texts) + 1)
    both = set(first) & set(last)
    return Growth(len(texts), seconds, {p: first[p] for p in both}, {p: last[p] for p in both}, peaks)
