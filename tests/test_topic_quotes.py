"""Issue 14: a topic's "who said what" lists the curated quotes that concern the topic: their own
words name it, or a curator tagged them with it; not every quote from a piece tagged with it."""

import pytest

from archive.models import Quote
from archive.services.quotes import make_quote
from archive.services.tagging import tag_article
from tests.factories import make_article, make_person, make_term

pytestmark = pytest.mark.django_db


def curated(article, words, speaker):
    quote, _ = make_quote(article, None, words)
    quote.speaker = speaker
    quote.save()
    return quote


def who_said_what(client, url) -> str:
    html = client.get(url).content.decode()
    start = html.find('<section class="curated-quotes"')
    return html[start : html.index("</section>", start)] if start >= 0 else ""


def test_who_said_what_on_a_topic_page_is_about_the_topic(client, curator_client):
    arrs = make_term("Additional Roles Reimbursement Scheme", "ARRS", slug="arrs")
    premises = make_term("Practice premises", slug="premises")
    article = make_article(
        "ARRS funding to rise",
        slug="arrs-rise",
        body="Dr Nia Example said the ARRS money must be spent on physiotherapists first.\n\n"
        "Dr Owen Sample said the surgery roof has leaked for three winters running.\n\n"
        "Dr Ada Specimen said partners are working longer hours than ever before.",
    )
    tag_article(article)
    speaker = make_person("Dr Nia Example")
    names_it = curated(article, "the ARRS money must be spent on physiotherapists first", speaker)
    off_topic = curated(article, "the surgery roof has leaked for three winters running", speaker)
    tagged = curated(article, "partners are working longer hours than ever before", speaker)
    tagged.topics.add(premises)

    arrs_page = who_said_what(client, "/topics/arrs/")
    assert names_it.exact in arrs_page
    assert off_topic.exact not in arrs_page and tagged.exact not in arrs_page
    premises_page = who_said_what(client, "/topics/premises/")
    assert tagged.exact in premises_page and names_it.exact not in premises_page
    assert list(Quote.objects.curated().about(arrs)) == [names_it]

    # A curator tags the roof quote with premises in the admin.
    response = curator_client.post(
        f"/admin/archive/quote/{off_topic.pk}/change/",
        {"speaker": speaker.pk, "speaker_role": "", "topics": [premises.pk], "note": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert off_topic.exact in who_said_what(client, "/topics/premises/")
