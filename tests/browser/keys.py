"""The keyboard alone: move the focus with Tab as a person would, and check at every stop that
the focus can be seen (an outline or a box shadow on the element, or on the box it stands for).
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const shows = x => {
    if (!x) return false;
    const s = getComputedStyle(x);
    return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
      || (s.boxShadow && s.boxShadow !== "none");
  };
  // A hidden input's focus is drawn on what shows it (a scale's number, a photo's button).
  const visible = shows(e) || shows(e.nextElementSibling);
  return {visible, what: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
    + " " + (e.getAttribute("aria-label") || e.textContent || "").trim().slice(0, 40)};
}"""


def focus_shown(page: Page) -> str:
    """The focused element, after checking its focus is visible."""
    found = page.evaluate(_FOCUS)
    assert found, "nothing has the focus"
    assert found["visible"], f"the focus cannot be seen on {found['what']}"
    return found["what"]


def tab_to(page: Page, target: Locator, limit: int = 60, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until `target` has the focus, checking each stop shows it."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate("() => document.activeElement !== document.body"):
            focus_shown(page)
        if target.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def type_into(page: Page, target: Locator, text: str) -> None:
    """Tab to a field and type into it."""
    tab_to(page, target)
    page.keyboard.type(text)
