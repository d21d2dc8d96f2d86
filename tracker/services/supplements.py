"""Use cases on supplement products; doses are logged through services.diary."""

from __future__ import annotations

from tracker.domain import validation
from tracker.domain.entries import SupplementProduct
from tracker.domain.errors import UserError
from tracker.domain.nutrients import IU_PER_UG_VITAMIN_D
from tracker.services.context import Context
from tracker.storage.own_foods import supplements as repo


def vitamin_d_ug(amount: float, unit: str) -> float:
    """Supplement labels give vitamin D in µg or IU; the diary keeps µg."""
    if unit.lower() == "iu":
        return amount / IU_PER_UG_VITAMIN_D
    if unit.lower() in ("ug", "µg", "mcg"):
        return amount
    raise UserError("Vitamin D unit must be µg or IU.", "vitamin_d")


def save_product(ctx: Context, product: SupplementProduct) -> SupplementProduct:
    """Create or edit a product; names are unique, ignoring case."""
    validation.check_supplement_product(product)
    product = SupplementProduct(product.name.strip(), dict(product.per_unit),
                                product.unit_label.strip(), id=product.id)
    existing = repo.product_by_name(ctx.diary.conn, product.name)
    if existing is not None and existing.id != product.id:
        raise UserError(f"A supplement named {product.name!r} already exists.", "name")
    with ctx.diary.write() as conn:
        repo.put_product(conn, product)
    return product


def products(ctx: Context) -> list[SupplementProduct]:
    return repo.all_products(ctx.diary.conn)


def product_named(ctx: Context, name: str) -> SupplementProduct:
    found = repo.product_by_name(ctx.diary.conn, name)
    if found is None:
        known = ", ".join(p.name for p in products(ctx)) or "none yet"
        raise UserError(f"No supplement named {name!r} (known: {known}).", "product")
    return found


def delete_product(ctx: Context, product_id: str) -> None:
    if repo.doses_of(ctx.diary.conn, product_id):
        raise UserError("This supplement has logged doses; delete those first.")
    # Imported here, as the day view (which lists products) paints without them.
    from tracker.storage.experiments import uses_product
    from tracker.storage.own_foods import meals as meal_repo

    if uses_product(ctx.diary.conn, product_id):
        raise UserError("This supplement is tested in a self-experiment, which keeps it.")
    in_meals = meal_repo.using_product(ctx.diary.conn, product_id)
    if in_meals:
        raise UserError(f"This supplement is part of the saved meal(s) {', '.join(in_meals)}; "
                        "remove it from those first.")
    with ctx.diary.write() as conn:
        repo.delete_product(conn, product_id)
