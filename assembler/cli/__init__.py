"""The command line: `assemble` and its commands (see commands.py)."""

import os

# pydantic looks for plugins among every installed distribution's entry points when the model's
# first class is built (a scan of site-packages, 0,03 s and more at every start); the tool uses
# none. An explicit setting of the user's is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from .commands import main  # noqa: E402

__all__ = ["main"]
