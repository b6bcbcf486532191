"""The import form in Chromium: a paste keeps the clipboard's HTML, and the preview reads it."""

import pytest

from tests.factories import INVENTED_PASTE
from tests.screenshots import full_page_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLIPBOARD_HTML = (
    "<h1>Nowhereshire ICB tells practices to cut referrals</h1>"
    "<figure><img alt='A waiting room'><figcaption>Photo: Invented Agency</figcaption></figure>"
    "<p>Practices in Nowhereshire have been told to use Advice and Guidance before every routine "
    "referral, the ICB said on Monday, and the LMC said it was micromanagement.</p>"
    "<p>The BMA said it would support practices that refused.</p>"
)
PASTE = """
([text, html]) => {
  const box = document.getElementById("id_text");
  const data = new DataTransfer();
  data.setData("text/plain", text);
  data.setData("text/html", html);
  box.focus();
  box.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
  box.value = text;  // what the browser's own paste does after the event
  box.dispatchEvent(new Event("input", {bubbles: true}));
}
"""


def test_a_paste_keeps_the_clipboards_html_for_the_preview(
    shared_page, live_server, admin_user, artifacts_dir
):
    page = shared_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/archive/article/import/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/archive/article/import/")

    page.evaluate(PASTE, [INVENTED_PASTE, CLIPBOARD_HTML])
    assert page.input_value("#id_html") == CLIPBOARD_HTML
    assert "HTML was kept too" in page.locator(".import-html-status").inner_text()
    page.click("input[name=preview]")
    page.wait_for_selector("#preview-heading")
    assert "Read from the HTML the browser copied" in page.locator(".import-preview").inner_text()
    assert "Photo: Invented Agency" not in page.locator(".import-preview").inner_text()
    full_page_screenshot(page, artifacts_dir / "import-html-preview.png")

    # An edit after the paste drops the HTML: what is imported is what the box shows.
    page.evaluate(PASTE, [INVENTED_PASTE, CLIPBOARD_HTML])
    page.locator("#id_text").press("End")
    page.keyboard.type(" ")
    assert page.input_value("#id_html") == ""
