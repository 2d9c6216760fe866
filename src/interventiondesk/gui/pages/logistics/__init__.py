"""The Logistics page and what only it uses."""
