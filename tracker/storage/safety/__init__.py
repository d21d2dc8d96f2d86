"""Keeping the diary safe: backups through SQLite and checks of a diary or backup file."""
