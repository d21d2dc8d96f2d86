"""Saving a chart as a PNG file, from the GUI or directly from code and tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from tracker.domain.errors import UserError


def save_widget_png(widget: QWidget, path: str | Path) -> Path:
    """Render ``widget`` as it looks on screen into a PNG at ``path``."""
    target = Path(path)
    if target.suffix.lower() != ".png":
        target = target.with_name(target.name + ".png")
    if not widget.grab().save(str(target), "PNG"):
        raise UserError(f"Could not save the chart to {target}. Check the folder exists "
                        "and you can write to it.")
    return target


def ask_and_save_png(widget: QWidget, suggested_name: str) -> Path | None:
    """Ask where to save, then save; None when the person cancels."""
    path, _ = QFileDialog.getSaveFileName(widget, "Save chart as PNG", suggested_name,
                                          "PNG image (*.png)")
    if not path:
        return None
    return save_widget_png(widget, path)
