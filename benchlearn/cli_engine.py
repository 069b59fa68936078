"""CLI commands of the comparison engine: compare, profile, neighbours, composite."""
