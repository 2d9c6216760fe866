"""Benchmarks: a synthetic caseload generator and timings against a bare Qt baseline."""
