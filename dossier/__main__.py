"""`python -m dossier` works like the `dossier` command."""

import sys

from dossier.cli import run

sys.exit(run())
