"""Public URLs: a contract (DESIGN.md §8). Once published, a URL keeps working.

The app's own URLconf, included by the root one (config/urls.py)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path

from archive.api import views as api
from archive.api.http import public_read
from archive.views import citations as citation_views
from archive.views import exports, feeds, sitemaps
from archive.views import pages as views
from archive.views import quotes as quote_views
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
    path("", views.HomeView.as_view(), name="home"),
    path(
        "articles/<slug:slug>/",
        whole_page_for_readers(views.ArticleDetailView.as_view()),
        name="article_detail",
    ),
    path("articles/<slug:slug>/revisions/", quote_views.article_revision_list, name="article_revision_list"),
    path(
        "articles/<slug:slug>/revisions/<int:number>/", quote_views.article_revision, name="article_revision"
    ),
    path(
        "articles/<slug:slug>/revisions/<int:number>/changes/",
        quote_views.article_revision_changes,
        name="article_revision_changes",
    ),
    path(
        "articles/<slug:slug>/comments/<int:comment_id>/revisions/<int:number>/changes/",
        quote_views.comment_revision_changes,
        name="comment_revision_changes",
    ),
    path(
        "articles/<slug:slug>/comments/<int:comment_id>/revisions/<int:number>/",
        quote_views.comment_revision,
        name="comment_revision",
    ),
    path(
        "articles/<slug:slug>/citation.<str:extension>",
        citation_views.article_citation,
        name="article_citation",
    ),
    path("q/", quote_views.create_quote, name="quote_create"),
    path("q/token", quote_views.quote_token, name="quote_token"),
    path("q/<str:quote_id>/card.png", quote_views.quote_card, name="quote_card"),
    path("q/<str:quote_id>/citation.<str:extension>", citation_views.quote_citation, name="quote_citation"),
    re_path(r"^q/(?P<quote_id>[^/]{1,200})$", quote_views.quote_detail, name="quote_detail"),
    path("search/", search_page_for_readers(views.SearchView.as_view()), name="search"),
    path("search/values/<slug:facet>/", views.FacetValuesView.as_view(), name="search_facet_values"),
    *api_patterns,
    *feed_patterns,
    path("export/search.csv", exports.search_csv, name="export_search_csv"),
    path("data/", views.ReuseView.as_view(), name="reuse"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("topics/", views.TopicListView.as_view(), name="topic_list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("publications/", views.PublicationListView.as_view(), name="publication_list"),
    path("publications/<slug:slug>/", views.PublicationDetailView.as_view(), name="publication_detail"),
    # /admin/ and the error pages: config/urls.py.
]
