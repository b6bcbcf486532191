"""The import preview is the curator's workbench: every field with its line, and corrections."""

import re

import pytest

from archive.models import Article, FurnitureLine, FurnitureSource
from archive.services.importer import PieceMetadata, import_source
from tests.factories import INVENTED_PASTE

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/archive/article/import/"
TITLE = "Nowhereshire ICB tells practices to cut referrals"
BANNER = "For clinicians in the Wessex region"
RECURRING = "Nowhereshire Gazette practice desk"
# A paste opening with a site banner and a section label above the printed title, with a dateline.
BANNERED = INVENTED_PASTE.replace(
    f"{TITLE}\n\n{TITLE}\n\n",
    f"{BANNER}\n\nPractice news\n\n{TITLE}\n\n4 March 2024\n\nBy Jo Invented\n\n",
    1,
)


def post(client, **fields):
    return client.post(IMPORT_URL, {"status": "", **fields})


def test_the_preview_shows_each_field_with_the_line_it_came_from(curator_client):
    html = post(curator_client, text=BANNERED, publication="The Gazette", preview="1").content.decode()
    assert "printed: line 9, “4 March 2024”" in html  # the date and its line
    assert "Jo Invented (byline: line 11, “By Jo Invented”" in html
    assert re.search(r"<dt>Publication</dt>\s*<dd>\s*The Gazette", html)
    assert "Ann Onymous" in html and "3 March 2024, 1:15 p.m." in html
    assert re.search(r"Site furniture removed \(\d+ lines\)", html) and "Article continues below" in html
    # Every opening line can be picked as the title or marked as furniture.
    assert f'name="title_line" value="{BANNER}"' in html and f'name="furniture" value="{BANNER}"' in html
    assert Article.objects.count() == 0


def test_a_picked_title_line_is_the_printed_title_and_leaves_the_body(curator_client):
    fields = {"text": BANNERED, "title_line": TITLE}
    html = post(curator_client, **fields, preview="1").content.decode()
    assert "(printed in the text)" in html and "title supplied" not in html
    post(curator_client, **fields, confirm="1")
    article = Article.objects.get()
    assert article.title == TITLE and not article.title_supplied
    assert TITLE not in article.body and article.published_on.isoformat() == "2024-03-04"


def test_a_typed_title_that_the_text_prints_is_not_marked_supplied():
    article = import_source(BANNERED, PieceMetadata(title=TITLE.upper())).outcomes[0].article
    assert not article.title_supplied and TITLE not in article.body
    untitled = INVENTED_PASTE.replace(f"{TITLE}\n\n", "", 2)
    supplied = import_source(untitled, PieceMetadata(title="Words the text never prints")).outcomes[0].article
    assert supplied.title_supplied


def test_marked_furniture_is_removed_and_remembered_for_the_publication(curator_client):
    fields = {"text": BANNERED, "publication": "The Gazette", "furniture": [BANNER, "Practice news"]}
    html = post(curator_client, **fields, preview="1").content.decode()
    assert f'value="{BANNER}" id="furniture-line-3" aria-label="Line 3 is furniture" checked' in html
    post(curator_client, **fields, confirm="1")
    article = Article.objects.get()
    assert BANNER not in article.body and "Practice news" not in article.body
    assert set(FurnitureLine.objects.values_list("text", "source")) == {
        (BANNER, FurnitureSource.CURATOR),
        ("Practice news", FurnitureSource.CURATOR),
    }
    # The next paste from that publication loses those lines without being told.
    other = BANNERED.replace("cut referrals", "cut outpatient referrals").replace("9:05", "9:25")
    other = other.replace("Practices in Nowhereshire", "From May, practices in Nowhereshire")
    later = import_source(other, PieceMetadata(publication="the gazette")).outcomes[0].article
    assert later != article and BANNER not in later.body
    # A re-paste that does not name the publication is known by its comments, and gets its furniture.
    newer = BANNERED + "\nLate Reader 4 March, 2024 8:00 am\n\nA later comment.\n"
    again = import_source(newer, PieceMetadata()).outcomes[0]
    assert again.action == "updated" and again.article == article and again.comments_added == 1
    assert BANNER not in again.article.body and again.article.title == TITLE
    # Curators see the list in the admin and can switch a line off.
    listing = curator_client.get("/admin/archive/furnitureline/").content.decode()
    assert BANNER in listing and "Marked by a curator" in listing


def test_a_line_recurring_in_a_publications_pastes_is_learned_as_furniture(curator_client):
    def paste(number):
        # The recurring line sits in the text, where nothing but learning would remove it.
        text = INVENTED_PASTE.replace("The BMA said", f"{RECURRING}\n\nIn week {number}, the BMA said")
        return (
            text.replace(TITLE, f"{TITLE} in week {number}")
            .replace("9:05", f"9:{10 + number}")
            .replace("Practices in Nowhereshire", f"In week {number}, practices in Nowhereshire")
        )

    def details(number):
        return PieceMetadata(publication="The Gazette", title=f"{TITLE} in week {number}")

    for number in (1, 2):
        import_source(paste(number), details(number))
    assert not FurnitureLine.objects.exists()
    fields = {"text": paste(3), "publication": "The Gazette", "title": f"{TITLE} in week 3"}
    html = post(curator_client, **fields, preview="1").content.decode()
    assert "Learned as this publication's furniture" in html and RECURRING in html
    post(curator_client, **fields, confirm="1")
    learned = FurnitureLine.objects.get()
    assert learned.text == RECURRING and learned.source == FurnitureSource.LEARNED
    assert RECURRING not in Article.objects.get(title=f"{TITLE} in week 3").body
    # A line a curator switched off is kept in later pastes and never learned again.
    learned.active = False
    learned.save()
    import_source(paste(4), details(4))
    assert RECURRING in Article.objects.get(title=f"{TITLE} in week 4").body
