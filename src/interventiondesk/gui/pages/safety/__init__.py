"""The Safety page and what only it uses."""
