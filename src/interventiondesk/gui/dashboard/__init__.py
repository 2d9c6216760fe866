"""The dashboard: what the counselor sees before opening a case."""
