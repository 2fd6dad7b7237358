"""Text a student controls, made safe to show: in a terminal, a CSV file, a notebook or a web page.

Student folder names, file names, exception messages and printed output can hold newlines, carriage
returns and terminal escape sequences that would forge rows of a report or fake messages. ``printable``
escapes every control character (and, with ``keep_lines``, all but newlines and tabs), and cuts long text.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    character = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(
        character, f"\\x{ord(character):02x}" if ord(character) < 256 else f"\\u{ord(character):04x}"
    )


def printable(text, limit: int = 500, keep_lines: bool = False) -> str:
    """``text`` with its control characters escaped (newlines and tabs kept when ``keep_lines``), cut to ``limit``."""
    text = str(text)
    if len(text) > limit:
        text = text[:limit] + f" ... [{len(text) - limit} more characters]"
    return (_CONTROL_BUT_LINES if keep_lines else _CONTROL).sub(_escape, text)
