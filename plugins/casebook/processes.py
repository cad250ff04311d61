"""When Casebook may spread work over a second process: forking, on a machine with more than one core."""

from __future__ import annotations

import multiprocessing
import os
import sys


def can_fork() -> bool:
    """Forking a process that runs no other threads is safe on Linux; macOS advises against fork, Windows has none."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1
