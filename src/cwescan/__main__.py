"""`python -m cwescan` runs the command-line interface."""

from cwescan.cli import main

raise SystemExit(main())
