"""Many dashboard workers over one PostgreSQL server behind nginx: `python -m benchlearn.cluster` (`make cluster`)."""
