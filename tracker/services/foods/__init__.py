"""Foods a person logs: search, their own foods, recipes, saved meals, recent foods."""
