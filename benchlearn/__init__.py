"""Benchlearn: municipal benchlearning — an indicator store, a comparison engine and a dashboard."""

__version__ = "0.1.0"
