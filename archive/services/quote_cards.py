"""Quote cards: who said a quote, for link previews, and the 1200×630 image shown with them.

A reader's comment is never presented as the publication's words: its card names the commenter
("Finola ONeill, reader's comment on Pulse"). A curated quote names its speaker and the body
they spoke for; anything else names the piece's authors, or failing them its publication.

The image is drawn with Pillow in Source Serif Pro (SIL Open Font License), which comes with
its own package (font-source-serif-pro), so no system font is needed. Cards are cached under a
hash of what they show, so an edit to a speaker or a style change draws a new one.
"""

import hashlib
import io
from functools import cache
from pathlib import Path

from django.core.cache import cache as django_cache

import font_source_serif_pro
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630  # what Open Graph and Twitter's large card expect
MARGIN = 72
SITE = "GP Contract Archive"
CARD_VERSION = "1"  # bump to redraw every card after a change of design
CACHE_SECONDS = 60 * 60 * 24 * 30
INK, PAPER, ACCENT, MUTED = "#1d2433", "#fbf8f1", "#8a3b12", "#5b6270"
FONTS = Path(font_source_serif_pro.__file__).parent / "files"


def speaker_title(quote) -> str:
    """Who said it, for og:title and the card: the commenter, the curated speaker, or the piece's."""
    article = quote.article
    publication = article.publication.name if article.publication else ""
    if quote.comment_id:
        where = publication or f"“{article.title}”"
        return f"{quote.comment.author_name}, reader's comment on {where}"
    if quote.is_curated:
        parts = [quote.speaker.name if quote.speaker else "", quote.speaker_role]
        if quote.speaker_organisation:
            parts.append(quote.speaker_organisation.short_name)
        return ", ".join(part for part in parts if part)
    authors = ", ".join(person.name for person in article.authors.all())
    if authors and publication:
        return f"{authors}, in {publication}"
    return authors or publication or f"“{article.title}”"


@cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Lines of at most ``width`` pixels; the last ends in an ellipsis when the text is cut."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and draw.textlength(f"{line} {words[0]}", font=font) <= width:
            line = f"{line} {words.pop(0)}"
        if draw.textlength(line, font=font) > width:  # one word longer than a line: cut it
            cut = len(line)
            while cut > 1 and draw.textlength(line[:cut], font=font) > width:
                cut -= 1
            words.insert(0, line[cut:])
            line = line[:cut]
        lines.append(line)
    if words:
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + "…"
    return lines


def draw_card(words: str, speaker: str, source: str) -> bytes:
    """A PNG of the quoted words, who said them and where, and the archive's name."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 16, HEIGHT], fill=ACCENT)
    width = WIDTH - 2 * MARGIN
    # The longest quotes get a smaller type, so that more of them fits before the ellipsis.
    for size, max_lines in ((56, 5), (46, 6), (38, 7)):
        font = _font("SourceSerifPro-Regular.ttf", size)
        lines = _wrap(draw, f"“{words}”", font, width, max_lines)
        if not lines[-1].endswith("…"):
            break
    y = MARGIN
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=INK)
        y += int(size * 1.25)
    speaker_font = _font("SourceSerifPro-Semibold.ttf", 34)
    small = _font("SourceSerifPro-Regular.ttf", 28)
    foot = HEIGHT - MARGIN
    for line in reversed(_wrap(draw, source, small, width, 1) if source else []):
        foot -= 40
        draw.text((MARGIN, foot), line, font=small, fill=MUTED)
    for line in reversed(_wrap(draw, f"— {speaker}", speaker_font, width, 2)):
        foot -= 46
        draw.text((MARGIN, foot), line, font=speaker_font, fill=INK)
    site_width = draw.textlength(SITE, font=small)
    draw.text((WIDTH - MARGIN - site_width, HEIGHT - MARGIN + 6), SITE, font=small, fill=ACCENT)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def card_source(quote) -> str:
    article = quote.article
    parts = [
        f"“{article.title}”",
        article.publication.name if article.publication else "",
        article.date_display,
    ]
    return ", ".join(part for part in parts if part and part != "Date unknown")


def card_png(quote) -> bytes:
    """The quote's card, drawn once for what it shows and then served from the cache."""
    words, speaker, source = quote.exact, speaker_title(quote), card_source(quote)
    digest = hashlib.sha256("\x1f".join([CARD_VERSION, words, speaker, source]).encode()).hexdigest()
    key = f"quote-card:{digest}"
    png = django_cache.get(key)
    if png is None:
        png = draw_card(words, speaker, source)
        django_cache.set(key, png, CACHE_SECONDS)
    return png
