"""Run before `make run` starts gunicorn: is the archive (or something else) already on the port?

Usage: python -m dev.preflight PIDFILE HOST PORT
Exits 1 with a plain message instead of letting gunicorn fail obscurely.
"""

import os
import socket
import sys
from pathlib import Path


def running_pid(pidfile: Path) -> int | None:
    try:
        pid = int(pidfile.read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host if host not in ("0.0.0.0", "") else "127.0.0.1", port)) == 0


def main(pidfile: str, host: str, port: str) -> int:
    pid = running_pid(Path(pidfile))
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}/"
    if pid:
        print(
            f"The archive is already running at {url} (gunicorn, process {pid}).\n"
            f"Open that address, or stop it first (Ctrl-C in its terminal, or `kill {pid}`)."
        )
        return 1
    if port_in_use(host, int(port)):
        print(f"Port {port} is already in use by another program. Try: make run PORT={int(port) + 1}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
