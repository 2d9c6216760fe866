"""Dialogs of the shell: unlocking, creating a workspace, passphrases, a new case."""
