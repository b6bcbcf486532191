"""A process lets go of the search index's pages it maps (archive.search.mapped_pages), and
searches after that give what they gave before. Real index, real mappings, read back from
/proc/self/smaps."""

import os
import sys
import time
from pathlib import Path

from django.test import Client

import pytest

from archive.search.mapped_pages import MappedPagesLimit, file_backed_mb, read_only_mappings_of, release
from tests.factories import make_article

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; does nothing elsewhere"),
]


def resident_kb_of(directory: Path, pid: int | str = "self") -> tuple[int, int]:
    """(mappings, resident kB) of a process's mappings of files inside ``directory``."""
    prefix = os.path.join(os.path.realpath(directory), "")
    mappings = resident = 0
    inside = False
    with open(f"/proc/{pid}/smaps") as smaps:
        for line in smaps:
            fields = line.split()
            if "-" in fields[0] and len(fields) >= 5:  # a mapping's header line
                inside = len(fields) >= 6 and fields[5].startswith(prefix)
                mappings += inside
            elif inside and fields[0] == "Rss:":
                resident += int(fields[1])
    return mappings, resident


def leaves_nothing_resident(let_go, directory: Path) -> bool:
    """Whether calling ``let_go()`` leaves none of the index's pages resident. Tried a few times:
    Tantivy's reader reloads on its own thread after a commit (it polls every 500 ms), which may
    map a few pages of a segment's footer back in between the release and the reading."""
    for _ in range(30):
        let_go()
        if resident_kb_of(directory)[1] == 0:
            return True
        time.sleep(0.1)
    return False


def search_page(client, words):
    response = client.get("/search/", {"q": words})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def searched(settings):
    settings.CACHE_SECONDS = 0  # each search reads the index, not a kept page
    for number in range(40):
        make_article(
            f"Practice {number} hands back its contract",
            body=f"Partners at practice {number} blamed the global sum and ARRS.\n\nThe ICB said little.",
            slug=f"practice-{number}",
        )
    client = Client()
    before = search_page(client, "global sum")
    # Every practice found. (Not "Practice 7" on the first page: the 40 hits tie, and which 20 come
    # first follows their ids, which depend on what the worker's earlier tests created.)
    assert "40 results for" in before and "hands back its contract" in before
    return client, before, settings.SEARCH_INDEX_DIR


def test_releasing_unmaps_the_index_pages_and_a_search_maps_them_again(searched):
    client, before, index_dir = searched
    mappings, resident = resident_kb_of(index_dir)
    assert mappings > 0 and resident > 0
    assert len(read_only_mappings_of(index_dir)) == mappings

    assert release(index_dir) == mappings
    assert leaves_nothing_resident(lambda: release(index_dir), index_dir)
    assert resident_kb_of(index_dir)[0] == mappings  # still mapped

    assert search_page(client, "global sum") == before
    assert resident_kb_of(index_dir)[1] > 0


def test_the_limit_releases_only_past_it(searched):
    _, _, index_dir = searched
    assert file_backed_mb() > 1  # the interpreter's own libraries at least

    for off in (MappedPagesLimit(index_dir, 0), MappedPagesLimit(index_dir, 1_000_000)):
        assert off.after_request() is False and off.releases == 0
    assert resident_kb_of(index_dir)[1] > 0

    tight = MappedPagesLimit(index_dir, 1)
    assert tight.after_request() is True and tight.releases == 1
    assert leaves_nothing_resident(tight.after_request, index_dir)


def test_only_the_index_folder_is_released(searched, tmp_path):
    _, _, index_dir = searched
    assert read_only_mappings_of(tmp_path) == []
    assert release(tmp_path) == 0
    assert resident_kb_of(index_dir)[1] > 0
