"""Pure functions from a finished session to a score that explains itself."""
