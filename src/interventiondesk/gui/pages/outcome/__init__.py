"""The Outcome & follow-up page and what only it uses."""
