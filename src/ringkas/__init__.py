"""ringkas: Indonesian news feeds to English briefs."""

from ringkas.record import Article

__version__ = "0.1.0"

__all__ = ["Article", "__version__"]
