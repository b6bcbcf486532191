"""A deterministic synthetic corpus in the seed archive's vocabulary (pure Python).

The same spec and seed always give the same rows, so anyone can rerun the
benchmark and compare. Rows are generated lazily, one at a time, so memory
stays flat whatever the size.
"""

import random
import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"

FIRST_NAMES = (
    "Amelia Ben Chloe Dev Emma Farah Gareth Hannah Imran Jess Kieran Laura Mo Nadia Owen Priya Raj Sara Tom "
    "Uma Victor Wendy Yusuf Zoe Alan Beth Carl Dina Eric Fiona"
).split()
LAST_NAMES = (
    "Patel Smith Jones Khan Williams Brown Taylor Davies Evans Wilson Thomas Roberts Johnson Lewis Walker "
    "Hughes Green Hall Wood Clarke"
).split()
COMMENTER_WORDS = (
    "Partner Salaried Locum Rural City Retired Tired Dr GP Trainee Anon Sessional Northern".split()
)


@dataclass(frozen=True)
class CorpusSpec:
    articles: int = 100_000
    comments: int = 1_000_000
    authors: int = 500
    publications: int = 20
    seed: int = 2026
    first_year: int = 2004
    last_year: int = 2026

    @property
    def comments_per_article(self) -> float:
        return self.comments / max(1, self.articles)


@dataclass
class Vocabulary:
    words: list[str]
    cumulative: list[float]
    organisations: list[tuple[str, str]]  # (slug, a name the text can use)
    terms: list[tuple[str, str]]

    @classmethod
    def from_fixtures(cls, fixtures: Path = FIXTURES) -> "Vocabulary":
        counts: Counter = Counter()
        for path in sorted((fixtures / "sources").glob("*.txt")):
            counts.update(re.findall(r"[A-Za-z][A-Za-z’'-]*", path.read_text(encoding="utf-8")))
        words = sorted(counts)
        organisations = [
            (row["slug"], row["abbreviation"] or row["name"])
            for row in tomllib.loads((fixtures / "organisations.toml").read_text())["organisation"]
        ]
        terms = [
            (row["slug"], row["abbreviation"] or row["name"])
            for row in tomllib.loads((fixtures / "policy_terms.toml").read_text())["term"]
        ]
        return cls(words, list(accumulate(counts[word] for word in words)), organisations, terms)


@dataclass
class ArticleRow:
    id: int
    title: str
    standfirst: str
    body: str
    publication: int  # 1-based index
    published_on: date
    authors: list[int]  # 1-based person indices
    organisations: dict[int, int] = field(default_factory=dict)  # 1-based index -> count
    terms: dict[int, int] = field(default_factory=dict)


@dataclass
class CommentRow:
    id: int
    article: int
    author_name: str
    posted_at: datetime
    body: str
    position: int
    terms: dict[int, int] = field(default_factory=dict)


def zipf_weights(n: int, exponent: float = 1.1) -> list[float]:
    return list(accumulate(1 / (rank**exponent) for rank in range(1, n + 1)))


def person_names(count: int) -> list[str]:
    names = [f"{first} {last}" for last in LAST_NAMES for first in FIRST_NAMES]
    names += [f"Dr {name}" for name in names]
    return names[:count]


def publication_names(count: int) -> list[str]:
    known = ["Pulse", "HSJ", "BMJ", "GP Online", "The King's Fund blog", "Nuffield Trust comment"]
    return (known + [f"Practice Journal {number}" for number in range(1, count + 1)])[:count]


class Generator:
    def __init__(self, spec: CorpusSpec, vocabulary: Vocabulary):
        self.spec, self.vocabulary = spec, vocabulary
        self.author_weights = zipf_weights(spec.authors)
        self.organisation_weights = zipf_weights(len(vocabulary.organisations), 0.9)
        self.term_weights = zipf_weights(len(vocabulary.terms), 0.9)
        commenters = [f"{a} {b}" for a in COMMENTER_WORDS for b in COMMENTER_WORDS if a != b]
        self.commenters = commenters + person_names(400)
        self.commenter_weights = zipf_weights(len(self.commenters), 1.0)

    def words(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.vocabulary.words, cum_weights=self.vocabulary.cumulative, k=count)

    def sentences(self, rng: random.Random, count: int, names: list[str]) -> str:
        words = self.words(rng, count)
        for name in names:  # the names the piece is tagged with appear in its text
            words.insert(rng.randrange(len(words) + 1), name)
        sentences, start = [], 0
        while start < len(words):
            length = rng.randint(8, 24)
            sentence = " ".join(words[start : start + length])
            sentences.append(sentence[:1].upper() + sentence[1:] + ".")
            start += length
        return " ".join(sentences)

    def articles(self) -> Iterator[ArticleRow]:
        spec = self.spec
        days = (date(spec.last_year, 12, 31) - date(spec.first_year, 1, 1)).days
        for number in range(1, spec.articles + 1):
            rng = random.Random(spec.seed * 1_000_003 + number)
            organisations = Counter(
                rng.choices(
                    range(1, len(self.vocabulary.organisations) + 1),
                    cum_weights=self.organisation_weights,
                    k=rng.randint(0, 6),
                )
            )
            terms = Counter(
                rng.choices(
                    range(1, len(self.vocabulary.terms) + 1),
                    cum_weights=self.term_weights,
                    k=rng.randint(1, 8),
                )
            )
            names = [self.vocabulary.organisations[index - 1][1] for index in organisations.elements()]
            names += [self.vocabulary.terms[index - 1][1] for index in terms.elements()]
            length = int(rng.triangular(300, 1500, 300))
            paragraphs = []
            remaining, name_queue = length, list(names)
            while remaining > 0:
                size = min(remaining, rng.randint(40, 120))
                share = [name_queue.pop() for _ in range(min(len(name_queue), rng.randint(0, 2)))]
                paragraphs.append(self.sentences(rng, size, share))
                remaining -= size
            if name_queue:
                paragraphs.append(self.sentences(rng, 10, name_queue))
            title_words = self.words(rng, rng.randint(5, 11))
            if terms:
                title_words.insert(0, self.vocabulary.terms[next(iter(terms)) - 1][1])
            author_count = rng.choices([0, 1, 2], weights=[5, 80, 15])[0]
            yield ArticleRow(
                id=number,
                title=(lambda text: text[:1].upper() + text[1:])(" ".join(title_words))[:290],
                standfirst=self.sentences(rng, rng.randint(15, 35), []),
                body="\n\n".join(paragraphs),
                publication=rng.randint(1, spec.publications),
                published_on=date(spec.first_year, 1, 1) + timedelta(days=int(days * rng.random() ** 0.7)),
                authors=sorted(
                    set(
                        rng.choices(
                            range(1, spec.authors + 1), cum_weights=self.author_weights, k=author_count
                        )
                    )
                ),
                organisations=dict(organisations),
                terms=dict(terms),
            )

    def comments(self, published: dict[int, date] | None = None) -> Iterator[CommentRow]:
        """Comments spread over the articles (Poisson-like around the average per article)."""
        spec = self.spec
        number = 0
        for article in range(1, spec.articles + 1):
            rng = random.Random(spec.seed * 7_000_003 + article)
            count = min(int(rng.expovariate(1 / spec.comments_per_article)), 400)
            remaining = spec.comments - number
            count = remaining if article == spec.articles else min(count, remaining)
            start = datetime.combine(
                published[article] if published else date(2015, 1, 1), datetime.min.time()
            )
            for position in range(1, count + 1):
                number += 1
                terms = Counter()
                names = []
                if rng.random() < 0.15:
                    index = rng.choices(
                        range(1, len(self.vocabulary.terms) + 1), cum_weights=self.term_weights
                    )[0]
                    terms[index] += 1
                    names.append(self.vocabulary.terms[index - 1][1])
                yield CommentRow(
                    id=number,
                    article=article,
                    author_name=rng.choices(self.commenters, cum_weights=self.commenter_weights)[0],
                    posted_at=start + timedelta(minutes=rng.randint(30, 60 * 24 * 5)),
                    body=self.sentences(rng, rng.randint(10, 150), names),
                    position=position,
                    terms=dict(terms),
                )
