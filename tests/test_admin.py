"""Curation in the admin: the import flow, tags, publishing, and what curators may do."""

from django.contrib.auth.models import Group

import pytest

from archive.models import Article, Comment, MentionStatus, OrganisationMention, Status
from archive.services.curators import CURATORS_GROUP, curator_codenames
from tests.factories import INVENTED_PASTE, article_change_form, make_article, make_organisation

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/archive/article/import/"


@pytest.fixture
def icb():
    return make_organisation("Integrated care boards", "ICB", slug="icbs")


def form_data(**overrides):
    data = {
        "text": INVENTED_PASTE,
        "title": "",
        "published": "2024-03-03",
        "date_note": "",
        "authors": "",
        "publication": "The Practice Gazette",
        "source_url": "",
        "status": "draft",
        "post_titles": "",
    }
    data.update(overrides)
    return data


def test_curators_group_has_exactly_the_curator_permissions():
    group = Group.objects.get(name=CURATORS_GROUP)
    assert sorted(group.permissions.values_list("codename", flat=True)) == sorted(curator_codenames())
    assert not group.permissions.filter(content_type__app_label="auth").exists()
    assert not group.permissions.filter(codename="delete_article").exists()


def test_curator_cannot_manage_users_or_groups(curator_client):
    assert curator_client.get("/admin/auth/user/").status_code == 403
    assert curator_client.get("/admin/auth/group/").status_code == 403
    assert curator_client.get("/admin/archive/article/").status_code == 200


def test_anonymous_users_cannot_reach_the_import_page(client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_import_page_offers_a_form(curator_client):
    html = curator_client.get(IMPORT_URL).content.decode()
    assert "Text copied from the browser" in html and 'name="preview"' in html
    changelist = curator_client.get("/admin/archive/article/").content.decode()
    assert IMPORT_URL in changelist


def test_preview_shows_what_was_parsed_and_writes_nothing(curator_client, icb):
    response = curator_client.post(IMPORT_URL, form_data(preview="Preview"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nowhereshire ICB tells practices to cut referrals" in html
    assert "Ann Onymous" in html and "3 March 2024, 1:15 p.m." in html
    assert "ICB ×2" in html  # a detected tag with its count
    assert "new piece" in html and 'name="confirm"' in html
    assert Article.objects.count() == 0


def test_confirm_imports_then_a_second_import_changes_nothing(curator_client, icb):
    response = curator_client.post(IMPORT_URL, form_data(confirm="Import"))
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/archive/article/{article.pk}/change/"
    assert article.status == Status.DRAFT and article.comments.count() == 2
    assert article.date_display == "3 March 2024"

    preview = curator_client.post(IMPORT_URL, form_data(preview="Preview")).content.decode()
    assert "already in the archive" in preview
    curator_client.post(IMPORT_URL, form_data(confirm="Import"))
    assert Article.objects.count() == 1 and Comment.objects.count() == 2


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "This field is required"),
        ("\x00\x01\x02binary\x03" * 50, "binary"),
        ("Just a line\n\nand another", "No article text found"),
        (INVENTED_PASTE.replace("3 March, 2024 9:05 am", "31 February, 2024 9:05 am"), "impossible date"),
    ],
)
def test_bad_pastes_get_a_clear_message_and_write_nothing(curator_client, text, message):
    response = curator_client.post(IMPORT_URL, form_data(text=text, confirm="Import"))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Article.objects.count() == Comment.objects.count() == 0


def test_bad_date_is_a_form_error(curator_client):
    html = curator_client.post(IMPORT_URL, form_data(published="next week", preview="1")).content.decode()
    assert "is not a date" in html


def test_a_huge_paste_is_refused_clearly(curator_client):
    response = curator_client.post(IMPORT_URL, form_data(text="word " * 600_000, confirm="Import"))
    assert "at most 2 MB" in response.content.decode()
    assert Article.objects.count() == 0


def test_untitled_paste_asks_for_a_title(curator_client):
    untitled = INVENTED_PASTE.replace("Nowhereshire ICB tells practices to cut referrals\n\n", "", 2)
    html = curator_client.post(IMPORT_URL, form_data(text=untitled, preview="1")).content.decode()
    assert "This text has no title" in html
    curator_client.post(IMPORT_URL, form_data(text=untitled, title="Curator's title", confirm="1"))
    assert Article.objects.get().title_supplied


def test_publish_and_unpublish_actions(curator_client):
    article = make_article(status=Status.DRAFT)
    curator_client.post("/admin/archive/article/", {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    curator_client.post("/admin/archive/article/", {"action": "unpublish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_reject_action_on_detected_tags_survives_retagging(curator_client, icb):
    article = make_article(body="The ICB said so. The ICB said it again.")
    from archive.services.tagging import tag_article

    tag_article(article)
    mention = OrganisationMention.objects.get(article=article)
    curator_client.post(
        "/admin/archive/organisationmention/",
        {"action": "reject_tags", "_selected_action": [mention.pk]},
    )
    curator_client.post("/admin/archive/article/", {"action": "retag", "_selected_action": [article.pk]})
    mention.refresh_from_db()
    assert mention.status == MentionStatus.REJECTED and mention.count == 2
    html = curator_client.get(article.get_absolute_url()).content.decode()
    assert "chip-org" not in html


def test_article_change_page_has_inlines_and_view_on_site(curator_client, icb):
    article = make_article(body="The ICB said so.")
    from archive.services.tagging import tag_article

    tag_article(article)
    html = curator_client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
    assert "Body tags" in html and "Topic tags" in html and "Comments" in html
    assert "View on site" in html
    assert "autocomplete" in html


def test_admin_changelists_and_searches_work_for_every_model(curator_client):
    make_article()
    for model in [
        "article",
        "comment",
        "organisation",
        "policyterm",
        "person",
        "publication",
        "organisationmention",
        "termmention",
        "slugredirect",
    ]:
        response = curator_client.get(f"/admin/archive/{model}/?q=practice")
        assert response.status_code == 200, model


def test_a_date_without_precision_is_refused_in_the_admin(curator_client):
    article = make_article(published_on=None, date_precision="unknown")
    url = f"/admin/archive/article/{article.pk}/change/"
    data = article_change_form(
        article, status="published", published_on="2024-05-01", date_precision="unknown"
    )
    response = curator_client.post(url, data)
    assert response.status_code == 200
    assert "Say how precise the date is" in response.content.decode()
    data["date_precision"] = "day"
    response = curator_client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.date_display == "1 May 2024"


def test_admin_search_finds_words_in_the_text_titles_and_authors(curator_client):
    from tests.factories import make_person

    by_text = make_article("Plain title", slug="by-text", body="Nothing but micromanagement here.")
    by_title = make_article("Micromanagement in the title", slug="by-title", body="Other words.")
    by_author = make_article("Another", slug="by-author", body="Words.")
    by_author.authors.add(make_person("Dr Micromanagement Expert"))
    make_article("Unrelated", slug="unrelated", body="Nothing to see.")
    html = curator_client.get("/admin/archive/article/", {"q": "micromanagement"}).content.decode()
    for article in (by_text, by_title, by_author):
        assert f"/admin/archive/article/{article.pk}/change/" in html
    assert "Unrelated" not in html and "3 results" in html


def test_an_admin_search_is_counted_right_with_and_without_a_sidebar_filter(curator_client):
    make_article("Micromanagement published", slug="mm-published", body="Micromanagement.")
    make_article("Micromanagement draft", slug="mm-draft", body="Micromanagement.", status=Status.DRAFT)
    both = curator_client.get("/admin/archive/article/", {"q": "micromanagement"})
    assert both.context["cl"].result_count == 2 and "2 results" in both.content.decode()
    drafts = curator_client.get("/admin/archive/article/", {"q": "micromanagement", "status__exact": "draft"})
    assert (
        drafts.context["cl"].result_count == 1 and "Micromanagement published" not in drafts.content.decode()
    )


def test_the_article_actions_keep_their_descriptions():
    from archive.admin.articles import publish, retag, unpublish

    assert publish.short_description == "Publish selected pieces"
    assert unpublish.short_description and retag.short_description
