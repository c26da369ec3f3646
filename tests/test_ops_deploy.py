"""The compose file's Prometheus scrapes what the workers serve."""

from __future__ import annotations

from typing import Any

import yaml

from tests.services import ROOT


def test_prometheus_scrapes_every_worker_replica_on_its_metrics_port() -> None:
    compose: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    config: dict[str, Any] = yaml.safe_load((ROOT / "deploy" / "prometheus.yml").read_text())
    services = compose["services"]
    port = int(services["worker"]["environment"]["METRICS_PORT"])
    (job,) = config["scrape_configs"]

    assert "./deploy/prometheus.yml:/etc/prometheus/prometheus.yml:ro" in services["prometheus"]["volumes"]
    assert job["dns_sd_configs"] == [{"names": ["worker"], "type": "A", "port": port, "refresh_interval": "30s"}]
    assert "ports" not in services["worker"]  # replicas are scraped inside the network, never published
