"""Reading time of an article, from the words in its body."""

import math
import re

WORDS_PER_MINUTE = 220
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def count_words(texts) -> int:
    return sum(len(_WORD.findall(text)) for text in texts if text)


def body_texts(body):
    """Readable text of a StreamField value (HTML stripped by each block)."""
    if not body:
        return []
    return [str(text) for text in body.stream_block.get_searchable_content(body)]


def reading_time_minutes(body, words_per_minute=WORDS_PER_MINUTE) -> int:
    """Whole minutes to read `body`, at least one."""
    words = count_words(body_texts(body))
    return max(1, math.ceil(words / words_per_minute))
