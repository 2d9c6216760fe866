"""Use cases: plain functions over a SQLAlchemy Session, shared by the GUI, the CLI and tests."""
