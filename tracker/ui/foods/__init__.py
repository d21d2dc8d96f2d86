"""Finding and describing foods: search, portions and the user's own foods."""
