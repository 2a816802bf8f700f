"""Data exports: figures as JSON/CSV, the whole dossier as JSON."""
