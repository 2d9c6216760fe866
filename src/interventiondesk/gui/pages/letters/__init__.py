"""The Letters page and what only it uses."""
