"""Review before release: a dossier of proposals in SQLite that a reviewer decides on."""
