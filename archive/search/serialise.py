"""The search outcome as JSON for /api/search/: the same data the HTML page draws."""


def hit_as_json(hit, absolute) -> dict:
    return {
        "kind": hit.kind,
        "id": hit.pk,
        "url": absolute(hit.url),
        "title": hit.title,
        "date": hit.date_iso,
        "date_display": hit.date_display,
        "authors": [{"name": name, "url": absolute(url) if url else None} for name, url in hit.authors],
        "publication": {"name": hit.publication[0], "url": absolute(hit.publication[1])}
        if hit.publication
        else None,
        "article": {"title": hit.article_title, "url": absolute(hit.article_url)},
        "snippet_html": str(hit.snippet),
        "snippet": hit.snippet_text,
        "organisations": [organisation.slug for organisation in hit.organisations],
        "terms": [term.slug for term in hit.terms],
    }


def outcome_as_json(outcome, absolute=lambda url: url) -> dict:
    return {
        "query": outcome.query_text,
        "description": outcome.description,
        "total": outcome.total,
        "estimated": outcome.estimated,
        "page": outcome.page,
        "pages": outcome.num_pages,
        "sort": outcome.sort,
        "next": outcome.page_url(outcome.page + 1) if outcome.page < outcome.num_pages else None,
        "previous": outcome.page_url(outcome.page - 1) if outcome.page > 1 else None,
        "notes": outcome.notes,
        "suggestion": outcome.suggestion,
        "hits": [hit_as_json(hit, absolute) for hit in outcome.hits],
        "facets": {
            name: [
                {
                    "value": value.value,
                    "label": value.label,
                    "name": value.title or value.label,
                    "count": value.count,
                    "selected": value.selected,
                }
                for value in facet.values
            ]
            for name, facet in outcome.facets.items()
        },
    }
