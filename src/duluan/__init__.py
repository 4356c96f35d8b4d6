"""duluan: listen to Vietnamese public opinion online, and answer it well."""

__version__ = "0.1.0"

from .errors import DuluanError, InputRejected, UsageError  # noqa: E402
from .records import Document, RawItem, RawReject  # noqa: E402
from .workspace import Workspace, find_workspace, init_workspace  # noqa: E402

__all__ = [
    "Document",
    "DuluanError",
    "InputRejected",
    "RawItem",
    "RawReject",
    "UsageError",
    "Workspace",
    "__version__",
    "find_workspace",
    "init_workspace",
]
