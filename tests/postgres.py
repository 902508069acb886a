"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, a unix socket there.

Each pytest process (each xdist worker) starts its own cluster, so nothing is shared between
workers. initdb refuses to run as root: as root the cluster is made and run by the `postgres`
user (`runuser -u postgres -- …`), in a folder that user owns.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["Cluster", "find_bindir", "missing_reason"]

# fsync off: a crashed test cluster is thrown away anyway, and it halves CREATE DATABASE.
_SETTINGS = ("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=200", "-c", "listen_addresses=")


def _version(path: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path)) or (0,)


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl: PATH, then `pg_config --bindir`, then Debian's
    /usr/lib/postgresql/<version>/bin (newest first)."""
    candidates: list[str] = []
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(os.path.realpath(found)).parent))
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(out.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    for folder in candidates:
        if folder and all(os.access(Path(folder) / tool, os.X_OK) for tool in ("initdb", "pg_ctl")):
            return Path(folder)
    return None


def missing_reason() -> str | None:
    """Why no cluster can be started here (None when one can)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg (requirements.txt)"
    if find_bindir() is None:
        return "PostgreSQL server binaries initdb/pg_ctl (Debian's postgresql)"
    if os.geteuid() == 0 and (shutil.which("runuser") is None or _postgres_uid() is None):
        return "the postgres user and runuser (to run initdb, which refuses root)"
    return None


def _postgres_uid() -> tuple[int, int] | None:
    import pwd

    try:
        entry = pwd.getpwnam("postgres")
    except KeyError:
        return None
    return entry.pw_uid, entry.pw_gid


class Cluster:
    """One running cluster; `url(name)` gives SQLAlchemy URLs for its databases."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        # Under /tmp itself: pytest's own temp folders are private to root, and the socket path
        # must stay under ~100 characters.
        self.root = Path(tempfile.mkdtemp(prefix="zi-pg-"))
        self.data, self.log = self.root / "data", self.root / "server.log"
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            uid, gid = _postgres_uid()  # type: ignore[misc]
            os.chown(self.root, uid, gid)

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bindir / tool), *args]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"{tool} failed ({done.returncode}): "
                               f"{done.stderr}{done.stdout}{log}")

    def start(self) -> Cluster:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--locale=C", "--no-sync")
        options = " ".join([*_SETTINGS, "-c", f"unix_socket_directories={self.root}"])
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                  "-t", "60", "start")
        return self

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.root}"

    def execute(self, *statements: str) -> None:
        """Statements outside a transaction (CREATE/DROP DATABASE), on the maintenance database."""
        import psycopg

        with psycopg.connect(host=str(self.root), user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def create_database(self, name: str, template: str = "template0") -> str:
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
