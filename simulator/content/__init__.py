"""Loads and validates the data files instructors write; every error names FILE:LINE."""
