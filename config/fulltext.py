"""What a visitor typed, as words a full-text search can take: shared by the site search,
the event and resource listings and the forums."""

import re

# Visitors type words, not query syntax: quotes, operators and brackets mean nothing to them
# and some break the database's full-text parser (SQLite's FTS5 on a lone ").
_NOT_A_WORD = re.compile(r"[^\w\s'-]+")


def search_terms(query: str) -> str:
    return " ".join(_NOT_A_WORD.sub(" ", query).split())
