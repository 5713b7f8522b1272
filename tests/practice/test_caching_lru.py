"""The per-process LRU that holds the page cache's local copies and the plans of a render's
reads: bounded by weight, least recently used out first, consistent under threads."""

import threading

from practice.caching.state import LRU


def test_the_least_recently_used_go_first_by_weight():
    lru = LRU(capacity=10, weigh=len)
    lru.put("a", "xxxx")
    lru.put("b", "xxxx")
    assert lru.get("a") == "xxxx"  # now the most recently used
    lru.put("c", "xxxx")
    assert lru.get("b") is None and lru.get("a") and lru.get("c")
    assert lru.total == 8 and len(lru) == 2
    lru.put("huge", "x" * 11)  # heavier than the whole capacity: not kept, nothing evicted
    assert lru.get("huge") is None and lru.total == 8


def test_threads_leave_it_consistent():
    lru = LRU(capacity=50, weigh=len)

    def work(offset):
        for n in range(2_000):
            key = (offset + n) % 80
            lru.put(key, "x" * (key % 5 + 1))
            lru.get((key * 7) % 80)
            if n % 3 == 0:
                lru.discard((key + 1) % 80)

    threads = [threading.Thread(target=work, args=(i * 13,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    kept = [lru.get(key) for key in range(80)]
    assert lru.total == sum(len(value) for value in kept if value is not None) <= 50
