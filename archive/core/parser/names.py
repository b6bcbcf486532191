"""Names as pages print them: bylines, author lists, signatures with a role ("Jane Doe, GP partner")."""

import re

OPENING_QUOTES = "‘“'\""
CLOSING_QUOTES = "’”'\""
NAME = re.compile(
    r"(?:(?:Dr|Prof|Professor|Sir|Dame|Mr|Mrs|Ms|Miss)\.? )?[A-Z][\w'’-]+(?: [A-Z][\w'’.-]*){1,3}"
)
BY_LINE = re.compile(
    r"(?:by|posted by|written by:?|words(?: by)?:?|report(?:ed)? by:?|author:?)\s+(?P<names>\S.*?)"
    r"(?:\s+at\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?",
    re.I,
)
NUMBERED_NAME = re.compile(r"(?P<number>\d{1,2})[.)]\s+(?P<name>.+)")
ROLE_MAX_WORDS = 8
NAMES_MAX_WORDS = 16
ROLE_TITLE_MAX_WORDS = 6
ROLE_WORDS = re.compile(
    r"\b(?:chief|executive|director|editor|reporter|journalist|correspondent|chair|secretary|officer|"
    r"manager|partner|fellow|lead|head|adviser|advisor|analyst|researcher|president|GP|practitioner|"
    r"lecturer|professor|consultant)s?\b",
    re.I,
)


def ends_like_sentence(text: str) -> bool:
    return text.rstrip(CLOSING_QUOTES + ")").endswith((".", ",", ";", ":", "!")) or text.endswith(("…",))


def names_in(text: str) -> list[str]:
    """ "Jane Doe and John Roe" -> both names; "Jane Doe, Chief reporter" -> Jane Doe; [] otherwise."""
    parts = [part.strip() for part in re.split(r",\s*|\s+and\s+|\s*&\s*", text.strip()) if part.strip()]
    for end, part in enumerate(parts[1:], start=1):
        if ROLE_WORDS.search(part):  # "Words: Dr Gaurav Gupta, Chief Executive": the rest is a role
            parts = parts[:end]
            break
    if parts and all(NAME.fullmatch(part) for part in parts):
        return parts
    return []


def byline_names(text: str) -> list[str]:
    if match := BY_LINE.fullmatch(text):
        return names_in(match["names"])
    return []


def signed_name(text: str) -> str | None:
    """ "Rosalind Achebe, GP PARTNER, LEEDS": a name with a role, as a response or letter is signed."""
    name, _, role = text.partition(",")
    if (
        role
        and NAME.fullmatch(name.strip())
        and len(role.split()) <= ROLE_MAX_WORDS
        and not ends_like_sentence(text)
    ):
        return name.strip()
    return None


def numbered_name(text: str) -> str | None:
    numbered = NUMBERED_NAME.fullmatch(text)
    return numbered["name"] if numbered and NAME.fullmatch(numbered["name"]) else None


def name_list(text: str) -> list[str]:
    """ "Adele Waters, Elisabeth Mahase": a line of two or more names and nothing else."""
    parts = [part.strip() for part in re.split(r",\s*|\s+and\s+|\s*&\s*", text) if part.strip()]
    if len(parts) < 2 or len(text.split()) > NAMES_MAX_WORDS or ends_like_sentence(text):
        return []
    if any(ROLE_WORDS.search(part) for part in parts):  # "Clinical Director, Riverside PCN": a role
        return []
    return parts if all(NAME.fullmatch(part) for part in parts) else []


def name_and_role(text: str) -> str | None:
    """ "Harriet Quayle Health correspondent": a name, then its role with no comma between."""
    parts = text.split()
    for size in (2, 3, 4):
        name, role = " ".join(parts[:size]), parts[size:]
        # The role ends in its job noun ("Health policy editor"), as a newspaper prints it.
        if 0 < len(role) <= 4 and NAME.fullmatch(name) and ROLE_WORDS.fullmatch(role[-1]):
            return None if ends_like_sentence(text) else name
    return None


def is_role(text: str, max_words: int = ROLE_TITLE_MAX_WORDS) -> bool:
    """ "Policy officer", "Director, Primary Care Network": short, and naming a job."""
    return len(text.split()) <= max_words and bool(ROLE_WORDS.search(text)) and "?" not in text
