"""What may be in a trainee's message: text, not control bytes or half a character.

A message can come from a paste, a pipe with the wrong encoding or a hostile file. Lone surrogates
(half of a UTF-16 pair; what undecodable bytes become on a surrogateescape stream) cannot be stored,
printed or converted by OpenCC; control characters (NUL, ESC, the bidi overrides that turn a line
around) have no place in a chat. They are dropped; tab and newline stay.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and C1, bidi embeddings/overrides/isolates, lone surrogates,
# and U+FFFD, the mark a decoder leaves for bytes it could not read.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffd]")


def clean_text(text: str) -> str:
    """The text without control characters, lone surrogates and undecodable-byte marks."""
    return _UNWANTED.sub("", text)


def cleaned(text: str) -> tuple[str, bool]:
    """The cleaned text, and whether anything was removed (to tell the trainee)."""
    result = clean_text(text)
    return result, result != text
