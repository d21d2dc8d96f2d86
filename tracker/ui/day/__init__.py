"""One diary day: the entries table, the day factors and the totals beside them."""
