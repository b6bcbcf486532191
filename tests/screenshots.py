"""Full-page screenshots for the browser tests, PNG-encoded by Chromium for speed.

Playwright's `page.screenshot(full_page=True)` asks Chromium for a PNG at its default zlib effort;
encoding pages 4,000 to 8,000 px long that way was about a third of each shot's CPU (0.16 of
0.6 CPU-s on the search page at 1280 px). Chromium's `optimizeForSpeed` encodes the same pixels
faster into a file about a quarter larger. Otherwise this does what Playwright does for a full
page: the caret hidden, fonts loaded, the whole document's size, captured beyond the viewport."""

import base64
import weakref
from pathlib import Path

# Playwright's own steps before a shot (its `inPagePrepareForScreenshots` and `_fullPageSize`):
# text fields' carets made transparent, the fonts awaited, and the page's full size measured.
PREPARE = """async () => {
    const fields = [...document.querySelectorAll("input,textarea,[contenteditable]")];
    const carets = fields.map(field => [field.style.getPropertyValue("caret-color"),
                                        field.style.getPropertyPriority("caret-color")]);
    fields.forEach(field => field.style.setProperty("caret-color", "transparent", "important"));
    window.__restoreCarets = () =>
        fields.forEach((field, i) => field.style.setProperty("caret-color", ...carets[i]));
    await document.fonts.ready;
    const body = document.body, root = document.documentElement;
    return {
        width: Math.max(body.scrollWidth, root.scrollWidth, body.offsetWidth, root.offsetWidth,
                        body.clientWidth, root.clientWidth),
        height: Math.max(body.scrollHeight, root.scrollHeight, body.offsetHeight, root.offsetHeight,
                         body.clientHeight, root.clientHeight),
    };
}"""


# A page's debugging-protocol session, kept for its next shots (the tests share one page): making
# and detaching one for each shot was about 0.025 CPU-s.
_SESSIONS = weakref.WeakKeyDictionary()


def _session(page):
    if page not in _SESSIONS:
        _SESSIONS[page] = page.context.new_cdp_session(page)
    return _SESSIONS[page]


def full_page_screenshot(page, path: Path) -> None:
    """What `page.screenshot(path=path, full_page=True)` saves, the PNG encoded faster."""
    size = page.evaluate(PREPARE)
    viewport = page.viewport_size
    fits = size["width"] <= viewport["width"] and size["height"] <= viewport["height"]
    try:
        shot = _session(page).send(
            "Page.captureScreenshot",
            {
                "format": "png",
                "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
                "captureBeyondViewport": not fits,
                "optimizeForSpeed": True,
            },
        )
    finally:
        page.evaluate("() => { window.__restoreCarets(); delete window.__restoreCarets; }")
    Path(path).write_bytes(base64.b64decode(shot["data"]))
