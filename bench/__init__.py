"""Benchmarks for speed and memory targets (run `make bench`; see bench/README.md)."""
