"""Run InterventionDesk with ``python -m interventiondesk``."""

import sys

from interventiondesk.cli import main

sys.exit(main())
