"""The message contract producers use (task names, payload schema) and the thin Celery task shells.

Producers import only `tasks.contract`, `tasks.feeds` and `tasks.producer`: no spaCy, no database.
"""
