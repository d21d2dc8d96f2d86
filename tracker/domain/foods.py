"""Foods as the app sees them: per-100 g nutrient values and household portions."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Portion:
    """A household measure: ``amount`` ``description`` weighs ``grams`` (e.g. 1 cup = 30 g)."""

    amount: float
    description: str
    grams: float

    @property
    def label(self) -> str:
        amount = f"{self.amount:g}"
        return f"{amount} {self.description}"


@dataclass(frozen=True)
class Food:
    """A food with values per 100 g; ``None`` means the value is unknown, not zero."""

    id: str  # "sr28:11457" or "custom:<uuid hex>"
    name: str
    group: str
    nutrients: dict[str, float | None]
    portions: tuple[Portion, ...] = ()
    common_names: tuple[str, ...] = ()
    survey: bool = False
    beverage: bool = False

    @property
    def is_custom(self) -> bool:
        return self.id.startswith("custom:")

    def per_grams(self, key: str, grams: float) -> float | None:
        """Amount of nutrient ``key`` in ``grams`` of this food, or None if unknown."""
        value = self.nutrients.get(key)
        return None if value is None else value * grams / 100.0


@dataclass(frozen=True)
class FoodHit:
    """One search result, light enough to list thousands of."""

    id: str
    name: str
    group: str
    score: float = 0.0
    common_names: tuple[str, ...] = field(default=())
