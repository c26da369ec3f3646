"""Fault scenarios against real processes and throwaway servers: `make faults` (python -m tests.faults)."""
