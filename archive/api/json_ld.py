"""schema.org JSON-LD for an article page: the piece (an Article) and its readers' comments.

Only what the archive knows: no author for an unsigned piece, and a
``datePublished`` only when the source's date is given (to its precision, as
ISO 8601 allows: "2023-04" or "2023"); an inferred date is left out, since
schema.org has no way to say "approximately". The archive does not record
whether a piece is news or a blog post, so it is an Article, not a guess.
"""

from archive.api.representations import article_date

SITE = "GP Contract Archive"


def article_json_ld(article, comments, organisations, terms, absolute) -> dict:
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": article.title[:110],
        "name": article.title,
        "inLanguage": "en-GB",
        "isPartOf": {"@type": "WebSite", "name": SITE, "url": absolute("/")},
    }
    if article.standfirst:
        data["description"] = article.standfirst
    date = article_date(article)
    if date["value"] and not date["approximate"]:
        data["datePublished"] = date["value"]
    authors = list(article.authors.all())
    if authors:
        data["author"] = [
            {"@type": "Person", "name": person.name, "url": absolute(person.get_absolute_url())}
            for person in authors
        ]
    if article.publication:
        data["publisher"] = {"@type": "Organization", "name": article.publication.name}
    if article.source_url:
        data["sameAs"] = article.source_url  # the same piece where it was first published
    if terms:
        data["about"] = [
            {"@type": "DefinedTerm", "name": term.name, "url": absolute(term.get_absolute_url())}
            for term in terms
        ]
    if organisations:
        data["mentions"] = [
            {"@type": "Organization", "name": body.name, "url": absolute(body.get_absolute_url())}
            for body in organisations
        ]
    data["commentCount"] = len(comments)
    data["comment"] = [comment_json_ld(comment, absolute) for comment in comments]
    return data


def comment_json_ld(comment, absolute) -> dict:
    data = {
        "@type": "Comment",
        "url": absolute(comment.get_absolute_url()),
        "author": {"@type": "Person", "name": comment.author_name},
        "text": comment.body,
    }
    if comment.posted_at:
        data["dateCreated"] = comment.posted_iso
    return data
