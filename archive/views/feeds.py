"""Atom feeds: the latest pieces, any search, and each topic, body, person and publication.

A search feed takes the same parameters as /search/ and lists the first page
of that search, newest first (a feed is for what is new, so ``sort`` and
``page`` are ignored). A subject's feed is its page's list. Everything goes
through the same search as the pages, so drafts never appear.

Dates: Atom requires ``updated`` on every entry; it is when the archive's
record last changed (a piece saved, a comment added), which is always known.
``published`` is the source's own date and is given only when the source gives
the day (an inferred or month-only date would need a made-up day or time).
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.timezone import get_current_timezone

from archive.models import Article, Comment, DatePrecision, Organisation, Person, PolicyTerm, Publication
from archive.search.engine import run_search
from archive.search.hits import Hit, hydrate

SITE = "GP Contract Archive"
# XML 1.0 cannot carry most control characters; a pasted text or a search may hold them.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return XML_INVALID.sub("", text)


LATEST_ENTRIES = 20


class ArchiveAtomFeed(feedgenerator.Atom1Feed):
    """Atom with every author of an entry (Django's own writes only the first)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, link in item.get("more_authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if link:
                handler.addQuickElement("uri", link)
            handler.endElement("author")


@dataclass
class Entry:
    title: str
    link: str
    summary: str
    authors: list[tuple[str, str | None]]
    updated: datetime
    published: datetime | None
    categories: list[str] = field(default_factory=list)


@dataclass
class FeedSpec:
    """Everything one feed response says, worked out per request (Feed objects are shared)."""

    title: str
    subtitle: str
    link: str
    feed_url: str
    entries: list[Entry]


def source_published(article: Article) -> datetime | None:
    """Midnight (London) of the source's day when the day is known and not inferred; else None."""
    if not article.published_on or article.date_precision != DatePrecision.DAY or article.date_approximate:
        return None
    return datetime.combine(article.published_on, time(), tzinfo=get_current_timezone())


def entries_for(hits: list[Hit], absolute) -> list[Entry]:
    """Feed entries for search hits, with the records' timestamps (hits do not carry them)."""
    articles = Article.objects.in_bulk([hit.pk for hit in hits if hit.kind == "article"])
    comments = Comment.objects.in_bulk([hit.pk for hit in hits if hit.kind == "comment"])
    entries = []
    for hit in hits:
        if hit.kind == "article":
            article = articles[hit.pk]
            updated, published = article.updated_at, source_published(article)
        else:
            comment = comments[hit.pk]
            updated, published = comment.created_at, comment.posted_at
        entries.append(
            Entry(
                title=hit.title,
                link=hit.url,
                summary=" ".join(hit.snippet_text.split()),
                authors=[(name, absolute(url) if url else None) for name, url in hit.authors],
                updated=updated,
                published=published,
                categories=[term.name for term in hit.terms]
                + [organisation.name for organisation in hit.organisations],
            )
        )
    return entries


def newest_first(request, path: str, fixed: dict[str, str] | None = None):
    """The search of this request's parameters, first page, newest first."""
    params = request.GET.copy()
    params.pop("page", None)
    params["sort"] = "newest"
    return run_search(params, path, fixed, relax=False)  # a feed lists what matches every word


class ArchiveFeed(Feed):
    feed_type = ArchiveAtomFeed
    language = "en-gb"

    def title(self, spec):
        return xml_text(spec.title)

    def subtitle(self, spec):
        return xml_text(spec.subtitle)

    def link(self, spec):
        return spec.link

    def feed_url(self, spec):
        return spec.feed_url

    def items(self, spec):
        return spec.entries

    def item_title(self, entry):
        return xml_text(entry.title)

    def item_link(self, entry):
        return entry.link

    def item_description(self, entry):
        # Django writes <summary type="html">: the plain text is escaped so that a comment's
        # "<script>" is shown as words by feed readers, never taken as markup.
        return escape(xml_text(entry.summary))

    def item_author_name(self, entry):
        # Atom wants an author; a piece that names none says so rather than borrowing one.
        return xml_text(entry.authors[0][0]) if entry.authors else "Author unknown"

    def item_author_link(self, entry):
        return entry.authors[0][1] if entry.authors else None

    def item_updateddate(self, entry):
        return entry.updated

    def item_pubdate(self, entry):
        return entry.published

    def item_categories(self, entry):
        return [xml_text(category) for category in entry.categories]

    def item_extra_kwargs(self, entry):
        return {"more_authors": [(xml_text(name), link) for name, link in entry.authors[1:]]}


class LatestFeed(ArchiveFeed):
    """/feeds/latest/: the pieces most recently added to the archive."""

    def get_object(self, request):
        ids = (Article.objects.published().order_by("-created_at", "-id").values_list("pk", flat=True))[
            :LATEST_ENTRIES
        ]
        hits = hydrate([{"kind": "article", "pk": pk} for pk in ids])
        return FeedSpec(
            title=f"{SITE}: latest pieces",
            subtitle="Pieces most recently added to the archive.",
            link=reverse("home"),
            feed_url=request.get_full_path(),
            entries=entries_for(hits, request.build_absolute_uri),
        )


class SearchFeed(ArchiveFeed):
    """/feeds/search/?<the parameters of /search/>."""

    def get_object(self, request):
        outcome = newest_first(request, reverse("search"))
        words = f"“{outcome.query_text}”" if outcome.query_text else "everything"
        filters = [f"{label}: {value.label}" for label, value in outcome.chips]
        filters += [f"{label} {value}" for label, value, _ in outcome.date_chips]
        return FeedSpec(
            title=" · ".join([f"{SITE}: search for {words}", *filters]),
            subtitle=outcome.description,
            link=outcome.state.url(),
            feed_url=request.get_full_path(),
            entries=entries_for(outcome.hits, request.build_absolute_uri),
        )


class SubjectFeed(ArchiveFeed):
    """/feeds/<topics|organisations|people|publications>/<slug>/: a subject's page as a feed."""

    model = None
    parameter = ""  # the search parameter the subject fixes
    noun = ""

    def get_object(self, request, slug):
        subject = get_object_or_404(self.model.objects.public(), slug=slug)
        outcome = newest_first(request, subject.get_absolute_url(), fixed={self.parameter: subject.slug})
        return FeedSpec(
            title=f"{SITE}: {subject.name} ({self.noun})",
            subtitle=f"Pieces and readers' comments: {outcome.description}",
            link=outcome.state.url(),
            feed_url=request.get_full_path(),
            entries=entries_for(outcome.hits, request.build_absolute_uri),
        )


class TopicFeed(SubjectFeed):
    model, parameter, noun = PolicyTerm, "term", "topic"


class OrganisationFeed(SubjectFeed):
    model, parameter, noun = Organisation, "org", "organisation"


class PersonFeed(SubjectFeed):
    model, parameter, noun = Person, "author", "person"


class PublicationFeed(SubjectFeed):
    model, parameter, noun = Publication, "publication", "publication"
