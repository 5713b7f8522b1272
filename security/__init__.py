"""Request security below every app: input guard, client address, two-factor, headers, logs.

The middleware that stamps request ids and security headers (CSP, Permissions-Policy) and
asks staff for their second factor, JSON logging and gunicorn's log lines (`serving`), and
what the site does when PostgreSQL is gone (`outage`: the 503 page, `migrate` without the
statement timeout). It imports no domain app (make lint checks).
"""
