"""Citation downloads for articles and quotes: BibTeX, RIS and CSL-JSON (archive.core.citation_formats).

/articles/<slug>/citation.<bib|ris|json> and /q/<id>/citation.<bib|ris|json>.
Only published pieces are cited; a draft is a 404 here as everywhere else.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from archive.core.citation_formats import FORMATS, CitationRecord, CitedDate
from archive.core.times import comment_time
from archive.models import Article, Comment, DatePrecision, Quote


def article_issued(article: Article) -> CitedDate | None:
    """The piece's date to the precision it is known; None when it is not known at all."""
    precision = DatePrecision.parse(article.date_precision)
    if not article.published_on or precision in (None, DatePrecision.UNKNOWN):
        return None
    value = article.published_on
    return CitedDate(
        year=value.year,
        month=value.month if precision in (DatePrecision.DAY, DatePrecision.MONTH) else None,
        day=value.day if precision == DatePrecision.DAY else None,
        approximate=article.date_approximate,
    )


def record_for(
    article: Article, url: str, key: str, comment: Comment | None = None, note=""
) -> CitationRecord:
    """What a citation says about a piece (or one of its comments), at ``url``."""
    notes = []
    publication = article.publication.name if article.publication else ""
    if comment is not None:
        posted = comment_time(comment)
        title = f"Comment on “{article.title}”"
        authors = (comment.author_name,)
        issued = (
            CitedDate(posted.value.year, posted.value.month, posted.value.day, time=posted.clock)
            if posted
            else None
        )
    else:
        title = article.title
        authors = tuple(person.name for person in article.authors.all())
        issued = article_issued(article)
        if article.date_approximate:
            how = article.date_note.strip().rstrip(".")
            notes.append("Date approximate" + (f": {how}" if how else "") + ".")
    if article.title_supplied:
        notes.append("The source has no title; this one was supplied by the archive.")
    if note:
        notes.append(note)
    return CitationRecord(
        key=key,
        kind="comment" if comment is not None else "article",
        title=title,
        url=url,
        accessed=timezone.localdate(),
        authors=authors,
        container=publication,
        issued=issued,
        note=" ".join(notes),
    )


def quote_note(quote: Quote) -> str:
    """The quoted words, and who said them when a curator has attributed them."""
    note = f"Quoted: “{quote.exact}”"
    speaker = quote.speaker.name if quote.speaker else ""
    body = quote.speaker_organisation.name if quote.speaker_organisation else ""
    if speaker or body:
        said_by = ", ".join(part for part in (speaker, quote.speaker_role, body) if part)
        note += f" Said by {said_by}."
    return note


def download(record: CitationRecord, extension: str) -> HttpResponse:
    if extension not in FORMATS:
        raise Http404("Citations come as .bib, .ris or .json.")
    writer, content_type = FORMATS[extension]
    response = HttpResponse(writer(record), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{record.key}.{extension}"'
    return response


def article_citation(request, slug, extension):
    article = get_object_or_404(Article.objects.published().select_related("publication"), slug=slug)
    url = request.build_absolute_uri(article.get_absolute_url())
    return download(record_for(article, url, key=article.slug), extension)


def quote_citation(request, quote_id, extension):
    quote = get_object_or_404(
        Quote.objects.published().select_related(
            "article__publication", "comment", "speaker", "speaker_organisation"
        ),
        pk=quote_id,
    )
    url = request.build_absolute_uri(quote.get_absolute_url())
    record = record_for(quote.article, url, f"quote-{quote.pk}", quote.comment, note=quote_note(quote))
    return download(record, extension)
