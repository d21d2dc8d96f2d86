"""The read-only food reference: SR28 foods, building its database, and searching it."""
