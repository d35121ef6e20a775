"""One writer per output: a lock file beside it, ``OUT.lock``.

The lock is created atomically (``O_CREAT|O_EXCL``) and holds the owner's pid, host, start time, the
machine's boot id and the process start time from ``/proc``, and a random token. While the run lives,
a thread refreshes the lock's modification time every ``HEARTBEAT_SECONDS`` (the heartbeat). A second
run that finds a live lock raises ``OutputLocked`` naming the other run and touches nothing.

A lock is stale, and is taken over, when
- on this host: its process is gone (or a zombie), the pid now belongs to another process (its start
  time differs: pid reuse), or the machine was restarted since (another boot id);
- from another host (a shared or network file system): its heartbeat is older than ``STALE_SECONDS``.
  The other host's process cannot be seen from here, so this relies on the hosts' clocks agreeing
  within minutes (NTP) and on the owner's heartbeat reaching the file server.

Taking over is done under a second lock, ``OUT.lock.takeover`` (also ``O_EXCL``): its holder reads the
lock again, removes it only if it is still the same stale lock, and creates its own with ``O_EXCL``, so
two runs that find the same stale lock cannot both win. ``O_EXCL`` is atomic on local file systems and
on NFSv3/v4 (Linux clients); on NFSv2 and some FUSE or SMB mounts it is not, and there two runs started
in the same instant could both believe they hold the lock.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import socket
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

from .errors import OutputError, OutputLocked
from .outputs import fsync_dir, parent

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 30.0
STALE_SECONDS = 600.0  # a lock from another host without a heartbeat for this long is stale
YOUNG_SECONDS = 30.0  # an empty or unreadable lock this young may be still being written: live


@dataclass
class LockInfo:
    pid: int
    host: str
    started: str
    boot_id: str = ""
    proc_start: str = ""
    token: str = ""

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}, started {self.started}"


def boot_id() -> str:
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as fh:
            return fh.read().strip()
    except OSError:
        return ""


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (state first); None when unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read().decode("ascii", "replace")
    except FileNotFoundError:
        return []
    except OSError:
        return None
    return data[data.rfind(")") + 2:].split()


def proc_start(pid: int) -> str:
    """The process's start time in clock ticks since boot ('' when unknown): pid + this is unique."""
    fields = _stat(pid)
    return fields[19] if fields and len(fields) > 19 else ""


def pid_alive(pid: int) -> bool:
    fields = _stat(pid)
    if fields is not None:
        return bool(fields) and fields[0] not in ("Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def this_process() -> LockInfo:
    now = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    return LockInfo(os.getpid(), socket.gethostname(), now, boot_id(), proc_start(os.getpid()), secrets.token_hex(8))


def read_lock(path: str) -> tuple[LockInfo | None, float]:
    """(the lock's owner or None when unreadable, its heartbeat as an mtime); FileNotFoundError if gone."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
        mtime = os.fstat(fh.fileno()).st_mtime
    try:
        data = json.loads(text)
        info = LockInfo(**{k: data[k] for k in LockInfo.__dataclass_fields__ if k in data})
        info.pid = int(info.pid)
    except (ValueError, TypeError, KeyError):
        return None, mtime
    return info, mtime


def stale_reason(info: LockInfo | None, mtime: float, now: float | None = None,
                 stale_seconds: float = STALE_SECONDS) -> str | None:
    """Why the lock is stale, or None when its owner may be alive."""
    age = (time.time() if now is None else now) - mtime
    if info is None:
        return f"unreadable lock, {age:.0f} s old" if age > YOUNG_SECONDS else None
    if info.host != socket.gethostname():
        return f"no heartbeat from {info.host} for {age:.0f} s" if age > stale_seconds else None
    if info.boot_id and boot_id() and info.boot_id != boot_id():
        return "the machine has restarted since"
    if not pid_alive(info.pid):
        return f"process {info.pid} is gone"
    if info.proc_start and proc_start(info.pid) and proc_start(info.pid) != info.proc_start:
        return f"pid {info.pid} now belongs to another process"
    return None


class OutputLock:
    """``with OutputLock(output):`` holds ``output.lock`` for this process, with a heartbeat."""

    def __init__(self, output: str, heartbeat: float = HEARTBEAT_SECONDS, stale_seconds: float = STALE_SECONDS) -> None:
        self.output = output
        self.path = f"{output}.lock"
        self.heartbeat, self.stale_seconds = heartbeat, stale_seconds
        self.info: LockInfo | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def acquire(self) -> OutputLock:
        me = this_process()
        for _ in range(100):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
            except FileExistsError:
                self._check(me)
                continue
            except OSError as exc:
                raise OutputError(self.path, exc) from None
            try:
                os.write(fd, (json.dumps(asdict(me)) + "\n").encode("utf-8"))
                os.fsync(fd)
            except OSError as exc:
                os.close(fd)
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
                raise OutputError(self.path, exc) from None
            os.close(fd)
            with contextlib.suppress(OSError):
                fsync_dir(parent(self.path))
            self.info = me
            self._start_heartbeat()
            return self
        raise OutputLocked(f"{self.output} is locked ({self.path}) and could not be taken over; "
                           "another run keeps starting on it")

    def _check(self, me: LockInfo) -> None:
        """The lock exists: raise OutputLocked if its owner lives, else take it over."""
        try:
            info, mtime = read_lock(self.path)
        except FileNotFoundError:
            return  # released meanwhile: try again
        except OSError as exc:
            raise OutputError(self.path, exc) from None
        reason = stale_reason(info, mtime, stale_seconds=self.stale_seconds)
        if reason is None:
            who = info.describe() if info else "a run that is still writing its lock"
            raise OutputLocked(f"{self.output} is being written by another run ({who}; lock {self.path}); "
                               "wait for it to finish, or stop it and use --resume")
        self._take_over(me, info, reason)

    def _take_over(self, me: LockInfo, stale: LockInfo | None, reason: str) -> None:
        guard = f"{self.path}.takeover"
        try:
            fd = os.open(guard, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            with contextlib.suppress(OSError):
                g, mtime = read_lock(guard)
                if stale_reason(g, mtime, stale_seconds=min(self.stale_seconds, 60.0)) is not None:
                    os.unlink(guard)  # left by a run that died while taking over
            time.sleep(0.05)
            return
        except OSError as exc:
            raise OutputError(guard, exc) from None
        try:
            os.write(fd, (json.dumps(asdict(me)) + "\n").encode("utf-8"))
            os.close(fd)
            try:
                again, mtime = read_lock(self.path)
            except FileNotFoundError:
                return
            if (again.token if again else None) == (stale.token if stale else None) and \
                    stale_reason(again, mtime, stale_seconds=self.stale_seconds) is not None:
                os.unlink(self.path)
                log.warning("%s: took over the lock of a run that is no longer alive (%s; %s)", self.output,
                            stale.describe() if stale else "owner unknown", reason)
        except OSError as exc:
            raise OutputError(self.path, exc) from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(guard)

    def _start_heartbeat(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._beat, name=f"lock heartbeat {self.path}", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        while not self._stop.wait(self.heartbeat):
            with contextlib.suppress(OSError):
                os.utime(self.path)

    def release(self) -> None:
        """Stop the heartbeat and remove the lock if it is still this process's."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self.info is None:
            return
        with contextlib.suppress(OSError):
            info, _ = read_lock(self.path)
            if info is not None and info.token == self.info.token:
                os.unlink(self.path)
        self.info = None

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc: Any) -> None:
        self.release()
