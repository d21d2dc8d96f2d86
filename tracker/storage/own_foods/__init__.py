"""What the person defines to log: their own foods and the versions of each, recipes,
saved meals and supplement products."""
