"""Read-only and unreadable storage for tests, whoever runs the suite.

A read-only mount is made with a read-only bind mount of the folder over itself,
inside a private mount namespace (``unshare``), so nothing outside the command
sees it; an administrator can do that directly, anyone else through a user
namespace. Where neither is possible, a folder whose write bits are cleared is
read-only for anyone but an administrator. An administrator reads every file
whatever its mode, so "cannot read" runs the command without the capabilities
that override file permissions (``setpriv``).
"""

from __future__ import annotations

import functools
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

CLI = "import sys; from tracker.cli.main import main; sys.exit(main())"
_NO_OVERRIDE = ("setpriv", "--bounding-set=-dac_override,-dac_read_search")


def cli_command(*argv: str) -> list[str]:
    """The ``nutrient-tracker`` command run by this interpreter (the installed package)."""
    return [sys.executable, "-P", "-c", CLI, *argv]


def run(command: Sequence[str], env: dict[str, str] | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), capture_output=True, text=True, timeout=timeout,
                          env=env, check=False)


def is_admin() -> bool:
    return os.geteuid() == 0


def without_permission_override(command: Sequence[str]) -> list[str]:
    """``command`` for which mode bits apply, even when the suite runs as an administrator."""
    if is_admin():
        assert shutil.which("setpriv"), "setpriv (util-linux) is needed to drop capabilities"
        return [*_NO_OVERRIDE, *command]
    return list(command)


@functools.cache
def _namespace_prefix() -> tuple[str, ...] | None:
    """An ``unshare`` that lets its command mount, or None where none does."""
    if not shutil.which("unshare"):
        return None
    for prefix in (("unshare", "--mount"), ("unshare", "--mount", "--map-root-user")):
        probe = run([*prefix, "sh", "-c", "mount --bind / / 2>/dev/null || exit 3"], timeout=30)
        if probe.returncode == 0:
            return prefix
    return None


def can_mount() -> bool:
    return _namespace_prefix() is not None


def on_read_only_mount(folder: Path, command: Sequence[str]) -> list[str]:
    """``command`` run where ``folder`` is a read-only bind mount of itself.

    Falls back to clearing the folder's write bits (which the caller must undo)
    when no mount namespace can be made; that only holds for a non-administrator.
    """
    prefix = _namespace_prefix()
    if prefix is None:
        assert not is_admin(), "an administrator without mount namespaces cannot test this"
        folder.chmod(0o555)
        return list(command)
    quoted = shlex.quote(str(folder))
    script = (f"mount --bind {quoted} {quoted} && mount -o remount,bind,ro {quoted} "
              '&& exec "$@"')
    return [*prefix, "sh", "-c", script, "read-only-mount", *command]
