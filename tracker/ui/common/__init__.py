"""Pieces every dialog shares: undo commands, error labels, form fields, task threads."""
