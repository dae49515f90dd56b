"""Maintenance scripts of the repository (not installed with the library)."""
