"""`python -m benchlearn …` runs the command-line interface."""

import sys

from benchlearn.cli import main

sys.exit(main())
