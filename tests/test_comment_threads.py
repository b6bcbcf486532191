"""Comments with a date but no time, and replies: stored by the importer, drawn nested, cited as dates."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from archive.models import Comment, TimePrecision
from archive.services.importer import PieceMetadata, import_source
from archive.services.quotes import citation
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")

THREADED_PASTE = """Why our list is closing

Posted on 6 May 2025 by nowheregp

Our practice in Nowhereton will close its list to new patients from June, after losing two partners.

The ICB has offered no extra money, and the neighbouring practices are full as well.

We will keep looking for a way to reopen it before the end of the year.

2 thoughts on “Why our list is closing”

    1. Ada Fenwick
       7 May 2025
       Sad news for the town.
       Reply
           1. nowheregp
              8 May 2025
              Thank you, Ada.
              Reply
    2. Bo Lister
       9 May 2025 at 6:40 pm
       Good luck with the recruiting.
"""


def test_importer_stores_precision_and_parent_and_keeps_them_on_a_second_import():
    article = import_source(THREADED_PASTE, PieceMetadata(status="published")).outcomes[0].article
    ada, reply, bo = article.comments.order_by("position")
    assert (ada.time_precision, ada.posted_at) == (TimePrecision.DATE, datetime(2025, 5, 7, tzinfo=LONDON))
    assert (reply.parent, reply.time_precision) == (ada, TimePrecision.DATE)
    assert (bo.parent, bo.time_precision) == (None, TimePrecision.DATETIME)
    assert [person.name for person in article.authors.all()] == ["nowheregp"]
    assert article.date_display == "6 May 2025"

    changed = THREADED_PASTE.replace("Good luck with the recruiting.", "Good luck with recruiting.")
    again = import_source(changed, PieceMetadata(status="published")).outcomes[0]
    assert (again.action, again.article, again.comments_added, again.comments_updated) == (
        "updated",
        article,
        0,
        1,
    )
    assert list(article.comments.order_by("position").values_list("pk", "parent_id")) == [
        (ada.pk, None),
        (reply.pk, ada.pk),
        (bo.pk, None),
    ]


def test_article_page_nests_replies_and_shows_a_date_alone_as_a_date(client):
    article = make_article()
    parent = make_comment(article, "Ada Fenwick", posted_at=datetime(2025, 5, 7, tzinfo=LONDON), position=1)
    parent.time_precision = TimePrecision.DATE
    parent.save()
    reply = make_comment(
        article, "Bo Lister", posted_at=datetime(2025, 5, 8, 18, 40, tzinfo=LONDON), position=2
    )
    reply.parent = parent
    reply.save()
    html = client.get(article.get_absolute_url()).content.decode()

    opening = html.index(f'id="comment-{parent.pk}"')
    replies = html.index('class="comment-replies"', opening)
    assert opening < replies < html.index(f'id="comment-{reply.pk}"')  # the reply is drawn inside its parent
    assert f'href="#comment-{parent.pk}">in reply to Ada Fenwick' in html
    assert '<time datetime="2025-05-07">7 May 2025</time>' in html  # no invented 12:00 a.m.
    assert re.search(r"8 May 2025, 6:40 p\.?m\.?", html)
    assert "Readers' comments (2)" in html


def test_api_and_citation_give_a_date_alone_as_a_date(client):
    article = make_article()
    comment = make_comment(
        article,
        "Ada Fenwick",
        posted_at=datetime(2025, 5, 7, tzinfo=LONDON),
        time_precision=TimePrecision.DATE,
    )
    (record,) = client.get(f"/api/articles/{article.slug}/").json()["comments"]
    assert (record["posted_at"], record["time_precision"], record["reply_to"]) == ("2025-05-07", "date", None)
    text = citation(article, "https://example.org/", datetime(2026, 1, 1).date(), comment=comment)
    assert "reader's comment (7 May 2025)" in text
    assert Comment.objects.get(pk=comment.pk).posted_display == "7 May 2025"
