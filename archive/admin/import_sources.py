"""Where an import's text comes from besides the paste box: a file, a page's address, the
clipboard's HTML. Each becomes the form's text, so the same preview shows what was read.

Bytes that are not UTF-8 are never silently replaced: a posted form that carries them is
refused, and an uploaded file is read as the command line reads one (UTF-8, else
Windows-1252 with a warning).
"""

from urllib.parse import parse_qsl

from django.conf import settings

from archive.core.html_text import html_to_text
from archive.core.page_extract import NothingToImport, extract_page
from archive.core.parser import MAX_CHARACTERS, ParseError, decode
from archive.core.parser.text import words
from archive.services.fetching import FetchError, fetch_page

MIN_HTML_WORDS = 20  # fewer words from the HTML than this: keep the plain text instead
NOT_UTF8 = (
    "The text is not valid UTF-8: it holds bytes that are not characters, which would be "
    "imported as “�”. Nothing was read. Save the text as UTF-8, or upload it as a file "
    "(a Windows-1252 file is read as such, with a warning)."
)


class SourceProblem(Exception):
    """The source cannot be read; the message is for the curator."""


def check_utf8(request) -> None:
    """Raise SourceProblem when the posted form carries bytes that are not UTF-8."""
    body = request.body  # read before request.POST, which would replace them with U+FFFD
    if request.content_type == "application/x-www-form-urlencoded":
        try:
            parse_qsl(body.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict")
        except UnicodeDecodeError as error:
            raise SourceProblem(NOT_UTF8) from error
    elif request.content_type == "multipart/form-data":
        # Django decodes each field with errors="replace"; a U+FFFD that the raw body does
        # not hold (as its own UTF-8 bytes) was made from bytes that were not UTF-8.
        replaced = any("\ufffd" in value for value in request.POST.values())
        if replaced and b"\xef\xbf\xbd" not in body:
            raise SourceProblem(NOT_UTF8)


def resolve_source(data, files) -> tuple[dict, list[str]]:
    """The form data with its text filled from the chosen source, and notes for the preview."""
    data = data.copy()
    if upload := files.get("upload"):
        raw = upload.read(MAX_CHARACTERS * 4 + 1)
        if len(raw) > MAX_CHARACTERS * 4:
            raise SourceProblem("The file is too large to be one article; nothing was read.")
        try:
            text, warnings = decode(raw)
        except ParseError as error:
            raise SourceProblem(str(error)) from error
        data["text"] = text
        return data, [f"Read from the file {upload.name}.", *warnings]
    if data.get("fetch_url", "").strip() and ("fetch" in data or not data.get("text", "").strip()):
        return _fetched(data)
    html = data.get("html", "")
    data["html"] = ""
    if html.strip():
        text = html_to_text(html)
        if len(words(text)) >= MIN_HTML_WORDS:
            data["text"] = text
            return data, [
                "Read from the HTML the browser copied: figures, captions, buttons and navigation "
                "were left out, and each paragraph is one line."
            ]
    return data, []


def _fetched(data) -> tuple[dict, list[str]]:
    url = data["fetch_url"].strip()
    try:
        page = fetch_page(
            url,
            timeout=settings.IMPORT_FETCH_TIMEOUT_SECONDS,
            max_bytes=settings.IMPORT_FETCH_MAX_BYTES,
            allow_private=settings.IMPORT_FETCH_ALLOW_PRIVATE,
        )
        extracted = extract_page(page.content, page.url)
    except (FetchError, NothingToImport) as error:
        raise SourceProblem(f"{error} Nothing was read.") from error
    data["text"] = extracted.text
    data["fetch_url"] = ""
    notes = [f"Read from {page.url} (its main text and comments; check them below)."]
    # What the page's markup says fills only the fields the curator left empty.
    if not data.get("source_url"):
        data["source_url"] = page.url
    if extracted.sitename and not data.get("publication"):
        data["publication"] = extracted.sitename
    if extracted.authors and not data.get("authors"):
        data["authors"] = ", ".join(extracted.authors)
    if extracted.date and not data.get("published"):
        data["published"] = extracted.date
        data["date_note"] = data.get("date_note") or "Read from the page's markup (its publication date)."
        notes.append(f"The date {extracted.date} comes from the page's markup, not its text.")
    return data, notes
