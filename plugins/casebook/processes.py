"""When Casebook may spread work over a second process: forking, on a machine with more than one core."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading


def can_fork() -> bool:
    """Forking is safe on Linux in a process that runs no other thread (a server's threads, say,
    which `mkdocs serve --clean` starts while calling its build "build"); macOS advises against
    fork, Windows has none."""
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
    )
