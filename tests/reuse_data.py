"""An invented archive for the feed, API, export, citation and sitemap tests.

Three published pieces with every kind of date (a day, an inferred month, none),
one with two authors and one with none, a comment that looks like a spreadsheet
formula and one that tries to close a script element, and a draft with its own
comment and quote that must never show anywhere.
"""

from datetime import date, datetime

from archive.models import Status
from archive.services.quotes import make_quote
from archive.services.tagging import tag_article
from tests.factories import (
    LONDON,
    make_article,
    make_comment,
    make_organisation,
    make_person,
    make_publication,
    make_term,
)

DRAFT_WORDS = "Zanzibarquux"  # a word only the draft and its comment contain


def make_reuse_archive() -> dict:
    publication = make_publication("The Practice Gazette", slug="practice-gazette")
    imogen = make_person("Dr Imogen Testwell", slug="imogen-testwell", role="GP partner")
    sam = make_person("Sam Example", slug="sam-example")
    wpa = make_organisation("Wessex Practice Alliance", "WPA", slug="wpa", description="An invented body.")
    fund = make_term("Practice resilience fund", slug="resilience-fund", definition="An invented fund.")
    dated = make_article(
        "Alliance warns on resilience fund",
        slug="alliance-warns",
        publication=publication,
        standfirst="The WPA says the fund is too small.",
        body="The WPA said the Practice resilience fund was too small.\n\nPartners agreed & said so.",
        source_url="https://example.org/alliance-warns",
        published_on=date(2024, 5, 1),
        date_precision="day",
    )
    dated.authors.add(imogen, sam)
    formula = make_comment(dated, "=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example", "click")')
    script = make_comment(
        dated,
        "Dr Sceptical",
        "The resilience fund </script><script>alert(1)</script> is a sticking plaster.",
        posted_at=datetime(2024, 5, 2, 18, 45, tzinfo=LONDON),
    )
    inferred = make_article(
        "Notes from a practice manager",
        slug="practice-manager-notes",
        title_supplied=True,
        body="The WPA asked about the Practice resilience fund again.",
        published_on=date(2023, 4, 1),
        date_precision="month",
        date_approximate=True,
        date_note="Inferred from the comments' dates.",
    )
    undated = make_article(
        "An undated essay on the resilience fund",
        slug="undated-essay",
        body="Nobody knows when this was written about the Practice resilience fund.",
        published_on=None,
        date_precision="unknown",
    )
    draft = make_article(
        f"{DRAFT_WORDS} secret draft about the resilience fund",
        slug="secret-draft",
        status=Status.DRAFT,
        body=f"The WPA and the Practice resilience fund, {DRAFT_WORDS}.",
    )
    draft.authors.add(imogen)
    draft_comment = make_comment(draft, "Draft commenter", f"A {DRAFT_WORDS} comment on the draft.")
    for article in (dated, inferred, undated, draft):
        tag_article(article)
    quote, _ = make_quote(dated, None, "the Practice resilience fund was too small")
    quote.speaker, quote.speaker_organisation = imogen, wpa
    quote.save()
    draft_quote, _ = make_quote(draft, None, f"fund, {DRAFT_WORDS}")
    return {
        "publication": publication,
        "imogen": imogen,
        "sam": sam,
        "wpa": wpa,
        "fund": fund,
        "dated": dated,
        "inferred": inferred,
        "undated": undated,
        "draft": draft,
        "draft_comment": draft_comment,
        "formula_comment": formula,
        "script_comment": script,
        "quote": quote,
        "draft_quote": draft_quote,
    }
