"""The scheduler process and its job catalogue."""
