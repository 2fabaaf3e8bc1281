"""Benchmarks (not tests); `servers` and `client` are shared with the crash-safety test."""
