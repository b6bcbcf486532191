"""Topic, body, person and publication pages: the lists, and each subject's page (its header, then
the search pre-filtered to it, and its "who said what" quotes)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import ListView, TemplateView

from archive.models import Organisation, Person, PolicyTerm, Publication, Quote
from archive.search.engine import run_search
from archive.views.shared import reuse_links


def public_or_none(subject):
    """A related person, body, topic or publication, if readers may see it (``.public()``)."""
    if subject is None:
        return None
    return type(subject).objects.public().filter(pk=subject.pk).first()


class SubjectSearchView(TemplateView):
    """A topic, body, person or publication page: its header, then the search pre-filtered to it."""

    subject_model = None  # e.g. PolicyTerm
    parameter = ""  # the search parameter it fixes, e.g. "term"
    noun = ""  # for the feed's title, e.g. "topic"
    quotes_filter = ""  # the QuoteQuerySet method that picks its "who said what" quotes, if any

    def get_subject(self):
        return get_object_or_404(self.subject_model.objects.public(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subject = self.get_subject()
        context["subject"] = subject
        context["search"] = run_search(
            self.request.GET, self.request.path, fixed={self.parameter: subject.slug}
        )
        feed = reverse(f"feed_{self.parameter}", args=[subject.slug])
        context["reuse"] = reuse_links(context["search"], feed, f"{subject.name} ({self.noun})")
        if self.quotes_filter:
            quotes = Quote.objects.published().curated().for_display()
            context["curated_quotes"] = getattr(quotes, self.quotes_filter)(subject)
        return context


class TopicListView(ListView):
    template_name = "archive/topic_list.html"
    context_object_name = "terms"

    def get_queryset(self):
        return PolicyTerm.objects.public().with_article_counts().order_by("name")


class TopicDetailView(SubjectSearchView):
    template_name = "archive/topic_detail.html"
    subject_model = PolicyTerm
    parameter = "term"
    noun = "topic"
    quotes_filter = "about"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_terms"] = context["subject"].related.public().order_by("name")
        return context


class OrganisationListView(ListView):
    template_name = "archive/organisation_list.html"
    context_object_name = "organisations"

    def get_queryset(self):
        return Organisation.objects.public().with_article_counts().order_by("name")


class OrganisationDetailView(SubjectSearchView):
    template_name = "archive/organisation_detail.html"
    subject_model = Organisation
    parameter = "org"
    noun = "organisation"
    quotes_filter = "said_for"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["children"] = context["subject"].children.public().order_by("name")
        context["people"] = context["subject"].people.public().order_by("name")
        context["parent"] = public_or_none(context["subject"].parent)
        return context


class PersonListView(ListView):
    template_name = "archive/person_list.html"
    context_object_name = "people"

    def get_queryset(self):
        return Person.objects.public().with_article_counts().order_by("name")


class PersonDetailView(SubjectSearchView):
    template_name = "archive/person_detail.html"
    subject_model = Person
    parameter = "author"
    noun = "person"
    quotes_filter = "said_by"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisation"] = public_or_none(context["subject"].organisation)
        return context


class PublicationListView(ListView):
    template_name = "archive/publication_list.html"
    context_object_name = "publications"

    def get_queryset(self):
        return Publication.objects.public().with_article_counts().order_by("name")


class PublicationDetailView(SubjectSearchView):
    template_name = "archive/publication_detail.html"
    subject_model = Publication
    parameter = "publication"
    noun = "publication"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisation"] = public_or_none(context["subject"].organisation)
        return context
