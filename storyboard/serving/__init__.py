"""Serving the app: `storyboard serve` (gunicorn, for production) and HTTPS for `storyboard run`.

Nothing here is imported by the app itself: the commands load it when they run.
"""
