"""The error log: unexpected errors written to a small rotating file in the user's log folder.

Only what a developer needs to fix the fault goes in: the time, the app,
Python and platform versions, where it happened and the traceback. No diary
content, settings or paths of the person's files are added; the traceback is
the one thing that may carry a fragment of them. The handler is made on the
first error, so a start that meets none never opens the file.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
from pathlib import Path
from types import TracebackType

from tracker import __version__, config

LOG_NAME = "errors.log"
MAX_BYTES = 256 * 1024
BACKUP_COUNT = 3  # errors.log.1 .. .3 are kept, the oldest dropped
_LOGGER_NAME = "nutrient_tracker.errors"


def log_path() -> Path:
    return config.log_dir() / LOG_NAME


def _logger() -> logging.Logger:
    logger = logging.getLogger(_LOGGER_NAME)
    target = str(log_path())
    if any(getattr(h, "baseFilename", None) == target for h in logger.handlers):
        return logger
    from logging.handlers import RotatingFileHandler

    for old in list(logger.handlers):  # a test moved the log folder: follow it
        logger.removeHandler(old)
        old.close()
    folder = log_path().parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Owner-only from the first byte: a traceback may name what the person typed.
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600))
    handler = RotatingFileHandler(target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                  encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger


def log_exception(error: BaseException, where: str,
                  traceback: TracebackType | None = None) -> Path:
    """Write ``error`` with its traceback and versions; returns the log file's path."""
    logger = _logger()
    logger.error("unexpected error in %s (Nutrient Tracker %s, Python %s, %s)", where,
                 __version__, platform.python_version(), sys.platform,
                 exc_info=(type(error), error, traceback or error.__traceback__))
    for handler in logger.handlers:
        handler.flush()
    return log_path()
