"""Dagster definitions for jane-synth: load with ``dagster dev -m pipelines.definitions``."""
