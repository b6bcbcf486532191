"""The pages in a real browser (Debian's Chromium through Playwright), at desktop and phone sizes."""

import pytest

from archive.services.tagging import tag_article
from tests.factories import make_article, make_comment, make_organisation, make_term
from tests.screenshots import full_page_screenshot

# The tests only read: their rows are made once for the module (conftest.py, `shared_rows`).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def small_archive(shared_rows):
    make_organisation("Integrated care boards", "ICB", slug="icbs", description="Invented description.")
    make_term(
        "Advice and Guidance",
        "A&G",
        slug="advice-and-guidance",
        definition="Specialist advice before referral.",
    )
    article = make_article(
        "Nowhereshire ICB tells practices to use Advice and Guidance",
        slug="nowhereshire-icb",
        standfirst="Practices have been told to ask first.",
        body="The ICB wrote to every practice.\n\n## What practices said\n\nAdvice and Guidance takes time.",
    )
    comment = make_comment(article, "Rural Partner", "Advice and Guidance takes longer than a referral.")
    tag_article(article)
    return article, comment


@pytest.mark.parametrize("size", SIZES)
def test_reader_follows_a_topic_to_an_article(shared_page, live_site, small_archive, artifacts_dir, size):
    article, comment = small_archive
    page = shared_page
    page.set_viewport_size(SIZES[size])
    page.goto(live_site.url + "/")
    assert page.title() == "GP Contract Archive"
    assert page.locator("h1").inner_text() == "Who said what about the GP contract"
    full_page_screenshot(page, artifacts_dir / f"home-{size}.png")

    page.get_by_role("link", name="A&G 1").click()
    page.wait_for_url("**/topics/advice-and-guidance/")
    assert "Specialist advice before referral." in page.locator(".definition").inner_text()

    page.get_by_role("link", name=article.title, exact=True).click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.locator("h1").inner_text() == article.title
    assert page.locator("#p-2").inner_text().startswith("What practices said")
    full_page_screenshot(page, artifacts_dir / f"article-{size}.png")

    # The page fits the screen: nothing wider than the viewport on a phone.
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= SIZES[size]["width"]

    # A comment's permalink lands on the comment.
    page.goto(f"{live_site.url}{comment.get_absolute_url()}")
    target = page.locator(f"#comment-{comment.pk}")
    assert target.is_visible() and target.evaluate("element => element.matches(':target')")


def test_paragraph_links_are_keyboard_reachable(shared_page, live_site, small_archive):
    article, _ = small_archive
    page = shared_page
    page.goto(live_site.url + article.get_absolute_url())
    page.locator("#p-1 .pilcrow").focus()
    page.keyboard.press("Enter")
    assert page.url.endswith("#p-1")
