"""Nutrient Tracker: an offline diary relating diet to leg twitching and cramps."""

__version__ = "0.1.0"
