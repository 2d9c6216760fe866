"""The Participants page and what only it uses."""
