"""Text at 200%: a page laid out at half the width (a 384x512 screen at twice the pixels is a
768x1024 tablet with its text made twice as large) must not scroll sideways or clip words."""

from __future__ import annotations

from playwright.sync_api import Page

# The tablet at 200%: half its width and height in CSS pixels, each drawn with four.
ZOOMED = {"viewport": {"width": 384, "height": 512}, "device_scale_factor": 2}

_PROBLEMS = """() => {
  const problems = [];
  const sideways = document.scrollingElement.scrollWidth - innerWidth;
  if (sideways > 0) problems.push(`the page scrolls sideways by ${sideways}px`);
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
    + (typeof e.className === "string" && e.className.trim()
       ? "." + e.className.trim().split(/\\s+/).join(".") : "");
  for (const e of document.body.querySelectorAll("*")) {
    const box = e.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // hidden, or visually hidden for readers
    const style = getComputedStyle(e);
    if (style.visibility === "hidden") continue;
    const clips = ["hidden", "clip"].includes(style.overflowX);
    const control = e.matches("button, .button, summary, select, label, .badge");
    if (!(clips || control) || !e.textContent.trim()) continue;
    if (e.scrollWidth > e.clientWidth + 1)
      problems.push(`${name(e)} clips its words (${e.scrollWidth}px in ${e.clientWidth}px)`);
    else if (box.right > innerWidth + 1)
      problems.push(`${name(e)} runs off the screen (to ${Math.round(box.right)}px)`);
  }
  return problems;
}"""


def reflow_problems(page: Page) -> list[str]:
    """What scrolls sideways or is clipped on the page as it is now."""
    return page.evaluate(_PROBLEMS)


def assert_reflows(page: Page, label: str) -> None:
    """The page at 200% text: nothing to scroll sideways, no words cut off."""
    page.wait_for_load_state("load")
    problems = reflow_problems(page)
    assert not problems, f"at 200% text, {label}: " + "; ".join(problems[:6])
