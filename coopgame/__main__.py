"""``python -m coopgame`` runs the command line."""

from coopgame.cli import main

raise SystemExit(main())
