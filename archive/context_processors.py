"""What every page's <head> needs: its canonical URL and the site-wide feed (templates/base.html)."""

from django.core.exceptions import DisallowedHost
from django.urls import reverse


def discovery(request) -> dict:
    """Defaults a view may override: the canonical URL is the page's own, without parameters."""
    try:
        canonical_url = request.build_absolute_uri(request.path)
    except DisallowedHost:  # the 400 page for a request to a host we do not serve
        canonical_url = ""
    return {"canonical_url": canonical_url, "site_feed_url": reverse("feed_latest")}
