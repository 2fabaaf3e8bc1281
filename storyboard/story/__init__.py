"""The story: one typed model of a storyboard, its portable file, its hash and reading order.

Pure: nothing here imports Flask or the database.
"""
