"""Storage: the encrypted workspace, its keys, migrations and backups. No Qt here."""
