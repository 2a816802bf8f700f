"""`python -m dossier` works like the `dossier` command."""

import sys

from dossier.cli import main

sys.exit(main())
