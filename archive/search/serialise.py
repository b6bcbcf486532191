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


def _hit(hit, absolute, relaxed: bool) -> dict:
    """A hit; on a relaxed hit, ``match`` is "some" and ``missing`` the query words it lacks."""
    found = hit_as_json(hit, absolute)
    found["match"] = "some" if relaxed else "all"
    if relaxed:
        found["missing"] = list(hit.missing)
    return found


def _groups(groups, absolute, relaxed: bool) -> list[dict]:
    return [
        {
            "article": {"title": group.article_title, "url": absolute(group.article_url)},
            "hit": _hit(group.lead, absolute, relaxed) if group.lead else None,
            "comments": [_hit(hit, absolute, relaxed) for hit in group.comments],
        }
        for group in groups
    ]


def outcome_as_json(outcome, absolute=lambda url: url, *, grouped: bool = False) -> dict:
    """``hits`` is the page in order: the hits with every word (``total`` of them), then, when
    those are fewer than a page, hits with some of the words (``relaxed``; ``relaxed_total``).
    ``grouped`` adds ``groups``: the same hits by article, comments under their article."""
    data = {
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
        "relaxed": outcome.relaxed,
        "relaxed_total": outcome.relaxed_total,
        "facets_count": outcome.facets_count,
        "expanded": [
            {
                "words": note.matched,
                "also": note.alternatives,
                "description": note.description,
                "literal_query": note.literal_query,
                "literal_url": absolute(note.literal_url),
            }
            for note in outcome.expansions
        ],
        "hits": [_hit(hit, absolute, False) for hit in outcome.hits]
        + [_hit(hit, absolute, True) for hit in outcome.relaxed_hits],
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
    if grouped:
        for link in ("next", "previous"):  # the pages of a grouped search stay grouped
            if data[link]:
                data[link] += ("&" if "?" in data[link] else "?") + "group=1"
        data["groups"] = _groups(outcome.groups, absolute, False) + _groups(
            outcome.relaxed_groups, absolute, True
        )
        data["pieces"] = outcome.pieces_on_page
    return data
