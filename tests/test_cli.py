"""The `newsworker` command as users run it: extract, run (embedded default), export, --help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.articles import payload, wire_story

CLI = [sys.executable, "-m", "worker"]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BROKER_URL", "DATABASE_URL")}
    env.update(extra)
    return env


def newsworker(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], cwd=cwd, env=env or clean_env(), capture_output=True, text=True, timeout=timeout, input=stdin
    )


def test_help_lists_every_command(tmp_path: Path) -> None:
    out = newsworker("--help", cwd=tmp_path).stdout
    for command in ("extract", "enqueue", "worker", "run", "export", "failures", "replay", "migrate"):
        assert command in out


def test_extract_prints_one_record_per_input_in_order(tmp_path: Path) -> None:
    (tmp_path / "b-story.txt").write_text(wire_story(2))
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(payload(5)) + "\n" + json.dumps({"id": "broken"}) + "\n")
    result = newsworker("extract", str(tmp_path / "b-story.txt"), str(feed), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["b-story", "story-005", "broken"]
    first = records[0]
    assert "Click Here" not in first["text"] and "Leave a Reply" not in first["text"]
    for entity in first["entities"]:
        for mention in entity["mentions"]:
            assert first["text"][mention["start"] : mention["end"]] == mention["text"]
    assert records[2]["status"] == "failed" and "no body" in records[2]["error"]


@pytest.mark.slow
def test_run_with_no_configuration_processes_the_bundled_samples(tmp_path: Path) -> None:
    result = newsworker("run", cwd=tmp_path, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:] + result.stdout[-3000:]
    assert (tmp_path / "newsworker.db").exists()
    summary = result.stdout + result.stderr
    assert "articles stored" in summary
    exported = newsworker("export", cwd=tmp_path)
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(records) == 3
    assert all(r["status"] == "processed" and r["entities"] for r in records)
    assert sum(len(r["claims"]) for r in records) > 0
    cursor = records[0]["cursor"]
    resumed = newsworker("export", "--since", str(cursor), cwd=tmp_path)
    assert [json.loads(line)["cursor"] for line in resumed.stdout.splitlines()] == [r["cursor"] for r in records[1:]]
    assert f"next cursor: {records[-1]['cursor']}" in resumed.stderr


def test_enqueue_refuses_a_bad_article_with_exit_code_2(tmp_path: Path, broker: str) -> None:
    feed = tmp_path / "bad.jsonl"
    feed.write_text(json.dumps({"id": "x", "text": 5}) + "\n")
    result = newsworker("enqueue", str(feed), cwd=tmp_path, env=clean_env(BROKER_URL=broker))
    assert result.returncode == 2
    assert "rejected" in result.stderr and "0 articles enqueued" in result.stderr
    assert "1/1" in result.stderr and "1/?" not in result.stderr  # the stream's bar ends with its count
