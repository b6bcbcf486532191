"""Public URLs: a contract (DESIGN.md §8). Once published, a URL keeps working.

The app's own URLconf, included by the root one (config/urls.py)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path

from archive.api import views as api
from archive.api.http import public_read
from archive.views import citations, exports, feeds, pages, quotes, revisions, sitemaps, subjects
from archive.views.page_cache import search_page_for_readers, whole_page_for_readers

# The feeds answer conditional requests and any origin, like the API.
feed_patterns = [
    path("feeds/latest/", public_read(feeds.LatestFeed()), name="feed_latest"),
    path("feeds/search/", public_read(feeds.SearchFeed()), name="feed_search"),
    path("feeds/topics/<slug:slug>/", public_read(feeds.TopicFeed()), name="feed_term"),
    path("feeds/organisations/<slug:slug>/", public_read(feeds.OrganisationFeed()), name="feed_org"),
    path("feeds/people/<slug:slug>/", public_read(feeds.PersonFeed()), name="feed_author"),
    path("feeds/publications/<slug:slug>/", public_read(feeds.PublicationFeed()), name="feed_publication"),
]
api_patterns = [
    path("api/", api.ApiIndexView.as_view(), name="api_docs"),
    path("api/search/", api.search, name="api_search"),
    path("api/articles/", api.article_list, name="api_article_list"),
    path("api/articles/<slug:slug>/", api.article_detail, name="api_article"),
    path("api/topics/", api.topic_list, name="api_topic_list"),
    path("api/topics/<slug:slug>/", api.topic_detail, name="api_topic"),
    path("api/organisations/", api.organisation_list, name="api_organisation_list"),
    path("api/organisations/<slug:slug>/", api.organisation_detail, name="api_organisation"),
    path("api/people/", api.person_list, name="api_person_list"),
    path("api/people/<slug:slug>/", api.person_detail, name="api_person"),
    path("api/publications/", api.publication_list, name="api_publication_list"),
    path("api/publications/<slug:slug>/", api.publication_detail, name="api_publication"),
    path("api/quotes/", api.quote_list, name="api_quote_list"),
    path("api/quotes/<str:quote_id>/", api.quote_detail, name="api_quote"),
]

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path(
        "articles/<slug:slug>/",
        whole_page_for_readers(pages.ArticleDetailView.as_view()),
        name="article_detail",
    ),
    path("articles/<slug:slug>/revisions/", revisions.article_revision_list, name="article_revision_list"),
    path("articles/<slug:slug>/revisions/<int:number>/", revisions.article_revision, name="article_revision"),
    path(
        "articles/<slug:slug>/revisions/<int:number>/changes/",
        revisions.article_revision_changes,
        name="article_revision_changes",
    ),
    path(
        "articles/<slug:slug>/comments/<int:comment_id>/revisions/<int:number>/changes/",
        revisions.comment_revision_changes,
        name="comment_revision_changes",
    ),
    path(
        "articles/<slug:slug>/comments/<int:comment_id>/revisions/<int:number>/",
        revisions.comment_revision,
        name="comment_revision",
    ),
    path(
        "articles/<slug:slug>/citation.<str:extension>",
        citations.article_citation,
        name="article_citation",
    ),
    path("q/", quotes.create_quote, name="quote_create"),
    path("q/token", quotes.quote_token, name="quote_token"),
    path("q/<str:quote_id>/card.png", quotes.quote_card, name="quote_card"),
    path("q/<str:quote_id>/citation.<str:extension>", citations.quote_citation, name="quote_citation"),
    re_path(r"^q/(?P<quote_id>[^/]{1,200})$", quotes.quote_detail, name="quote_detail"),
    path("search/", search_page_for_readers(pages.SearchView.as_view()), name="search"),
    path("search/values/<slug:facet>/", pages.FacetValuesView.as_view(), name="search_facet_values"),
    *api_patterns,
    *feed_patterns,
    path("export/search.csv", exports.search_csv, name="export_search_csv"),
    path("data/", pages.ReuseView.as_view(), name="reuse"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("topics/", subjects.TopicListView.as_view(), name="topic_list"),
    path("topics/<slug:slug>/", subjects.TopicDetailView.as_view(), name="topic_detail"),
    path("organisations/", subjects.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/<slug:slug>/", subjects.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("people/", subjects.PersonListView.as_view(), name="person_list"),
    path("people/<slug:slug>/", subjects.PersonDetailView.as_view(), name="person_detail"),
    path("publications/", subjects.PublicationListView.as_view(), name="publication_list"),
    path("publications/<slug:slug>/", subjects.PublicationDetailView.as_view(), name="publication_detail"),
    # /admin/ and the error pages: config/urls.py.
]
