"""Import sources besides the paste box: a page's address (fetched from a local server here),
the clipboard's HTML, an uploaded file; and bytes that are not UTF-8, refused clearly."""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from archive.core.html_text import html_to_text
from archive.models import Article
from archive.services.fetching import FetchError, fetch_page
from tests.factories import INVENTED_PASTE

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/archive/article/import/"
PAGE = (Path(__file__).resolve().parent / "pages" / "gazette_article.html").read_bytes()


class Pages(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/news/audit":
            self._answer(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/news/audit")
            self.end_headers()
        elif self.path == "/big":
            self._answer(200, "text/html", b"<p>" + b"word " * 40_000 + b"</p>")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._answer(200, "text/html", PAGE)
        elif self.path == "/feed":
            self._answer(200, "application/atom+xml", b"<feed/>")
        else:
            self._answer(404, "text/html", b"<p>Not here</p>")

    def _answer(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The importer may have stopped waiting (the slow page's test): nothing to tell it then.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def local_pages_allowed(settings):
    settings.IMPORT_FETCH_ALLOW_PRIVATE = True


def test_a_fetched_page_goes_through_the_same_preview(curator_client, server, local_pages_allowed):
    url = f"{server}/moved"  # a redirect is followed to the page
    html = curator_client.post(IMPORT_URL, {"fetch_url": url, "status": "", "fetch": "1"}).content.decode()
    assert f"Read from {server}/news/audit" in html
    assert "Invented ICB pauses its referral audit" in html and "(printed in the text)" in html
    assert "Rural Partner" in html and "2 May 2024, 11:05 a.m." in html
    assert "Picture: Invented Agency" not in html.split("Text copied from the browser")[0]
    # What the markup says fills the empty fields, for the curator to check before importing.
    assert f'value="{server}/news/audit"' in html and 'value="The Practice Gazette"' in html
    assert 'value="2024-05-02"' in html and "comes from the page&#x27;s markup" in html
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    "path, limits, message",
    [
        ("/missing", {}, "answered 404"),
        ("/feed", {}, r"application/atom\+xml, not a web page"),
        ("/big", {"max_bytes": 100_000}, "larger than"),
        ("/slow", {"timeout": 0.5}, "could not be fetched"),
    ],
)
def test_fetch_limits(server, path, limits, message):
    options = {"timeout": 5, "max_bytes": 5_000_000, "allow_private": True, **limits}
    with pytest.raises(FetchError, match=message):
        fetch_page(server + path, **options)


def test_private_addresses_and_other_schemes_are_refused(curator_client, server):
    with pytest.raises(FetchError, match="private, loopback or link-local"):
        fetch_page(f"{server}/news/audit", timeout=5, max_bytes=10_000, allow_private=False)
    with pytest.raises(FetchError, match="Only http"):
        fetch_page("ftp://127.0.0.1/x", timeout=5, max_bytes=10_000, allow_private=True)
    html = curator_client.post(
        IMPORT_URL, {"fetch_url": f"{server}/news/audit", "fetch": "1"}
    ).content.decode()
    assert "only public pages can be fetched" in html and "Nothing was read" in html


def test_the_clipboards_html_gives_paragraphs_without_captions_or_buttons(curator_client):
    clipboard = (
        "<h1>Nowhereshire ICB tells practices to cut referrals</h1>"
        "<figure><img alt='A waiting room'><figcaption>Photo: Invented Agency</figcaption></figure>"
        "<p>Practices in Nowhereshire have been told to use Advice and Guidance\n"
        "before every routine referral, the ICB said on Monday.</p>"
        "<p>The local LMC said it was micromanagement and would advise practices to refuse it.</p>"
        "<button>Share this article</button>"
    )
    assert "Photo:" not in html_to_text(clipboard)
    response = curator_client.post(IMPORT_URL, {"text": INVENTED_PASTE, "html": clipboard, "preview": "1"})
    html = response.content.decode()
    assert "Read from the HTML the browser copied" in html
    assert "Share this article" not in html.split("Text copied from the browser")[0]
    assert "Guidance before every routine referral" in html  # the hand-wrapped line joined


def test_invalid_utf8_in_a_posted_form_is_refused(curator_client, curator):
    urlencoded = curator_client.post(
        IMPORT_URL,
        "text=Caf%E9+closes&preview=1",
        content_type="application/x-www-form-urlencoded",
    )
    assert "not valid UTF-8" in urlencoded.content.decode()
    boundary = "BoUnDaRy"

    def part(name):
        return f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()

    broken = INVENTED_PASTE.encode().replace(b"Another week", b"Another \xff week")
    body = part("text") + broken + b"\r\n" + part("confirm") + f"1\r\n--{boundary}--\r\n".encode()
    multipart = curator_client.post(
        IMPORT_URL, body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert "not valid UTF-8" in multipart.content.decode() and Article.objects.count() == 0
    # A real U+FFFD in the text is the writer's own character and is kept.
    curator_client.post(IMPORT_URL, {"text": INVENTED_PASTE.replace("edict", "edict \ufffd"), "confirm": "1"})
    assert "\ufffd" in Article.objects.get().comments.first().body


def test_an_uploaded_file_is_read_as_the_command_line_reads_it(curator_client):
    windows = SimpleUploadedFile(
        "paste.txt", INVENTED_PASTE.replace("’", "'").encode("cp1252") + b"\x93x\x94"
    )
    html = curator_client.post(IMPORT_URL, {"upload": windows, "preview": "1"}).content.decode()
    assert "Read from the file paste.txt." in html and "read as Windows-1252" in html
    binary = SimpleUploadedFile("photo.jpg", b"\xff\xd8\x00\x00" * 100)
    assert (
        "binary data" in curator_client.post(IMPORT_URL, {"upload": binary, "preview": "1"}).content.decode()
    )
