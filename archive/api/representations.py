"""The API's records as plain dicts. Field names are a contract: add fields, never rename them.

Every record has ``url`` (its page on the site) and ``api_url`` (this JSON).
A date is given only as precisely as it is known: ``value`` is "2023-04-04",
"2023-04" or "2023" (never a made-up day), or null when unknown.
"""

from django.urls import reverse
from django.utils.timezone import localtime

from archive.core.citation_formats import FORMATS
from archive.core.times import comment_time
from archive.models import DatePrecision
from archive.services.paragraph_ids import blocks_with_ids

CITATION_KEYS = {"bib": "bibtex", "ris": "ris", "json": "csl_json"}


def _links(absolute, obj, api_name: str, key) -> dict:
    return {"url": absolute(obj.get_absolute_url()), "api_url": absolute(reverse(api_name, args=[key]))}


def person_ref(person, absolute) -> dict:
    return {"name": person.name, "slug": person.slug, **_links(absolute, person, "api_person", person.slug)}


def publication_ref(publication, absolute) -> dict | None:
    if publication is None:
        return None
    return {
        "name": publication.name,
        "slug": publication.slug,
        **_links(absolute, publication, "api_publication", publication.slug),
    }


def shown_organisation(record, field: str = "organisation"):
    """The related organisation, only when readers may see it (``with_public_organisation()``)."""
    return getattr(record, field) if getattr(record, "organisation_public", False) else None


def organisation_ref(organisation, absolute) -> dict | None:
    if organisation is None:
        return None
    return {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "slug": organisation.slug,
        **_links(absolute, organisation, "api_organisation", organisation.slug),
    }


def topic_ref(term, absolute) -> dict:
    return {
        "name": term.name,
        "short_name": term.short_name,
        "slug": term.slug,
        **_links(absolute, term, "api_topic", term.slug),
    }


def article_date(article) -> dict:
    precision = DatePrecision.parse(article.date_precision) or DatePrecision.UNKNOWN
    value = article.date_iso
    return {
        "value": value,
        "precision": precision.value if value else DatePrecision.UNKNOWN.value,
        "approximate": article.date_approximate,
        "display": article.date_display,
        "note": article.date_note,
    }


def citation_urls(absolute, article_slug: str | None = None, quote_id: str | None = None) -> dict:
    if quote_id:
        return {
            CITATION_KEYS[ext]: absolute(reverse("quote_citation", args=[quote_id, ext])) for ext in FORMATS
        }
    return {
        CITATION_KEYS[ext]: absolute(reverse("article_citation", args=[article_slug, ext])) for ext in FORMATS
    }


def article_summary(article, absolute) -> dict:
    """An article as lists show it (its authors and publication prefetched)."""
    return {
        "slug": article.slug,
        **_links(absolute, article, "api_article", article.slug),
        "title": article.title,
        "title_supplied": article.title_supplied,
        "standfirst": article.standfirst,
        "date": article_date(article),
        "authors": [person_ref(person, absolute) for person in article.authors.all()],
        "publication": publication_ref(article.publication, absolute),
        "source_url": article.source_url or None,
        "citations": citation_urls(absolute, article_slug=article.slug),
    }


def comment_record(comment, absolute) -> dict:
    posted = comment_time(comment)
    return {
        "id": comment.pk,
        "url": absolute(comment.get_absolute_url()),
        "author_name": comment.author_name,
        # UK time, or a date alone ("2025-05-07") when the source printed no time: never a made-up midnight.
        "posted_at": posted.iso if posted else None,
        "time_precision": comment.time_precision if comment.posted_at else None,
        "reply_to": comment.parent_id,
        "position": comment.position,
        "body": comment.body,
    }


def article_detail(article, comments, organisation_mentions, term_mentions, absolute) -> dict:
    return {
        **article_summary(article, absolute),
        "body": article.body,
        "blocks": [
            {
                "number": block.number,
                "id": block.block_id or block.number,  # stable across revisions: #p-<id>
                "kind": block.kind,
                "text": block.text,
                "url": absolute(f"{article.get_absolute_url()}#{block.anchor}"),
            }
            for block in blocks_with_ids(article)
        ],
        "pull_quotes": list(article.pull_quotes),
        "organisations": [
            organisation_ref(mention.organisation, absolute) for mention in organisation_mentions
        ],
        "topics": [topic_ref(mention.term, absolute) for mention in term_mentions],
        "comment_count": len(comments),
        "comments": [comment_record(comment, absolute) for comment in comments],
        "revisions_url": absolute(reverse("article_revision_list", args=[article.slug])),
    }


def search_link(absolute, parameter: str, slug: str) -> dict:
    """Where to find a subject's pieces and comments: the search API and the Atom feed."""
    return {
        "search_api_url": absolute(f"{reverse('api_search')}?{parameter}={slug}"),
        "feed_url": absolute(reverse(f"feed_{parameter}", args=[slug])),
    }


def topic_record(term, absolute, detail=False) -> dict:
    record = {
        **topic_ref(term, absolute),
        "abbreviation": term.abbreviation,
        "aliases": list(term.aliases),
        "theme": term.theme,
        "definition": term.definition,
        "article_count": term.article_count,
    }
    if detail:
        record["related"] = [topic_ref(other, absolute) for other in term.related.order_by("name")]
        record.update(search_link(absolute, "term", term.slug))
    return record


def organisation_record(organisation, absolute, detail=False) -> dict:
    record = {
        **organisation_ref(organisation, absolute),
        "abbreviation": organisation.abbreviation,
        "aliases": list(organisation.aliases),
        "kind": organisation.kind,
        "kind_display": organisation.get_kind_display(),
        "description": organisation.description,
        "website": organisation.url or None,
        "parent": organisation_ref(shown_organisation(organisation, "parent"), absolute),
        "article_count": organisation.article_count,
    }
    if detail:
        children = organisation.children.public()
        record["children"] = [organisation_ref(child, absolute) for child in children]
        record["people"] = [person_ref(person, absolute) for person in organisation.people.public()]
        record.update(search_link(absolute, "org", organisation.slug))
    return record


def person_record(person, absolute, detail=False) -> dict:
    record = {
        **person_ref(person, absolute),
        "role": person.role,
        "organisation": organisation_ref(shown_organisation(person), absolute),
        "description": person.description,
        "article_count": person.article_count,
    }
    if detail:
        record.update(search_link(absolute, "author", person.slug))
    return record


def publication_record(publication, absolute, detail=False) -> dict:
    record = {
        **publication_ref(publication, absolute),
        "website": publication.url or None,
        "organisation": organisation_ref(shown_organisation(publication), absolute),
        "description": publication.description,
        "article_count": publication.article_count,
    }
    if detail:
        record.update(search_link(absolute, "publication", publication.slug))
    return record


def quote_record(quote, absolute, citation_text: str) -> dict:
    article = quote.article
    return {
        "id": quote.pk,
        **_links(absolute, quote, "api_quote", quote.pk),
        "exact": quote.exact,
        "prefix": quote.prefix,
        "suffix": quote.suffix,
        "article": {
            "slug": article.slug,
            "title": article.title,
            **_links(absolute, article, "api_article", article.slug),
        },
        "comment": {
            "id": quote.comment.pk,
            "author_name": quote.comment.author_name,
            "posted_at": posted.iso if (posted := comment_time(quote.comment)) else None,
            "url": absolute(quote.comment.get_absolute_url()),
        }
        if quote.comment_id
        else None,
        "curated": quote.is_curated,
        "speaker": person_ref(quote.speaker, absolute) if quote.speaker else None,
        "speaker_organisation": organisation_ref(quote.speaker_organisation, absolute),
        "speaker_role": quote.speaker_role,
        "note": quote.note,
        "created_at": localtime(quote.created_at).isoformat(),
        "citation": citation_text,
        "citations": citation_urls(absolute, quote_id=quote.pk),
    }
