"""Text mode: find the article in a full-page text dump.

``fragments`` rejoins the pieces a dump makes of one paragraph, ``language`` detects
the document's language and gives its stopwords, ``classify`` judges each line from
what the text shows and from its neighbours, ``article`` turns the judgement into
``generic.boilerplate`` removal records.
"""

from .article import RULE, find_article
from .fragments import Group, rejoin

__all__ = ["RULE", "Group", "find_article", "rejoin"]
