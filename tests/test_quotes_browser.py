"""Sharing a quote in a real browser: select, link, open the link, find the words highlighted."""

import re

import pytest

from tests.factories import make_article, make_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTENCE = "Dr Polly Invented said the letter was a step too far for practices already at breaking point."


@pytest.fixture
def article():
    paragraphs = [
        f"Paragraph {n} says something about the contract and the ICB at some length." for n in range(12)
    ]
    paragraphs.insert(9, SENTENCE)
    article = make_article(
        "Practices push back on ICB letter", slug="push-back", body="\n\n".join(paragraphs)
    )
    make_comment(article, "Rural Partner", "We were never asked.\nNot once, in ten years.")
    return article


def select_text(page, selector, words):
    page.evaluate(
        """([selector, words]) => {
            const element = document.querySelector(selector);
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const start = node.textContent.indexOf(words);
                if (start >= 0) {
                    const range = document.createRange();
                    range.setStart(node, start);
                    range.setEnd(node, start + words.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            throw new Error("words not found");
        }""",
        [selector, words],
    )


def in_viewport(page, selector):
    return page.evaluate(
        """selector => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight;
        }""",
        selector,
    )


def test_select_link_open_and_find_the_sentence(shared_page, live_server, article, artifacts_dir):
    page, context = shared_page, shared_page.context
    page.set_viewport_size({"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + article.get_absolute_url())
    select_text(page, "#p-10", SENTENCE)
    page.get_by_role("button", name="Link to this quote").click()
    page.locator(".quote-message", has_text="Link copied").wait_for()
    url = page.evaluate("navigator.clipboard.readText()")
    assert re.fullmatch(re.escape(live_server.url) + r"/q/[a-z2-7]{10}", url)
    assert url in page.locator(".quote-message").inner_text()  # said visibly, not only copied

    page.get_by_role("button", name="Copy citation").click()
    page.locator(".quote-message", has_text="Citation copied").wait_for()
    assert "“Practices push back on ICB letter”" in page.evaluate("navigator.clipboard.readText()")

    shared = context.new_page()
    shared.set_viewport_size({"width": 1280, "height": 800})  # as the page it was opened beside
    shared.goto(url)
    mark = shared.locator("mark#quote")
    assert mark.inner_text() == SENTENCE
    assert in_viewport(shared, "mark#quote")  # scrolled to, without the reader doing anything
    shared.screenshot(path=artifacts_dir / "quote-page.png")
    shared.close()


def test_the_link_button_is_reachable_by_keyboard_and_works_for_comments(shared_page, live_server, article):
    page, context = shared_page, shared_page.context
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + article.get_absolute_url())
    comment_body = ".comment-body"
    select_text(page, comment_body, "never asked.")
    page.locator(".quote-toolbar:not([hidden])").wait_for()
    page.locator(".comment-body p").first.evaluate("p => p.setAttribute('tabindex', '-1')")
    page.locator(".comment-body p").first.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Link to this quote"
    page.keyboard.press("Enter")
    page.locator(".quote-message", has_text="Link copied").wait_for()
    url = page.evaluate("navigator.clipboard.readText()")
    shared = context.new_page()
    shared.goto(url)
    assert shared.locator("mark#quote").inner_text() == "never asked."
    assert in_viewport(shared, "mark#quote")
    shared.close()


def test_words_that_stand_twice_get_a_clear_message(shared_page, live_server, article):
    page = shared_page
    page.goto(live_server.url + article.get_absolute_url())
    select_text(page, "#p-1", "says something about the contract")
    page.get_by_role("button", name="Link to this quote").click()
    page.locator(".quote-message", has_text="more than once").wait_for()
