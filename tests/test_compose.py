"""docker-compose.yml is valid and keeps the shape scaling depends on (no engine runs here)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import yaml

from tests.services import ROOT, missing_service


@pytest.fixture(scope="module")
def compose_config() -> dict[str, object]:
    binary = shutil.which("docker-compose")
    if binary is None:
        missing_service("docker-compose is not installed (Debian package docker-compose)")
    run = subprocess.run([str(binary), "config"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    quiet = subprocess.run([str(binary), "config", "-q"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert quiet.returncode == 0, quiet.stderr
    return dict(yaml.safe_load(run.stdout))


def services(config: dict[str, object]) -> dict[str, dict[str, object]]:
    return dict(config["services"])  # type: ignore[arg-type]


def test_worker_can_be_scaled(compose_config: dict[str, object]) -> None:
    worker = services(compose_config)["worker"]
    assert "container_name" not in worker
    assert "ports" not in worker
    assert "inspect ping" in json.dumps(worker["healthcheck"])
    assert worker["command"] == ["worker"]


def test_worker_waits_for_healthy_services_and_migration(compose_config: dict[str, object]) -> None:
    depends = services(compose_config)["worker"]["depends_on"]
    assert depends["redis"]["condition"] == "service_healthy"  # type: ignore[index]
    assert depends["postgres"]["condition"] == "service_healthy"  # type: ignore[index]
    assert depends["migrate"]["condition"] == "service_completed_successfully"  # type: ignore[index]


def test_redis_keeps_the_queue_on_disk_and_never_evicts(compose_config: dict[str, object]) -> None:
    command = " ".join(services(compose_config)["redis"]["command"])  # type: ignore[arg-type]
    assert "--appendonly yes" in command
    assert "noeviction" in command


def test_stop_grace_outlasts_the_task_time_limit(compose_config: dict[str, object]) -> None:
    from worker.settings import Settings

    grace = str(services(compose_config)["worker"]["stop_grace_period"])
    assert int(grace.rstrip("s")) > Settings().task_time_limit


def test_containers_run_as_non_root_and_flower_needs_a_password(compose_config: dict[str, object]) -> None:
    svc = services(compose_config)
    assert svc["worker"]["user"] == "10001:10001"
    assert "FLOWER_BASIC_AUTH" in svc["flower"]["environment"]  # type: ignore[operator]
