"""Progress on stderr: each step that can take more than a second says so, with the time since
the run started, and the total at the end. Quiet when stderr is no terminal or with -q."""

from __future__ import annotations

import sys
import time


def seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


class Progress:
    def __init__(self, enabled: bool, stream=None):
        self.enabled = enabled
        self.stream = stream
        self.started = time.perf_counter()

    @classmethod
    def for_terminal(cls, quiet: bool) -> Progress:
        return cls(enabled=not quiet and sys.stderr.isatty())

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def step(self, text: str) -> None:
        if self.enabled:
            print(f"{seconds(self.elapsed):>6} s  {text} …", file=self.stream or sys.stderr,
                  flush=True)

    def finish(self, text: str = "Klart") -> None:
        if self.enabled:
            print(f"{text} på {seconds(self.elapsed)} s.", file=self.stream or sys.stderr,
                  flush=True)


SILENT = Progress(enabled=False)
