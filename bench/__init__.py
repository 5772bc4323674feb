"""Benchmarks run by hand (never by pytest): see the README's « Benchmarks » section."""
