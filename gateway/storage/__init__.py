"""The database: engines, tables, migrations."""
