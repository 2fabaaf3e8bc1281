"""Review, worker side: the `review` blueprint, made in `views` and joined by `links`, `trail` and
`team_audit`.

Importing the package imports every module that adds routes, so `bp` is complete; the modules
import `bp` from `views`, never from here, so there is no import cycle.
"""

from storyboard.web.review import links, team_audit, trail, views

bp = views.bp
__all__ = ["bp", "links", "team_audit", "trail", "views"]
