"""Entry point of the standalone build: the same command as the installed ``nutrient-tracker``."""

import multiprocessing

from tracker.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(main())
