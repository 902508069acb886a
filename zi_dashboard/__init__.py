"""ZI Dashboard: agents of change and Zona Integritas progress, from Excel rosters to briefings."""

__version__ = "0.1.0"
