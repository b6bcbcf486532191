"""Limits that hold (issue 17): atomic counters of their own, the client's real address behind a
trusted proxy only, a ceiling for everyone."""

import threading

from django.core.cache import cache
from django.db import connection
from django.test import Client

import pytest

from archive.clients import forwarded_client, parse_networks
from archive.models import Quote, RateCounter
from archive.services.rate_limits import count
from tests.factories import make_article

WORDS = [f"word{number}" for number in range(400)]
BODY = " ".join(WORDS)


def new_link(client, number: int):
    exact = " ".join(WORDS[number * 3 : number * 3 + 3])
    return client.post("/q/", {"article": "many-words", "exact": exact})


@pytest.fixture
def article():
    return make_article("Many words", slug="many-words", body=BODY)


PROXIES = parse_networks(["10.0.0.0/8", "::1"])


@pytest.mark.parametrize(
    "remote,header,client",
    [
        ("203.0.113.5", "198.51.100.1", "203.0.113.5"),  # not a proxy: the header is not believed
        ("10.0.0.2", "198.51.100.1", "198.51.100.1"),
        ("10.0.0.2", "1.2.3.4, 198.51.100.1", "198.51.100.1"),  # the client's own claim is skipped
        ("10.0.0.2", "198.51.100.1, 10.0.0.9", "198.51.100.1"),  # two proxies in a row
        ("10.0.0.2", "", "10.0.0.2"),
        ("10.0.0.2", "not-an-address", "10.0.0.2"),
        ("10.0.0.2", "1.2.3.4, junk, 198.51.100.1", "198.51.100.1"),
        ("::1", "2001:db8::7", "2001:db8::7"),
    ],
)
def test_the_forwarded_address_is_believed_from_trusted_proxies_only(remote, header, client):
    assert forwarded_client(remote, header, PROXIES) == client


def test_bad_trusted_proxies_stop_start_up():
    with pytest.raises(ValueError):
        parse_networks(["10.0.0.0/8", "proxy.example.org"])


@pytest.mark.django_db
def test_behind_a_proxy_each_client_has_its_own_limit(settings, article):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.QUOTE_LINKS_PER_CLIENT = 3

    def via_proxy(address):
        return Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)

    first, second = via_proxy("198.51.100.1"), via_proxy("198.51.100.2")
    assert [new_link(first, number).status_code for number in range(4)] == [201, 201, 201, 429]
    assert new_link(second, 10).status_code == 201  # the next client is not blocked
    # A client that is not a proxy cannot pick its address with the header.
    liar = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert [new_link(liar, 20 + number).status_code for number in range(4)][-1] == 429
    assert not RateCounter.objects.filter(key__endswith="198.51.100.9").exists()


@pytest.mark.django_db
def test_the_scheme_comes_from_a_trusted_proxy_only(settings, article):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    trusted = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_PROTO="https")
    assert 'rel="canonical" href="https://testserver' in trusted.get("/articles/many-words/").text
    stranger = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_PROTO="https")
    assert 'rel="canonical" href="http://testserver/' in stranger.get("/articles/many-words/").text


@pytest.mark.django_db
def test_a_flood_of_cached_searches_evicts_no_counter(settings, article):
    settings.QUOTE_LINKS_PER_CLIENT = 2
    client = Client(REMOTE_ADDR="198.51.100.3")
    assert [new_link(client, number).status_code for number in range(3)] == [201, 201, 429]
    for number in range(60):  # the cache culls at MAX_ENTRIES; clearing it is the worst case
        cache.set(f"flood-{number}", "x")
    cache.clear()
    assert new_link(client, 5).status_code == 429


@pytest.mark.django_db
def test_a_ceiling_for_everyone(settings, article):
    settings.QUOTE_LINKS_PER_WINDOW = 3
    clients = [Client(REMOTE_ADDR=f"198.51.100.{number}") for number in range(5)]
    statuses = [new_link(client, number).status_code for number, client in enumerate(clients)]
    assert statuses == [201, 201, 201, 429, 429]
    response = new_link(Client(REMOTE_ADDR="198.51.100.77"), 9)
    assert "Many quote links are being made" in response.json()["error"] and int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_a_window_starts_again_when_it_ends():
    assert [count("k", 600).hits for _ in range(3)] == [1, 2, 3]
    RateCounter.objects.filter(key="k").update(window_ends="2000-01-01T00:00:00Z")
    assert count("k", 600).hits == 1


@pytest.mark.django_db(transaction=True)
def test_sixty_concurrent_requests_from_one_new_client_make_at_most_twenty_links(article):
    """The issue's check: before, 24 to 31 links got through against a limit of 20."""
    start = threading.Barrier(60)
    statuses = []

    def request(number):
        client = Client(REMOTE_ADDR="192.0.2.60")
        start.wait()
        try:
            statuses.append(new_link(client, number).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=request, args=(number,)) for number in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == 60
    assert statuses.count(201) == Quote.objects.count() <= 20
    assert statuses.count(201) == 20 and statuses.count(429) == 40
    print(f"60 concurrent quote-link requests from one new address: {Quote.objects.count()} links")
