"""duluan: listen to Vietnamese public opinion online, and answer it well."""

__version__ = "0.1.0"

__all__ = ["__version__"]
