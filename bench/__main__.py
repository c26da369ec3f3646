"""`python -m bench`: prints throughput ratios measured in one run (median of the repetitions)."""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

from bench.corpus import corpus
from bench.measure import Growth, Run, bare_spacy, end_to_end, in_process, memory_growth, task_overheads
from pipeline.nlp import limit_blas_threads
from tests.services import free_port, postgres_base_url, private_schema
from worker.embedded import EmbeddedRedis
from worker.settings import Settings, get_settings


def median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]


def row(name: str, run: Run, base: Run) -> str:
    ratio = run.tokens_per_s / base.tokens_per_s
    return (
        f"| {name} | {run.tokens_per_s:,.0f} | {run.articles_per_s:.2f} | {ratio:.3f} "
        f"| {run.peak_rss_mb:.0f} | {run.final_rss_mb:.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of the four runs (0: only --growth)")
    parser.add_argument("--corpus", type=Path, help="a folder of .txt articles instead of the generated corpus")
    parser.add_argument(
        "--growth",
        type=int,
        default=0,
        metavar="N",
        help="then run N articles through 2 worker processes and report RSS growth per process "
        "between the first and the last fifth of the run",
    )
    args = parser.parse_args()
    texts = (
        sorted(p.read_text(errors="replace") for p in sorted(args.corpus.glob("*.txt")))[: args.articles]
        if args.corpus
        else corpus(args.articles)
    )
    settings = get_settings()
    limit_blas_threads(settings.blas_threads)  # as in a worker process, for (a′) and (b)
    base_pg = postgres_base_url()
    if base_pg is None:
        raise SystemExit("make bench needs DATABASE_URL=postgresql://... (end-to-end runs commit to PostgreSQL)")
    results: dict[str, list[Run]] = {"a": [], "a2": [], "b": [], "c": [], "d": []}
    overheads: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, EmbeddedRedis(Path(tmp) / "redis", port=free_port()) as redis:
        for rep in range(args.repeat):
            results["a"].append(bare_spacy(settings.spacy_model, texts))
            tokens = results["a"][-1].tokens
            if settings.spacy_matmul != "blis":
                results["a2"].append(bare_spacy(settings.spacy_model, texts, settings.spacy_matmul))
            results["b"].append(in_process(settings, texts, tokens))
            for key, procs in (("c", 1), ("d", 2)):
                log = Path(tmp) / f"worker-{key}-{rep}.log"
                with private_schema(base_pg, "nw_bench") as url:
                    results[key].append(end_to_end(redis.url, url, texts, tokens, procs, log, f"{key}{rep}"))
                if key == "c":
                    overheads += task_overheads(log)
            print(
                f"repetition {rep + 1}/{args.repeat}: "
                + ", ".join(f"{k} {v[-1].tokens_per_s:,.0f} tok/s" for k, v in results.items() if v),
                flush=True,
            )
        if args.repeat:
            report(results, overheads, len(texts), settings)
        if args.growth:
            growth_texts = corpus(args.growth, offset=1_000_000)
            with private_schema(base_pg, "nw_growth") as url:
                run = memory_growth(redis.url, url, growth_texts, 2, Path(tmp) / "worker-growth.log")
            report_growth(run)


def report_growth(run: Growth) -> None:
    rate = run.articles / run.seconds
    print(f"\nmemory over {run.articles:,} articles, 2 worker processes, {rate:.2f} articles/s:\n")
    print("| worker process | mean RSS MB, first fifth | mean RSS MB, last fifth | growth | peak RSS MB |")
    print("|---|---|---|---|---|")
    for n, pid in enumerate(sorted(run.first_fifth_mb), 1):
        print(
            f"| {n} | {run.first_fifth_mb[pid]:.0f} | {run.last_fifth_mb[pid]:.0f} | {run.growth(pid):+.1%} "
            f"| {run.peak_mb[pid]:.0f} |"
        )


def report(results: dict[str, list[Run]], overheads: list[float], articles: int, settings: Settings) -> None:
    a, b, c, d = (median_run(results[k]) for k in "abcd")
    a2 = median_run(results["a2"]) if results["a2"] else None
    print(
        f"\n{articles} articles, {a.tokens:,} tokens, median of {len(results['a'])}; cores: {os.cpu_count()}; "
        f"SPACY_EXCLUDE={settings.spacy_exclude or '(none)'}; SPACY_MATMUL={settings.spacy_matmul}\n"
    )
    print("| run | tokens/s | articles/s | ÷ (a) | peak RSS MB | final RSS MB |")
    print("|---|---|---|---|---|---|")
    print(row("(a) bare en_core_web_sm nlp.pipe", a, a))
    if a2 is not None:
        print(row(f"(a′) the same on SPACY_MATMUL={settings.spacy_matmul}", a2, a))
    print(row("(b) newsworker pipeline in-process", b, a))
    print(row("(c) end-to-end, 1 worker process → PostgreSQL", c, a))
    print(row("(d) end-to-end, 2 worker processes → PostgreSQL", d, a))
    for name, top, bottom in (("(c)/(a)", "c", "a"), ("(d)/(c)", "d", "c"), ("(b)/(a)", "b", "a")):
        ratios = [t.tokens_per_s / u.tokens_per_s for t, u in zip(results[top], results[bottom], strict=True)]
        print(f"{name} per repetition: " + ", ".join(f"{r:.3f}" for r in ratios))
    per_article_ms = (c.seconds - b.seconds) / articles * 1000
    print(
        f"\n(c)/(a) = {c.tokens_per_s / a.tokens_per_s:.3f}   (d)/(c) = {d.tokens_per_s / c.tokens_per_s:.3f}   "
        f"(b)/(a) = {b.tokens_per_s / a.tokens_per_s:.3f}"
    )
    if a2 is not None:
        print(
            f"(c)/(a′) = {c.tokens_per_s / a2.tokens_per_s:.3f}   (b)/(a′) = {b.tokens_per_s / a2.tokens_per_s:.3f}"
            "   (the same matrix library on both sides)"
        )
    print(f"queue + database overhead per article, (c) − (b): {per_article_ms:.1f} ms")
    if overheads:
        print(
            f"in-task overhead (validation, delivery count, transaction), median: "
            f"{statistics.median(overheads):.1f} ms over {len(overheads)} tasks"
        )


if __name__ == "__main__":
    main()
