"""Supplement products the person defines; their doses live with the other entries."""

from __future__ import annotations

import sqlite3

from tracker.domain.entries import SupplementProduct


def put_product(conn: sqlite3.Connection, product: SupplementProduct) -> None:
    """Insert or replace a product and its per-unit nutrient amounts."""
    conn.execute(
        "INSERT INTO supplement_product (id, name, unit_label) VALUES (?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, unit_label = excluded.unit_label",
        (product.id, product.name, product.unit_label))
    conn.execute("DELETE FROM supplement_nutrient WHERE product_id = ?", (product.id,))
    conn.executemany(
        "INSERT INTO supplement_nutrient (product_id, nutrient, per_unit) VALUES (?, ?, ?)",
        [(product.id, key, float(value)) for key, value in product.per_unit.items()])


def _load(conn: sqlite3.Connection, rows: list[tuple[str, str, str]]) -> list[SupplementProduct]:
    products = []
    for pid, name, unit_label in rows:
        per_unit = {k: v for k, v in conn.execute(
            "SELECT nutrient, per_unit FROM supplement_nutrient WHERE product_id = ? "
            "ORDER BY nutrient", (pid,))}
        products.append(SupplementProduct(name, per_unit, unit_label, id=pid))
    return products


def all_products(conn: sqlite3.Connection) -> list[SupplementProduct]:
    rows = conn.execute("SELECT id, name, unit_label FROM supplement_product "
                        "ORDER BY name COLLATE NOCASE").fetchall()
    return _load(conn, rows)


def product_by_id(conn: sqlite3.Connection, product_id: str) -> SupplementProduct | None:
    rows = conn.execute("SELECT id, name, unit_label FROM supplement_product WHERE id = ?",
                        (product_id,)).fetchall()
    found = _load(conn, rows)
    return found[0] if found else None


def product_by_name(conn: sqlite3.Connection, name: str) -> SupplementProduct | None:
    rows = conn.execute("SELECT id, name, unit_label FROM supplement_product "
                        "WHERE name = ? COLLATE NOCASE", (name.strip(),)).fetchall()
    found = _load(conn, rows)
    return found[0] if found else None


def delete_product(conn: sqlite3.Connection, product_id: str) -> bool:
    return conn.execute("DELETE FROM supplement_product WHERE id = ?",
                        (product_id,)).rowcount == 1


def doses_of(conn: sqlite3.Connection, product_id: str) -> int:
    return int(conn.execute("SELECT count(*) FROM supplement_dose WHERE product_id = ?",
                            (product_id,)).fetchone()[0])
