"""Issue 14 in a real browser: the note about edited words is in view beside the mark (desktop
and phone), "Quote this" makes a link from the keyboard, and a keyboard selection reaches the
toolbar, whose citation carries the quoted words."""

import re

import pytest

from archive.services.quotes import make_quote
from tests.factories import make_article, make_comment
from tests.test_quotes_browser import in_viewport, select_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUOTE = "across England. Dr Benedict Osei, a partner in Leeds"


@pytest.fixture
def article():
    filler = [
        f"Paragraph {n} goes on about the contract, the ICB and the LMC at some length." for n in range(14)
    ]
    body = [
        *filler,
        "Dr Amelia Hart said the deal would deliver stability for practices across England.",
        "Dr Benedict Osei, a partner in Leeds, said the settlement did not go far enough.",
        *filler[:6],
    ]
    article = make_article(
        "Contract uplift confirmed",
        slug="uplift",
        body="\n\n".join(body),
    )
    make_comment(article, "Finola Testperson", "We are running on goodwill alone.")
    return article


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_the_note_about_edited_words_is_in_view_beside_the_mark(
    shared_page, live_server, article, artifacts_dir, size
):
    quote, _ = make_quote(article, None, QUOTE)
    article.body = article.body.replace("across England.", "across the country.").replace(
        "Dr Benedict", "Dr Ben"
    )
    article.save()
    page = shared_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(live_server.url + quote.get_absolute_url())
    assert page.locator("mark.quote-mark").all_inner_texts() == [
        "across the country.",
        "Dr Ben Osei, a partner in Leeds",
    ]
    assert in_viewport(page, "mark#quote") and in_viewport(page, ".quote-changed")
    note, mark = (page.locator(selector).bounding_box() for selector in (".quote-changed", "mark#quote"))
    assert 0 <= mark["y"] - (note["y"] + note["height"]) < 40  # right above the mark
    assert QUOTE in page.locator(".quote-changed").inner_text()
    page.screenshot(path=artifacts_dir / f"quote-changed-{size[0]}.png")


def test_quote_this_and_a_keyboard_selection_make_links_without_a_mouse(shared_page, live_server, article):
    page, context = shared_page, shared_page.context
    page.set_viewport_size({"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + article.get_absolute_url())

    # "Quote this" on a paragraph, reached with Tab and pressed with Enter.
    button = page.get_by_role("button", name="Quote this paragraph").nth(15)
    button.focus()
    page.keyboard.press("Enter")
    page.locator(".quote-message", has_text="Link copied").wait_for()
    url = page.evaluate("navigator.clipboard.readText()")
    assert re.fullmatch(re.escape(live_server.url) + r"/q/[a-z2-7]{10}", url)
    assert page.evaluate("document.activeElement.value") == url  # focus on the link made
    shared = context.new_page()
    shared.set_viewport_size({"width": 1280, "height": 800})  # as the page it was opened beside
    shared.goto(url)
    assert shared.locator("mark#quote").inner_text() == (
        "Dr Benedict Osei, a partner in Leeds, said the settlement did not go far enough."
    )
    shared.close()

    # "Quote this" on a comment is labelled with its author.
    page.get_by_role("button", name="Quote this comment by Finola Testperson").press("Enter")
    page.locator(".quote-message", has_text="Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") != url

    # A selection made from the keyboard: the next Tab reaches the toolbar beside it.
    page.get_by_role("link", name="Skip to content").focus()
    page.keyboard.press("Shift+ArrowRight")  # what a caret-browsing selection starts with
    select_text(page, "#p-15", "deliver stability for practices")
    page.locator(".quote-toolbar:not([hidden])").wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Link to this quote"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Copy citation
    page.locator(".quote-message", has_text="Citation copied").wait_for()
    cited = page.evaluate("navigator.clipboard.readText()")
    assert "“deliver stability for practices”" in cited and "“Contract uplift confirmed”" in cited
