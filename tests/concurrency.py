"""Run one step in many threads at once, each on its own database connection, for the tests
that prove a guarantee under real concurrent PostgreSQL transactions."""

import threading

from django.db import connections


def run_concurrently(count, attempt, *, timeout=120):
    """Call `attempt(i, go)` for i in range(count), each in its own thread, and return their
    results in order. Each attempt calls `go()` just before the step that races: the barrier
    releases all of them together. An exception in a thread is raised here, after all end."""
    barrier = threading.Barrier(count)
    results = [None] * count
    errors = []

    def go():
        barrier.wait(timeout=30)

    def run(i):
        try:
            results[i] = attempt(i, go)
        except BaseException as error:  # noqa: BLE001 - raised below, in the test's thread
            errors.append(error)
            barrier.abort()  # the others stop waiting for an attempt that will never come
        finally:
            connections.close_all()  # each thread opened its own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    stuck = sum(thread.is_alive() for thread in threads)
    assert not stuck, f"{stuck} of {count} attempts still running after {timeout} s"
    if errors:
        raise errors[0]
    return results
