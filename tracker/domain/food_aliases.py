"""Everyday, British and American food names that SR28's descriptions do not use.

SR28 names foods the way a US laboratory catalogue does ("Rutabagas, raw",
"Peas, edible-podded"); people type "swede" or "mangetout". Each alias below
pairs the name people use with the words SR28 uses for that food. A food
whose description (or SR28 common name) holds every one of those words is
also found under the alias, which search reads as one more common name.

Where each correspondence comes from (the tag after each entry):

- W: Wikipedia, "International English food terms", the table of US, Canadian,
  UK and Australian names (https://en.wikipedia.org/wiki/International_English_food_terms).
- MED: Macmillan English Dictionary, MED Magazine issue 16 (February 2004),
  "Food and Cooking in American and British English".
- VL: Vegetarian Living's list of UK and US ingredient names, as reprinted in
  "US vs. UK: Recipe terms" (boiledwords.blogspot.com, January 2013).
- HP: "An American's Guide For Buying British Produce", HuffPost (2014).
- MM: "UK-US glossary of terms", Mad About Macarons (madaboutmacarons.com).
- OCF: Alan Davidson, The Oxford Companion to Food (2014), entries "shrimp"
  and "prawn".
- ET: "Fish and Chips... But Which Chips? A Guide to UK-US Food Terms"
  (english-trainer.de).
- UK15: "The US and UK Way to Say 15 Food Names" (i929fm.com).

The SR28 side is our reading of SR28's own descriptions for the food each
source names; it is a list of words, not a phrase, because SR28 puts the
noun first ("Beef, ground" for ground beef).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tracker.domain.search_text import QueryWord, singular, words

SOURCES: dict[str, str] = {
    "W": "Wikipedia, International English food terms",
    "MED": "Macmillan English Dictionary, MED Magazine 16 (2004), Food and Cooking in "
           "American and British English",
    "VL": "Vegetarian Living, UK and US ingredient names (reprinted 2013)",
    "HP": "HuffPost, An American's Guide For Buying British Produce (2014)",
    "MM": "Mad About Macarons, UK-US glossary of terms",
    "OCF": "Davidson, The Oxford Companion to Food (2014): shrimp, prawn",
    "ET": "english-trainer.de, A Guide to UK-US Food Terms",
    "UK15": "The US and UK Way to Say 15 Food Names",
}


@dataclass(frozen=True)
class Alias:
    """``name`` (what people type) stands for foods whose description holds all of ``sr28``.

    ``source`` holds the tags, separated by spaces, of the glossaries listing the pair.
    """

    name: str
    sr28: str
    source: str


ALIASES: tuple[Alias, ...] = (
    # Vegetables and herbs.
    Alias("rocket", "arugula", "HP VL"),
    Alias("aubergine", "eggplant", "MED"),
    Alias("courgette", "squash summer zucchini", "W"),
    Alias("marrow", "squash summer", "W"),
    Alias("swede", "rutabaga", "VL"),
    Alias("mangetout", "peas edible podded", "VL"),
    Alias("mange tout", "peas edible podded", "VL"),
    Alias("snow peas", "peas edible podded", "W"),
    Alias("salad onion", "onions spring scallions", "HP"),
    Alias("green onion", "onions spring scallions", "W"),
    Alias("beetroot", "beets", "MM"),
    Alias("broad beans", "broadbeans", "VL"),
    Alias("fava beans", "broadbeans", "VL"),
    Alias("celery root", "celeriac", "VL"),
    Alias("haricot beans", "beans navy", "W"),
    Alias("french beans", "beans snap green", "VL"),
    Alias("runner beans", "beans snap green", "VL"),
    Alias("string beans", "beans snap green", "VL"),
    Alias("silverbeet", "chard swiss", "W"),
    Alias("capsicum", "peppers sweet", "W"),
    Alias("bell pepper", "peppers sweet", "W"),
    Alias("chilli", "peppers hot chili", "W"),
    Alias("chillies", "peppers hot chili", "W"),
    Alias("sweetcorn", "corn sweet", "W"),
    Alias("gherkin", "pickles cucumber", "W"),
    Alias("rockmelon", "melons cantaloupe", "W"),
    Alias("jacket potato", "potatoes baked flesh skin", "ET"),
    Alias("chips", "potatoes french fried", "W"),
    Alias("chips", "fast foods potato french fried", "W"),
    Alias("french fries", "potatoes french fried", "W"),
    Alias("french fries", "fast foods potato french fried", "W"),
    Alias("fries", "potatoes french fried", "W"),
    Alias("fries", "fast foods potato french fried", "W"),
    Alias("crisps", "snacks potato chips", "W"),
    # Meat, fish and dairy.
    Alias("mince", "beef ground", "W"),
    Alias("minced beef", "beef ground", "W"),
    Alias("minced meat", "beef ground", "W"),
    Alias("minced pork", "pork ground", "W"),
    Alias("minced lamb", "lamb ground", "W"),
    Alias("minced turkey", "turkey ground", "W"),
    Alias("minced chicken", "chicken ground", "W"),
    Alias("prawn", "crustaceans shrimp", "OCF MED"),
    Alias("gammon", "pork cured ham", "UK15"),
    Alias("full fat milk", "milk whole", "W"),
    Alias("full cream milk", "milk whole", "W"),
    Alias("semi skimmed milk", "milk reduced fat 2", "W"),
    Alias("skimmed milk", "milk nonfat", "W"),
    Alias("double cream", "cream heavy whipping", "MM"),
    Alias("single cream", "cream light coffee", "MM"),
    # Baking, sugar and store cupboard.
    Alias("icing sugar", "sugars powdered", "MM"),
    Alias("confectioners sugar", "sugars powdered", "VL"),
    Alias("caster sugar", "sugars granulated", "MM"),
    Alias("demerara sugar", "sugars brown", "MM"),
    Alias("muscovado sugar", "sugars brown", "MM"),
    Alias("treacle", "molasses", "VL"),
    Alias("black treacle", "molasses", "VL"),
    Alias("cornflour", "cornstarch", "VL"),
    Alias("bicarbonate of soda", "leavening agents baking soda", "VL"),
    Alias("bicarb", "leavening agents baking soda", "VL"),
    Alias("plain flour", "wheat flour white all purpose", "W"),
    Alias("strong flour", "wheat flour white bread", "W"),
    Alias("self raising flour", "wheat flour white self rising", "W"),
    Alias("wholemeal flour", "wheat flour whole grain", "W"),
    Alias("polenta", "cornmeal", "VL"),
    Alias("rapeseed oil", "oil canola", "VL"),
    Alias("groundnut oil", "oil peanut", "VL"),
    Alias("soya milk", "soymilk", "VL"),
    Alias("soya beans", "soybeans", "VL"),
    Alias("chick peas", "chickpeas", "VL"),
    Alias("tomato puree", "tomato products paste", "MM"),
    Alias("ground almonds", "nuts almonds", "MM"),
    Alias("stock cube", "soup bouillon", "W"),
    Alias("tomato sauce", "catsup", "W"),
    Alias("sultanas", "raisins golden", "W"),
    # Sweets, snacks and drinks.
    Alias("biscuit", "cookies", "ET"),
    Alias("sweets", "candies", "W"),
    Alias("jelly", "gelatin desserts", "ET"),
    Alias("jello", "gelatin desserts", "W"),
    Alias("ice lolly", "frozen novelties ice", "W"),
    Alias("popsicle", "frozen novelties ice", "W"),
    Alias("apple crumble", "desserts apple crisp", "W"),
    Alias("fizzy drink", "beverages carbonated", "W"),
    Alias("soft drink", "beverages carbonated", "W"),
    Alias("soda", "beverages carbonated", "W"),
    Alias("porridge", "cereals oats cooked", "W"),
    Alias("porridge", "cereals oats prepared water", "W"),
    Alias("muesli", "cereals ready to eat granola", "UK15"),
    Alias("mac and cheese", "macaroni and cheese", "W"),
)


# Words spelt or named differently that stand for the same word wherever they
# appear ("tinned tuna" is canned tuna); a query word also matches these.
# Tags as above, plus SP: Wikipedia, "American and British English spelling
# differences" (-our/-or, -ogh-/-og-, -lli/-li).
WORD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "tinned": ("canned",),  # W
    "soya": ("soy",),  # VL
    "maize": ("corn",),  # W
    "wholemeal": ("wholewheat",),  # W: wholemeal bread is whole-wheat bread
    "skimmed": ("skim",),  # W
    "yoghurt": ("yogurt",),  # SP
    "chilli": ("chili",),  # SP
    "flavour": ("flavor",),  # SP
    "flavoured": ("flavored",),  # SP
    "savoury": ("savory",),  # SP
}
SYNONYM_SOURCES: dict[str, str] = {
    "SP": "Wikipedia, American and British English spelling differences",
}


def _forms(text: str) -> frozenset[str]:
    return frozenset(singular(word) for word in words(text))


def _naming_words(name: str) -> frozenset[str]:
    """The words of a description's first part, outside brackets: "Broadbeans (fava beans)"."""
    first = name.split(",", 1)[0]
    return _forms(re.sub(r"\([^)]*\)?", " ", first))


@functools.cache
def _rules() -> tuple[tuple[frozenset[str], frozenset[str], str], ...]:
    return tuple((_forms(alias.sr28), _forms(alias.name), alias.name) for alias in ALIASES)


def aliases_for(name: str, common_names: Iterable[str] = (), *,
                described: bool = True) -> tuple[str, ...]:
    """The aliases for the food described as ``name`` (with SR28 ``common_names``).

    An alias applies when its SR28 words are among the food's words and, for
    an SR28-style ``described`` name, include every word of the first part,
    the part naming the food: "whole milk" names "Milk, whole" but only
    qualifies "Cheese, mozzarella, whole milk". A person's own names ("Arugula
    and pear salad") have no such parts, so holding the words is enough. An
    alias the food already spells out is left out.
    """
    have = _forms(name).union(*(_forms(text) for text in common_names))
    naming = _naming_words(name) if described else frozenset()
    found: dict[str, None] = {}
    for needed, spelled, alias in _rules():
        if needed <= have and naming <= needed and not spelled <= have:
            found[alias] = None
    return tuple(found)


def with_synonyms(parsed: Sequence[QueryWord]) -> list[QueryWord]:
    """``parsed`` with each word also accepting its ``WORD_SYNONYMS``."""
    out = []
    for word in parsed:
        extra = tuple(singular(w) for w in WORD_SYNONYMS.get(word.text, ()))
        out.append(QueryWord(word.text, (*word.forms, *extra), word.prefix) if extra else word)
    return out
