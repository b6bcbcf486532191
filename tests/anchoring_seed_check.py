"""Quote links end to end on the seed archive: made through POST /q/, the article edited through
the ORM (in a rolled-back transaction), the link opened. Not part of the test suite (it needs the
seed archive loaded); run it with:

    make seed && python manage.py collectstatic --noinput && \
    ALLOWED_HOSTS=testserver python manage.py shell < tests/anchoring_seed_check.py

It prints, per kind of edit, what the quote page did; "WRONG" or "NO MARK, NO NOTICE" must never
appear. Figures from a run are in the README (Quote links)."""

import html as htmllib
import random
import re
from collections import Counter

from django.core.cache import cache
from django.db import transaction
from django.test import Client

from archive.models import Article

rng = random.Random(14)
tally = Counter()
client = Client(REMOTE_ADDR="10.1.4.14")
MARK = re.compile(r'<mark class="quote-mark"[^>]*>(.*?)</mark>', re.S)


def marks(page):
    return " ".join(htmllib.unescape(re.sub("<br>", " ", m)) for m in MARK.findall(page))


articles = list(Article.objects.published())
for _case in range(300):
    cache.clear()
    article = rng.choice(articles)
    blocks = article.body.split("\n\n")
    index = rng.randrange(len(blocks))
    words = blocks[index].lstrip("#- ").split()
    if len(words) < 4:
        continue
    first = rng.randrange(len(words) - 3)
    exact = " ".join(words[first : first + rng.randint(3, 12)])
    made = client.post("/q/", {"article": article.slug, "exact": exact})
    if made.status_code != 201:
        tally["not made (" + str(made.status_code) + ")"] += 1
        continue
    url = made.json()["url"].removeprefix("http://testserver")
    kind = rng.choice(
        ["top", "delete-other", "move", "delete-own", "edit-inside", "plant-elsewhere", "delete-own+plant"]
    )
    new = list(blocks)
    others = [i for i in range(len(new)) if i != index]
    if kind == "top":
        new.insert(0, "Update: a curator added this paragraph at the top.")
    elif kind == "delete-other" and others:
        new.pop(rng.choice(others))
    elif kind == "move":
        new.insert(rng.randrange(len(new)), new.pop(index))
    elif kind == "delete-own":
        new.pop(index)
    elif kind == "edit-inside":
        new[index] = new[index].replace(exact, exact.replace(" ", "  ", 1)[:-1] + "X", 1)
    elif kind == "plant-elsewhere":
        new.insert(rng.randrange(len(new) + 1), f"Elsewhere it was said that {exact} too.")
    elif kind == "delete-own+plant":
        new.pop(index)
        new.insert(rng.randrange(len(new) + 1), f"Elsewhere it was said that {exact} too.")
    with transaction.atomic():
        article.body = "\n\n".join(new)
        article.save()
        page = client.get(url).content.decode()
        transaction.set_rollback(True)
    article.refresh_from_db()
    marked = marks(page)
    note = 'class="quote-changed"' in page
    gone = "These words are no longer in the" in page
    if not marked:
        outcome = "gone" if gone else "NO MARK, NO NOTICE"
    elif " ".join(marked.split()) == exact:
        # The exact words: wrong only if they are the planted copy while the original is gone
        outcome = "exact words"
        if kind == "delete-own+plant":
            outcome = "WRONG (planted copy)"
        if kind == "plant-elsewhere" and "Elsewhere it was said that <mark" in page.replace("\n", ""):
            outcome = "WRONG (planted copy)"
    else:
        outcome = "changed, with note" if note else "WRONG (changed words, no note)"
    tally[(kind, outcome)] += 1
for key, value in sorted(tally.items(), key=str):
    print(key, value)
