"""Generated pastes of a news piece with many readers' comments, for the import benchmark.

Deterministic (the same count gives the same text), in the Pulse layout the parser
reads: a title printed twice, paragraphs, then "READERS' COMMENTS [n]" and comments
headed "Name 4 April, 2023 11:17 am".
"""

import random
from datetime import datetime, timedelta

from dev.bench.corpus import COMMENTER_WORDS, FIRST_NAMES, LAST_NAMES

TITLE = "Invented ICB asks practices to report every referral"
PARAGRAPHS = [
    "Practices in an invented county have been asked to report every routine referral to the ICB.",
    "The local medical committee said the request added work without adding any care for patients.",
    "The ICB said the figures would help it plan services and that practices would be consulted.",
    "GPs said the same information was already in the referral system and could be read from there.",
]
SENTENCES = [
    "This is more paperwork for nothing.",
    "Our practice already reports far more than the contract asks.",
    "The ICB could read the referral system itself.",
    "Another week, another request from the centre.",
    "Patients will wait longer while we fill in forms.",
    "The LMC is right to push back on this.",
]


def paste_with_comments(count: int, *, seed: int = 17) -> str:
    """A paste with ``count`` comments, one minute apart from 4 April 2023 8:00 am
    (about 100 bytes a comment: 15,000 comments make 1.6 MB, the size in issue 17)."""
    rng = random.Random(seed)
    title = f"{TITLE} ({count:,} comments)"
    lines = [title, "", title, "", f"This invented piece drew {count:,} comments.", ""]
    for paragraph in PARAGRAPHS:
        lines += [paragraph, ""]
    lines += [f"READERS' COMMENTS [{count}]", ""]
    start = datetime(2023, 4, 4, 8, 0)
    for number in range(count):
        at = start + timedelta(minutes=number)
        name = rng.choice(
            [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", rng.choice(COMMENTER_WORDS)]
        )
        hour = at.hour % 12 or 12
        stamp = f"{at.day} {at:%B}, {at.year} {hour}:{at.minute:02d} {'am' if at.hour < 12 else 'pm'}"
        body = " ".join(rng.sample(SENTENCES, rng.choice((1, 2))))
        lines += [f"{name} {stamp}", "", body, ""]
    return "\n".join(lines)
