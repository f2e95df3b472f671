"""Speed-budget benchmark of the dashboard: `python -m bench` (see bench/README.md)."""
