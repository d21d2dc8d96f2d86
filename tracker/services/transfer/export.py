"""Export a period for a doctor visit: CSV files, a README and a one-page PDF, in a folder or .zip.

Every file is created readable by its owner only. The CSV files are also the
person's portable copy of the diary: ``tracker.services.transfer.importer`` reads them
back without loss.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.entries import Episode, SupplementDose
from tracker.domain.errors import UserError
from tracker.domain.foods import IMPORTED_PREFIX
from tracker.domain.validation import check_date
from tracker.services.context import Context
from tracker.services.foods.catalog import get_foods
from tracker.services.transfer import bundle_format as fmt
from tracker.services.transfer import bundle_imported, bundle_recipes
from tracker.services.transfer import export_tables as tables
from tracker.services.transfer.bundle_csv import Cell, render, render_cells, write_private
from tracker.storage import entries as entry_repo
from tracker.storage import profile as profile_repo
from tracker.storage.intake_rows import intake_rows
from tracker.storage.own_foods import custom_foods as custom_repo
from tracker.storage.own_foods import supplements as supplement_repo
from tracker.storage.private_files import fsync_dir, make_private_dir
from tracker.storage.transfer import entry_sources

Progress = Callable[[int, int], None]
DEFAULT_DAYS = 28
# A fixed timestamp inside the .zip, so the same diary always gives the same archive.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    files: tuple[str, ...]
    first: dt.date
    last: dt.date
    counts: dict[str, int]


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last four weeks, ending today."""
    last = today or dt.date.today()
    return last - dt.timedelta(days=DEFAULT_DAYS - 1), last


def check_period(first: dt.date, last: dt.date) -> None:
    check_date(first, "first")
    check_date(last, "last")
    if first > last:
        raise UserError(f"The period starts ({first}) after it ends ({last}).", "first")


def export_bundle(ctx: Context, first: dt.date, last: dt.date, out: Path | str, *,
                  as_zip: bool = False, progress: Progress | None = None) -> ExportResult:
    """Write the bundle for ``first`` to ``last`` to folder ``out`` (or ``out`` as a .zip)."""
    check_period(first, last)
    target = Path(out).expanduser()
    as_zip = as_zip or target.suffix.lower() == ".zip"
    if as_zip and target.suffix.lower() != ".zip":
        target = target.with_name(target.name + ".zip")
    _check_target(target, as_zip)
    steps = _Steps(progress, 10)
    files, counts = build_files(ctx, first, last, steps)
    try:
        if as_zip:
            _write_zip(target, files)
        else:
            _write_folder(target, files)
    except OSError as exc:
        raise UserError(f"The export could not be written to {target} "
                        f"({exc.strerror or exc}); choose another place.", "out") from exc
    steps.done()
    return ExportResult(target, tuple(files), first, last, counts)


class _Steps:
    """Reports progress as ``(done, total)`` after each finished part."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self._progress = progress
        self.total = total
        self.count = 0

    def step(self) -> None:
        self.count = min(self.count + 1, self.total - 1)
        if self._progress is not None:
            self._progress(self.count, self.total)

    def done(self) -> None:
        self.count = self.total
        if self._progress is not None:
            self._progress(self.total, self.total)


def build_files(ctx: Context, first: dt.date, last: dt.date, steps: _Steps | None = None
                ) -> tuple[dict[str, bytes], dict[str, int]]:
    """Every file of the bundle by name, in the order a reader meets them, and CSV row counts."""
    step = steps.step if steps else (lambda: None)
    conn = ctx.diary.conn
    files: dict[str, bytes] = {}
    counts: dict[str, int] = {}

    def put(name: str, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
        counts[name] = len(rows)
        files[name] = render(header, rows)

    intake = intake_rows(conn, first, last)
    foods = get_foods(ctx, {row[3] for row in intake.foods})
    step()
    from tracker.analysis.export_figures import SUMMARY_COLUMNS, summary_rows
    from tracker.services.totals import daily_frame

    frame = daily_frame(ctx, first, last)
    put(fmt.DAILY_SUMMARY_NAME, SUMMARY_COLUMNS, summary_rows(frame))
    step()
    sources = entry_sources.all_sources(conn)
    food_cells = tables.food_rows(intake.foods, foods, sources)
    counts[fmt.FOOD_LOG.name] = len(food_cells)
    files[fmt.FOOD_LOG.name] = render_cells(fmt.FOOD_LOG.columns, food_cells)
    step()
    put(fmt.WATER_LOG.name, fmt.WATER_LOG.columns, tables.water_rows(intake.water, sources))
    put(fmt.CAFFEINE_LOG.name, fmt.CAFFEINE_LOG.columns,
        tables.caffeine_rows(intake.caffeine, sources))
    step()
    products = supplement_repo.all_products(conn)
    put(fmt.SUPPLEMENT_LOG.name, fmt.SUPPLEMENT_LOG.columns,
        tables.dose_rows(intake.doses, {p.id: p for p in products}, sources))
    put(fmt.SUPPLEMENTS.name, fmt.SUPPLEMENTS.columns, tables.product_rows(products))
    from tracker.services.transfer.experiment_bundle import experiment_rows
    from tracker.storage.experiments import all_trials

    trials = all_trials(conn)
    put(fmt.EXPERIMENTS.name, fmt.EXPERIMENTS.columns,
        experiment_rows(trials, {p.id: p for p in products}))
    step()
    episodes = entry_repo.in_range(conn, Episode, first, last)
    put(fmt.EPISODES.name, fmt.EPISODES.columns, tables.episode_rows(episodes, sources))
    put(fmt.DAY_FACTORS.name, fmt.DAY_FACTORS.columns,
        tables.factor_rows(entry_repo.factors_in_range(conn, first, last)))
    step()
    custom = sorted(custom_repo.get_many(conn, custom_repo.all_ids(conn)).values(),
                    key=lambda f: (f.name.casefold(), f.id))
    put(fmt.CUSTOM_FOODS.name, fmt.CUSTOM_FOODS.columns,
        tables.custom_food_rows(custom, custom_repo.retired_ids(conn)))
    put(fmt.CUSTOM_FOOD_PORTIONS.name, fmt.CUSTOM_FOOD_PORTIONS.columns,
        tables.portion_rows(custom))
    for spec, rows in bundle_recipes.own_food_files(ctx, products):
        put(spec.name, spec.columns, rows)
    put(fmt.IMPORTED_FOODS.name, fmt.IMPORTED_FOODS.columns, bundle_imported.food_rows(
        conn, [f for i, f in foods.items() if i.startswith(IMPORTED_PREFIX)]))
    person = profile_repo.get_profile(conn)
    put(fmt.PROFILE.name, fmt.PROFILE.columns, tables.profile_rows(person))
    put(fmt.TARGETS.name, fmt.TARGETS.columns,
        tables.target_rows(profile_repo.target_overrides(conn)))
    step()
    from tracker.services.report.figures import report_pdf

    doses = entry_repo.in_range(conn, SupplementDose, first, last)
    files[fmt.REPORT_NAME] = report_pdf(ctx, frame, episodes, doses, products)
    step()
    from tracker.services.transfer.export_readme import readme_text

    files[fmt.README_NAME] = readme_text(
        first, last, person.reference_set if person else None).encode("utf-8")
    step()
    return files, counts


def _check_target(target: Path, as_zip: bool) -> None:
    if as_zip and target.is_dir():
        raise UserError(f"{target} is a folder; choose a name for the .zip file.", "out")
    if not as_zip and target.exists() and not target.is_dir():
        raise UserError(f"{target} is a file; choose a folder to export into.", "out")
    parent = target.parent
    if not parent.is_dir():
        raise UserError(f"The folder {parent} does not exist.", "out")


def _write_folder(target: Path, files: dict[str, bytes]) -> None:
    """Write every file, or leave nothing that looks like an export.

    The files go into a hidden folder first. A new folder is then renamed into
    place in one step; into a folder that exists, each finished file is moved.
    """
    existing = target.is_dir()
    partial = (target / f".export-{os.getpid()}.partial" if existing
               else target.with_name(f".{target.name}.{os.getpid()}.partial"))
    shutil.rmtree(partial, ignore_errors=True)
    make_private_dir(partial)
    try:
        for name, data in files.items():
            write_private(partial / name, data)
        if existing:
            for name in files:
                os.replace(partial / name, target / name)
            partial.rmdir()
        else:
            os.rename(partial, target)
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def _write_zip(target: Path, files: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, data)
    write_private(target, buffer.getvalue())
