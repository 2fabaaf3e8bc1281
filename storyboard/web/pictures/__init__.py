"""Pictures: the `pictures` blueprint, made in `views` (pages, photos, drawings), joined by `api`.

Importing the package imports both, so `bp` is complete; `api` imports `bp` from `views`,
never from here, so there is no import cycle.
"""

from storyboard.web.pictures import api, views

bp = views.bp
__all__ = ["api", "bp", "views"]
