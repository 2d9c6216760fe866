"""InterventionDesk: plan, run and hand off family interventions, encrypted at rest."""

__version__ = "0.1.0"
APP_NAME = "InterventionDesk"
