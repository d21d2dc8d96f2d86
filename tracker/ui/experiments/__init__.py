"""Self-experiments in the window: planning, the day's phase banner and the result."""
