"""Keeping the diary safe: backups, recovery and the one-window lock."""
