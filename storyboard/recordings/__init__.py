"""Recordings of a parent reading the story: checked and cleaned where they come in."""
