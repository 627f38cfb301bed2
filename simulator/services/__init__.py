"""Use cases that combine content, detection and the engine: load everything, run a session."""
