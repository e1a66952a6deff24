"""Helpers for tests and benchmarks: generated Argos-format packages (no torch, no download)."""
