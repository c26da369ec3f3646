"""The pure core of newsworker: clean → nlp → entities → claims over frozen dataclasses.

Nothing in this package imports Celery, SQLAlchemy or Redis; every stage is testable on strings.
"""

PIPELINE_VERSION = "1"
