"""The Celery app, its settings, the worker process lifecycle and the `newsworker` CLI."""
