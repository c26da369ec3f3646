"""Every error newsworker raises; the class says whether retrying can help."""

from __future__ import annotations


class NewsworkerError(Exception):
    """Base of all newsworker errors."""


class InvalidArticle(NewsworkerError):
    """Permanent: the article itself is unusable (no body, wrong type, too big). Recorded, never retried."""


class TransientFailure(NewsworkerError):
    """Temporary: a broker or database outage, a deadlock. Retried with backoff."""


class ConfigurationError(NewsworkerError):
    """The environment is wrong (bad URL, missing model). Fix the setting and restart."""
