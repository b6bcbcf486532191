"""A fetched page becomes a paste: its main text and comments, with what its markup says.

trafilatura finds the article's text and readers' comments among the page's
navigation and furniture; htmldate reads the publication date from the markup
(meta tags, <time>, structured data) and never guesses from the text.
The result is shown in the same preview as a paste, for the curator to check.
"""

from dataclasses import dataclass

from archive.core.parser.furniture import is_comments_header


class NothingToImport(Exception):
    pass


@dataclass(frozen=True)
class ExtractedPage:
    text: str  # title, body and comments, laid out as a paste
    title: str
    date: str  # ISO "2024-03-04", or "" when the markup does not say
    authors: list[str]
    sitename: str


def extract_page(content: bytes | str, url: str) -> ExtractedPage:
    # Imported here, not at the top: with their own imports they are a quarter of a second that
    # every start of Django would pay (the admin imports this module), for a rare curator's action.
    import htmldate
    import trafilatura

    document = trafilatura.bare_extraction(
        content, url=url, include_comments=True, with_metadata=True, favor_recall=True
    )
    if document is None or not (document.text or "").strip():
        raise NothingToImport("No article text was found on that page.")
    title = " ".join((document.title or "").split())
    parts = [title, document.text.strip()] if title else [document.text.strip()]
    comments = (document.comments or "").strip()
    if comments:
        # The parser finds the comments after a comments header; the page may print its own.
        parts += [comments] if is_comments_header(comments.split("\n", 1)[0]) else ["Comments", comments]
    date = htmldate.find_date(content, url=url, extensive_search=False, original_date=True) or ""
    authors = [name.strip() for name in (document.author or "").split(";") if name.strip()]
    return ExtractedPage(
        text="\n\n".join(parts),
        title=title,
        date=date,
        authors=authors,
        sitename=(document.sitename or "").strip(),
    )
