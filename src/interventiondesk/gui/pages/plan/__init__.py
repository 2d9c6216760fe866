"""The Plan page and what only it uses."""
