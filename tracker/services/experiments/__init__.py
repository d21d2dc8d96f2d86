"""Self-experiments: planning, running and judging an N-of-1 trial."""
