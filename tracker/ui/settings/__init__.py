"""The person's profile and the app's settings."""
