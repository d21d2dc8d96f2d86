"""Build the standalone Linux folder ``dist/nutrient-tracker/`` with PyInstaller.

Run from an environment where the app is installed normally (not editable) with
the packaging extra: ``pip install '.[package]' && python packaging/build.py``.
The folder holds the ``nutrient-tracker`` executable with Python, Qt and every
library inside, the food data, reference tables, fonts, a .desktop entry and
icons; ``--archive`` also packs it as ``dist/nutrient-tracker-VERSION-linux-x86_64.tar.gz``.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
APP = "nutrient-tracker"

README = """\
Nutrient Tracker {version}, standalone build for Linux ({machine})

Run it:           ./nutrient-tracker
Add to the menu:  ./nutrient-tracker --install-desktop-entry
Command line:     ./nutrient-tracker --help   (search, log, day, export, ...)

Nothing needs installing: Python, Qt and the food data are inside this folder.
Keep the folder together; move it where you like and run --install-desktop-entry
again from the new place. Your diary is kept apart from this folder, in
~/.local/share/nutrient-tracker/, so replacing the folder with a newer build
keeps it.
"""


def _version() -> str:
    from importlib.metadata import version

    return version(APP)


def build(dist: Path, work: Path) -> Path:
    # -P and a working folder outside the checkout: the checkout's tracker/ (which
    # has no resources/ inside) must not shadow the installed package being frozen.
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-P", "-m", "PyInstaller", "--noconfirm",
                    "--log-level", "WARN", "--distpath", str(dist.resolve()),
                    "--workpath", str(work.resolve()), str(HERE / f"{APP}.spec")],
                   check=True, cwd=work)
    folder = dist / APP
    share = folder / "share"
    icons = ROOT / "resources" / "icons"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "resources" / f"{APP}.desktop",
                    share / "applications" / f"{APP}.desktop")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(icons / f"{APP}.svg", scalable / f"{APP}.svg")
    for size in (48, 128, 256):
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icons / f"{APP}-{size}.png", target / f"{APP}.png")
    (folder / "README.txt").write_text(
        README.format(version=_version(), machine=platform.machine()), encoding="utf-8")
    return folder


def archive(folder: Path) -> Path:
    name = f"{APP}-{_version()}-linux-{platform.machine()}.tar.gz"
    target = folder.parent / name
    with tarfile.open(target, "w:gz") as tar:
        tar.add(folder, arcname=APP)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--archive", action="store_true", help="also make a .tar.gz")
    args = parser.parse_args()
    folder = build(args.dist, args.work)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"built {folder} ({size / 1e6:.0f} MB)")
    if args.archive:
        print(f"packed {archive(folder)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
