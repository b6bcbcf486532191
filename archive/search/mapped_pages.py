"""Keeps a web worker's mapping of the search index small.

Tantivy reads its index files through memory maps. Every page of them a search reads stays
mapped in the process afterwards, so a worker's resident memory (RSS) grew with every word
ever searched towards the whole index (772 MB at 100,000 articles; 281 MB of a 345 MB worker
after the benchmark's varied searches), although those pages belong to the kernel's page
cache, which every process reading the files shares and which the kernel can drop whenever it
needs the memory.

After a request, ``MappedPagesLimit.after_request`` reads how much file-backed memory the
process maps (``/proc/self/statm``, about 20 microseconds). Past the limit it releases its
mappings of the index's pages (``madvise(MADV_DONTNEED)``). The pages stay in the page cache:
the next search that needs one maps it back with a minor fault, without reading the disk. The
index's files are never written once made (Tantivy writes new segment files instead), and only
read-only mappings are released, so nothing can be lost.

Written by hand: no library releases mappings that another library (Tantivy, in Rust) made.
Linux only; elsewhere (no ``/proc``) it does nothing.
"""

import ctypes
import ctypes.util
import functools
import os
from pathlib import Path

MADV_DONTNEED = 4  # Linux's value (asm-generic/mman-common.h)
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MEGABYTE = 1_048_576


@functools.cache  # find_library runs ldconfig, about 2 ms: once a process, not once a release
def _libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        return libc
    except (OSError, AttributeError, TypeError):
        return None


def file_backed_mb() -> float | None:
    """File-backed pages this process has resident (statm's third field), in MB; None off Linux."""
    try:
        with open("/proc/self/statm") as statm:
            fields = statm.read().split()
    except OSError:
        return None
    return int(fields[2]) * PAGE_BYTES / MEGABYTE


def read_only_mappings_of(directory: Path) -> list[tuple[int, int]]:
    """(start, length) of this process's read-only mappings of files inside ``directory``,
    including files deleted since (a merged segment's, until its reader lets it go)."""
    prefix = os.path.join(os.path.realpath(directory), "")
    mappings = []
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                fields = line.split(maxsplit=5)
                if len(fields) < 6 or not fields[5].startswith(prefix) or "w" in fields[1]:
                    continue
                start, end = (int(address, 16) for address in fields[0].split("-"))
                mappings.append((start, end - start))
    except OSError:
        return []
    return mappings


def release(directory: Path) -> int:
    """Unmaps (from this process only) the resident pages of every read-only mapping of the
    index's files; returns how many mappings were released."""
    libc = _libc()
    if libc is None:
        return 0
    mappings = read_only_mappings_of(directory)
    for start, length in mappings:
        if libc.madvise(start, length, MADV_DONTNEED) != 0:
            error = ctypes.get_errno()
            raise OSError(error, f"madvise of a search index mapping failed: {os.strerror(error)}")
    return len(mappings)


class MappedPagesLimit:
    """One per worker process: ``after_request`` releases the index's pages once the process
    has more than ``limit_mb`` of file-backed memory resident (its libraries, about 30 MB, and
    the index's pages). A limit of 0 turns it off."""

    def __init__(self, directory: Path, limit_mb: int):
        self.directory = directory
        self.limit_mb = limit_mb
        self.releases = 0

    def after_request(self) -> bool:
        if not self.limit_mb:
            return False
        mapped = file_backed_mb()
        if mapped is None or mapped <= self.limit_mb:
            return False
        release(self.directory)
        self.releases += 1
        return True
