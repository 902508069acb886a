"""`python -m zi_dashboard …`."""

import sys

from zi_dashboard.cli import main

sys.exit(main())
