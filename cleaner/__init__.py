"""cleaner: turn scraped web articles into clean text, with every removal explained."""

from .pipeline import Cleaner
from .records import CleanResult, Removal
from .rules import RuleError

__all__ = ["Cleaner", "CleanResult", "Removal", "RuleError"]
__version__ = "0.1.0"
