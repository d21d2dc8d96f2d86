"""Held-out search queries: British, everyday and run-together names, with the SR28 foods meant.

This set was written before the name glossary (``tracker/domain/food_aliases.py``)
and compound matching existed, and it is never used to tune them: the tuning
cases live in ``search_cases.py``. The expected foods were chosen by reading
SR28 descriptions for what the query means (a British "swede" is SR28's
"Rutabagas"), not by looking at what search returns. ``test_search_quality``
measures the share found at the top and fails if it drops below what was
first measured.

``within`` follows ``search_cases.Case``: 1 means the first result must be
one of ``expected``.
"""

from __future__ import annotations

from tests.search_cases import Case, case

GROUND_BEEF = ("23220", "13498", "23472", "23477", "23557", "23562", "23567", "23572",
               "23577", "13317")
CURED_HAM = ("10134", "10136", "10153", "10183", "10185", "10871", "10879", "10883")
SOYMILK = ("16120", "16139", "16166", "16168", "16222", "16225", "16227", "16228")
FIZZY = ("14121", "14136", "14142", "14143", "14144", "14145", "14146", "14147", "14148",
         "14149", "14150", "14151", "14153", "14155", "14157", "14400", "14416")
FRENCH_FRIES = ("11403", "11360", "11402", "21138", "11359", "11394", "11395")
VANILLA_ICE_CREAM = ("19095", "19088", "19089", "19090", "19096", "19270")

HELD_OUT: tuple[Case, ...] = (
    # British names (UK column of the glossaries) for foods SR28 names the US way.
    case("aubergine", "11209", "11210"),
    case("courgette", "11477", "11478"),
    case("beetroot", "11080", "11081"),
    case("broad beans", "11088", "11089", "16052", "16053", "11973"),
    case("double cream", "01053"),
    case("single cream", "01050"),
    case("cornflour", "20027"),
    case("bicarbonate of soda", "18372"),
    case("treacle", "19304"),
    case("rapeseed oil", "04582"),
    case("haricot beans", "16037", "16038", "16039"),
    case("semi-skimmed milk", "01079"),
    case("skimmed milk", "01085", "01151"),
    case("jacket potato", "11674", "11828"),
    case("porridge", "08121", "08123"),
    case("sweetcorn", "11167", "11168", "11172", "11178"),
    case("mince", *GROUND_BEEF),
    case("gammon", *CURED_HAM),
    case("soya milk", *SOYMILK),
    case("wholemeal bread", "18075", "18077"),
    case("sultanas", "09297"),
    case("tinned tuna", "15121", "15119"),
    case("runner beans", "11052", "11053"),
    case("chilli", "11819", "11670"),
    case("fizzy drink", *FIZZY),
    case("ice lolly", "19283", "19280"),
    case("yoghurt", "01116", "01117", "01118"),
    # Everyday US names SR28 does not use.
    case("french fries", *FRENCH_FRIES),
    case("fries", *FRENCH_FRIES),
    case("mac and cheese", "22959", "32005", "22247", "22960", "22919", "22970"),
    case("jello", "19173", "19172"),
    case("popsicle", "19283"),
    case("green onion", "11291"),
    case("bell pepper", "11821", "11333", "11951"),
    case("string beans", "11052", "11053"),
    # Words written apart that SR28 writes together, and the reverse.
    case("pine apple", "09266"),
    case("water melon", "09326"),
    case("icecream", *VANILLA_ICE_CREAM),
    case("peanutbutter", "16098", "16397", "16398", "16167", "16150"),
    case("blue berries", "09050"),
    case("butter milk", "01088", "01230", "42189"),
    case("corn meal", "20020", "20022", "20320", "20322"),
    case("cheese cake", "18147"),
    case("hotdog", "07022", "07024", "07025", "07905", "21118"),
    case("pop corn", "19034", "19035"),
    case("grape fruit", "09111", "09112", "09116"),
    case("wholewheat pasta", "20125", "20124"),
    case("wholegrain flour", "20080"),
    case("sweetpotato", "11507", "11508", "11510"),
    case("oat meal", "08120", "08121"),
    case("straw berries", "09316"),
)
