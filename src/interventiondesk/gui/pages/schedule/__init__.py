"""The Schedule page and what only it uses."""
