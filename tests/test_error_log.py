"""The error log: a traceback and versions in the user's log folder, private, rotating."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracker import error_log


def _raise_and_log(message: str) -> Path:
    try:
        raise RuntimeError(message)
    except RuntimeError as exc:
        return error_log.log_exception(exc, "a test slot")


def test_the_log_lives_in_the_user_log_folder_and_holds_the_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = _raise_and_log("boom 1")
    assert path == tmp_path / "state" / "nutrient-tracker" / "log" / "errors.log"
    text = path.read_text(encoding="utf-8")
    assert "unexpected error in a test slot" in text
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: boom 1" in text
    assert "_raise_and_log" in text
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_the_log_rotates_and_keeps_three_old_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(error_log, "MAX_BYTES", 2000)
    for i in range(60):
        path = _raise_and_log(f"error number {i}")
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["errors.log", "errors.log.1", "errors.log.2", "errors.log.3"]
    assert "error number 59" in path.read_text(encoding="utf-8")
    assert all(p.stat().st_size < 4000 for p in path.parent.iterdir())
