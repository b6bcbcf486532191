"""Hostile text in a real browser: no dialog fires and the Content Security Policy is never violated."""

import pytest

from archive.services.quotes import make_quote
from tests.factories import make_article, make_comment, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hostile_article():
    article = make_article(
        "<script>alert('title')</script> A&G",
        slug="hostile",
        body="<img src=x onerror=alert('body')> The ICB said <b>no</b>.\n\n<svg onload=alert('paragraph')>",
        standfirst="\"><script>alert('standfirst')</script>",
    )
    make_comment(article, "<img src=x onerror=alert('author')>", "<script>alert('comment')</script> said no.")
    make_person("<script>alert('person')</script>", slug="hostile-person")
    quote, _ = make_quote(article, None, "The ICB said <b>no</b>.")
    return quote


def test_no_script_runs_and_no_policy_is_broken(shared_page, live_server, hostile_article):
    page = shared_page
    dialogs, violations = [], []

    def dialog_opened(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    def console_message(message):
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    # on the session's page (conftest.py, `shared_page`), so its listeners go when the test ends
    page.on("dialog", dialog_opened)
    page.on("console", console_message)
    try:
        for path in [
            "/",
            "/articles/hostile/",
            hostile_article.get_absolute_url(),
            "/search/?q=%3Cscript%3Ealert('query')%3C%2Fscript%3E",
            "/search/?q=said",
            "/people/hostile-person/",
            "/admin/login/",
        ]:
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
        assert dialogs == []
        assert violations == []
        page.goto(live_server.url + "/articles/hostile/")
        assert page.locator("h1").inner_text() == "<script>alert('title')</script> A&G"  # shown as text
    finally:
        page.remove_listener("dialog", dialog_opened)
        page.remove_listener("console", console_message)
