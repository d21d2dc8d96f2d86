"""Reference tables, styles and icons installed with the app."""
