"""Scoring the pipeline against hand labels of real reports."""
