"""Persistence: SQLAlchemy 2.0 models, repository functions (take a session, never commit), migrations."""
