"""Keeping the diary safe: backups and integrity checks."""
