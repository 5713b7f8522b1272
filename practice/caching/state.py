"""What the purge module remembers about one model instance between two signals.

A publish is a pre_save (the row still holds the live version) followed by page_published:
what the live version showed is read in the first and used in the second. It is kept here,
keyed by the instance's identity and dropped with it, rather than as an attribute on the
instance.
"""

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
