"""Sessions kept with SQLAlchemy 2: SQLite in the user's data folder by default, any URL otherwise."""
