"""Public URLs: a contract (DESIGN.md §8). Once published, a URL keeps working."""

from django.contrib import admin
from django.urls import path, re_path

from archive import quote_views, views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("articles/<slug:slug>/revisions/", quote_views.article_revision_list, name="article_revision_list"),
    path(
        "articles/<slug:slug>/revisions/<int:number>/", quote_views.article_revision, name="article_revision"
    ),
    path(
        "articles/<slug:slug>/comments/<int:comment_id>/revisions/<int:number>/",
        quote_views.comment_revision,
        name="comment_revision",
    ),
    path("q/", quote_views.create_quote, name="quote_create"),
    re_path(r"^q/(?P<quote_id>[^/]{1,200})$", quote_views.quote_detail, name="quote_detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("api/search/", views.search_api, name="api_search"),
    path("topics/", views.TopicListView.as_view(), name="topic_list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("publications/", views.PublicationListView.as_view(), name="publication_list"),
    path("publications/<slug:slug>/", views.PublicationDetailView.as_view(), name="publication_detail"),
    path("admin/", admin.site.urls),
]

handler400 = "archive.errors.bad_request"
handler500 = "archive.errors.server_error"
