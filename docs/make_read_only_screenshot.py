"""README screenshot of a diary on a read-only disk: the real command in a real X window.

The diary is copied onto a read-only mount at /media/USB-STICK that exists only in a
private mount namespace (``unshare``; an administrator, or a user where user namespaces
are allowed), so nothing outside the command sees it. Run under a virtual X display:
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/make_read_only_screenshot.py
It writes docs/screenshots/read_only.png; the real diary, settings and logs are never touched.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots" / "read_only.png"
MOUNTED = "/media/USB-STICK"
_ON_READ_ONLY_STICK = f"""set -e
mount -t tmpfs -o mode=0755 tmpfs /media
mkdir {MOUNTED}
cp "$0" {MOUNTED}/diary.sqlite3
mount --bind {MOUNTED} {MOUNTED}
mount -o remount,bind,ro {MOUNTED}
exec "$@"
"""


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="nt-shots-"))
    env = dict(os.environ)
    for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[key] = os.environ[key] = str(home / key.lower())
    sys.path.insert(0, str(ROOT))
    from tests.test_e2e_xvfb import seed_day
    from tracker import config
    from tracker.services.context import Context
    from tracker.storage.diary import Diary

    diary_file = home / "diary.sqlite3"
    with Context(Diary.open(diary_file), config.cache_dir()) as ctx:
        seed_day(ctx, dt.date.today())
    env["NUTRIENT_TRACKER_SCREENSHOT"] = str(OUT)
    env.pop("QT_QPA_PLATFORM", None)  # the real X platform, not offscreen
    command = Path(sys.executable).with_name("nutrient-tracker")
    prefix = ["unshare", "--mount"] if os.geteuid() == 0 else [
        "unshare", "--mount", "--map-root-user"]
    done = subprocess.run([*prefix, "sh", "-c", _ON_READ_ONLY_STICK, str(diary_file),
                           str(command), "--db", f"{MOUNTED}/diary.sqlite3"],
                          env=env, check=False)
    if done.returncode == 0:
        print(f"wrote {OUT}")
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
