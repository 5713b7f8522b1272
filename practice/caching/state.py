"""What the caching package remembers in memory: what the purge module keeps about one model
instance between two signals (InstanceState), and bounded per-process copies (LRU).

A publish is a pre_save (the row still holds the live version) followed by page_published:
what the live version showed is read in the first and used in the second. It is kept here,
keyed by the instance's identity and dropped with it, rather than as an attribute on the
instance.
"""

import collections
import threading
import weakref


class InstanceState:
    """A mapping from live objects (by identity, not equality) to a value."""

    def __init__(self):
        self._values = {}

    def set(self, instance, value):
        key = id(instance)
        if key not in self._values:
            weakref.finalize(instance, self._values.pop, key, None)
        self._values[key] = value

    def pop(self, instance, default=None):
        return self._values.pop(id(instance), default)

    def get(self, instance, default=None):
        return self._values.get(id(instance), default)

    def __len__(self):
        return len(self._values)


class LRU:
    """A bounded mapping for what one process keeps between requests: the least recently
    used values go first once their weights (`weigh(value)`, 1 each by default) pass
    `capacity`; a value heavier than the whole capacity is not kept. Safe under threads
    (gunicorn may run several per process: GUNICORN_THREADS)."""

    def __init__(self, capacity, weigh=None):
        self.capacity = capacity
        self.weigh = weigh or (lambda value: 1)
        self.total = 0
        self._items = collections.OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key, value):
        weight = self.weigh(value)
        if weight > self.capacity:
            return
        with self._lock:
            self._discard(key)
            self._items[key] = value
            self.total += weight
            while self.total > self.capacity:
                _, oldest = self._items.popitem(last=False)
                self.total -= self.weigh(oldest)

    def discard(self, key):
        with self._lock:
            self._discard(key)

    def _discard(self, key):
        value = self._items.pop(key, None)
        if value is not None:
            self.total -= self.weigh(value)

    def clear(self):
        with self._lock:
            self._items.clear()
            self.total = 0

    def __len__(self):
        return len(self._items)
