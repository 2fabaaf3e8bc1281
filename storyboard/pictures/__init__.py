"""Pictures without the database: the illustration library, OpenMoji, photo cleaning, scenes."""
