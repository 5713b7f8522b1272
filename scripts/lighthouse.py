"""Lighthouse (mobile profile) on every public page type of a running site (`make lighthouse`).

Runs the npm package installed in tools/lighthouse/ with Debian's Chromium and the flags this
machine needs, one URL at a time, and prints the four category scores per page; the JSON
reports go to var/lighthouse/. Usage: python scripts/lighthouse.py [BASE_URL]
(default http://127.0.0.1:$PORT). Exits non-zero if a page misses the targets:
Accessibility, Best Practices and SEO 100, Performance at least 95.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_ARGS  # scripts/chromium.py

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
OUT = ROOT / "var" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Audits left out of a page's category score, with the reason. Search results are noindex on
# purpose (search engines should not index result pages), which Lighthouse's SEO category
# scores as a failure. Error pages answer 4xx/5xx on purpose: the SEO category's
# http-status-code audit fails them by definition, and Chromium logs that status as a console
# error ("Failed to load resource"), which Best Practices' errors-in-console counts.
ERROR_PAGES = ("not found (404)", "forbidden (403)", "form refused (CSRF, 403)", "error (500)")
EXEMPT = {
    "search": {"seo": {"is-crawlable"}},
    **dict.fromkeys(
        ERROR_PAGES,
        {"seo": {"is-crawlable", "http-status-code"}, "best-practices": {"errors-in-console"}},
    ),
}


def _get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def _first(html, pattern):
    found = re.search(pattern, html)
    return found.group(1) if found else None


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def pages(base):
    """One URL per public page type, found by following the site's own links."""
    home = _get(base + "/")
    article = _first(home, r'class="card__title"><a href="(/blog/[^"]+/)"')
    office = _first(_get(base + "/offices/"), r'class="card__title"><a href="(/offices/[^"]+/)"')
    category = _first(_get(base + article), r'href="(/blog/category/[^"]+/)"') if article else None
    procedures = _first(home, r'href="(/[^"]*procedures/)"') or "/procedures/"
    index = _get(base + procedures)
    procedure = _first(index, r'class="card__title"><a href="(/[^"]+/)"')
    gallery = _first(index, r'class="procedures-more"><a class="button" href="(/[^"]+/)"')
    statement = _first(home, r'<p><a href="(/[^"]+/)">Accessibility</a></p>')
    found = {
        "home": "/",
        "content page": _first(home, r'href="(/about/)"'),
        "blog index": "/blog/",
        "article": article,
        "category": category,
        "offices index": "/offices/",
        "office page": office,
        "booking": "/book/",
        "booking times": "/book/times/?mode=video",
        "search": "/search/?q=eyelid",
        "procedures index": procedures,
        "procedure page": procedure,
        "gallery": gallery,
        "accessibility statement": statement,
        "not found (404)": "/no-such-page/",
    }
    # The 403, CSRF-failure and 500 pages, when the site serves their previews
    # (ERROR_PAGES_PREVIEW=true make serve): a crawler cannot cause the real ones.
    previews = {"forbidden (403)": "403", "form refused (CSRF, 403)": "csrf", "error (500)": "500"}
    for name, kind in previews.items():
        path = f"/error-pages/en/{kind}/"
        if _status(base + path) != 404:
            found[name] = path
        else:
            print(
                f"({name}: skipped, start the site with ERROR_PAGES_PREVIEW=true)", file=sys.stderr
            )
    return {name: path for name, path in found.items() if path}


def run(url, name):
    OUT.mkdir(parents=True, exist_ok=True)
    report = OUT / (re.sub(r"[^a-z0-9]+", "-", name) + ".json")
    with tempfile.TemporaryDirectory() as profile:
        flags = " ".join([*CHROMIUM_ARGS, f"--user-data-dir={profile}"])
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={flags}",
                # An error page is the page under test: score it despite its status.
                *(["--ignore-status-code"] if name in ERROR_PAGES else []),
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)},
            timeout=300,
        )
    data = json.loads(report.read_text())
    scores = {c: round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    for category, exempt in EXEMPT.get(name, {}).items():
        refs = [
            ref
            for ref in data["categories"][category]["auditRefs"]
            if ref["weight"] and ref["id"] not in exempt
        ]
        passed = sum(ref["weight"] * (data["audits"][ref["id"]]["score"] or 0) for ref in refs)
        scores[category] = round(100 * passed / sum(ref["weight"] for ref in refs))
    failed = [
        audit["id"]
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
        and audit["id"] not in ("interactive", "speed-index", "largest-contentful-paint")
    ]
    return scores, failed


def main():
    port = os.environ.get("PORT", "8000")
    base = (sys.argv[1] if len(sys.argv) > 1 else f"http://127.0.0.1:{port}").rstrip("/")
    only = os.environ.get("ONLY")
    print("| page | Performance | Accessibility | Best Practices | SEO |")
    print("| --- | ---: | ---: | ---: | ---: |")
    missed = []
    for name, path in pages(base).items():
        if only and not re.search(only, name):
            continue
        scores, failed = run(base + path, name)
        left_out = sorted(set().union(*EXEMPT.get(name, {}).values()))
        note = f" (by design; scored without {', '.join(left_out)})" if left_out else ""
        cells = " | ".join(str(scores[c]) for c in CATEGORIES)
        print(f"| {name}{note} | {cells} |", flush=True)
        if any(scores[c] < target for c, target in TARGETS.items()):
            missed.append((name, scores, failed))
    for name, scores, failed in missed:
        print(f"missed on {name}: {scores}; audits below 1: {', '.join(failed)}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
