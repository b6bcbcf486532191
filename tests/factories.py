"""Small factory functions: invented people, practices and bodies for tests."""

import itertools
from datetime import date, datetime
from zoneinfo import ZoneInfo

from archive.models import (
    Article,
    Comment,
    Organisation,
    OrganisationKind,
    Person,
    PolicyTerm,
    Publication,
    Status,
    Theme,
)

_numbers = itertools.count(1)
LONDON = ZoneInfo("Europe/London")


def make_organisation(name="Wessex Practice Alliance", abbreviation="WPA", aliases=(), **fields):
    slug = fields.pop("slug", f"org-{next(_numbers)}")
    return Organisation.objects.create(
        name=name,
        slug=slug,
        abbreviation=abbreviation,
        aliases=list(aliases),
        kind=fields.pop("kind", OrganisationKind.OTHER),
        **fields,
    )


def make_term(name="Practice resilience fund", abbreviation="", aliases=(), **fields):
    slug = fields.pop("slug", f"term-{next(_numbers)}")
    return PolicyTerm.objects.create(
        name=name,
        slug=slug,
        abbreviation=abbreviation,
        aliases=list(aliases),
        theme=fields.pop("theme", Theme.CONTRACT),
        **fields,
    )


def make_person(name="Dr Imogen Testwell", **fields):
    return Person.objects.create(name=name, slug=fields.pop("slug", f"person-{next(_numbers)}"), **fields)


def make_publication(name="The Practice Gazette", **fields):
    return Publication.objects.create(
        name=name, slug=fields.pop("slug", f"publication-{next(_numbers)}"), **fields
    )


def make_article(title="Invented practice closes its list", body=None, **fields):
    number = next(_numbers)
    return Article.objects.create(
        title=title,
        slug=fields.pop("slug", f"article-{number}"),
        body=body
        if body is not None
        else "Riverside Surgery in Nowhereshire said its list was full.\n\nThe partners blamed funding.",
        status=fields.pop("status", Status.PUBLISHED),
        published_on=fields.pop("published_on", date(2024, 5, 1)),
        date_precision=fields.pop("date_precision", "day"),
        **fields,
    )


def make_comment(article, author_name="Dr Sceptical", body="Not this again.", **fields):
    return Comment.objects.create(
        article=article,
        author_name=author_name,
        body=body,
        posted_at=fields.pop("posted_at", datetime(2024, 5, 1, 9, 30, tzinfo=LONDON)),
        **fields,
    )


INVENTED_PASTE = """This site is intended for health professionals only

Nowhereshire ICB tells practices to cut referrals

Nowhereshire ICB tells practices to cut referrals

Practices in Nowhereshire have been told to use Advice and Guidance before every routine referral.

The ICB said the change would reduce waiting lists, but the local LMC said it was micromanagement.

‘This is a step too far for practices already at breaking point,’ said Dr Polly Invented, the LMC chair.

Article continues below this sponsored advert

The BMA said it would support practices that refused.

READERS' COMMENTS [2]

Please note, only GPs are permitted to add comments to articles

Ann Onymous 3 March, 2024 9:05 am

Another week, another ICB edict.
We are not a call centre.

Rural Partner 3 March, 2024 1:15 pm

Advice and Guidance takes longer than a referral.
"""


def article_change_form(article, **changes) -> dict:
    """The admin's change form for an article, as a browser would post it (no inline rows)."""
    data = {
        "status": article.status,
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "published_on": article.published_on.isoformat() if article.published_on else "",
        "date_precision": article.date_precision,
        "date_note": article.date_note,
        "source_url": article.source_url,
        "pull_quotes": "",
    }
    for prefix in ("organisation_mentions", "term_mentions", "comments"):
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = "0"
    data.update(changes)
    return data
