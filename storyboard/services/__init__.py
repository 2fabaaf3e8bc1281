"""The only code that uses the database. Services never read the request."""
