"""A random SECRET_KEY for local runs, kept in a git-ignored file so sessions survive restarts."""

import secrets
from pathlib import Path


def local_secret_key(folder: Path) -> str:
    path = folder / "local-secret-key"
    if path.exists():
        return path.read_text().strip()
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key
