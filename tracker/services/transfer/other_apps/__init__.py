"""Bringing history in from other apps (Cronometer, Bearable): readers, the plan, the write."""
