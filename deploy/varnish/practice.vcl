# Varnish in front of the app servers (docs/deployment.md, "Varnish in front").
#
# Anonymous GETs for pages are cached as long as the app's `s-maxage` says (it says so once
# WAGTAILFRONTENDCACHE is set, e.g. FRONTEND_CACHE_PURGE_URL pointing here), never past it
# (no grace: a page must not outlive an article's expiry), and purged whole by the app on
# every change (caching.edge): `PURGE /*` bans every object of the host; a PURGE
# of any other path drops that path with all its query strings and codings. Sessions, the admin, the booking flow, every
# POST and anything the app marks private or sets a cookie on pass through uncached.
#
# Run varnishd with `-p http_gzip_support=off`: the app compresses cached pages itself (gzip
# and Brotli) and this cache keeps one copy per normalised Accept-Encoding.
# scripts/edge.py (make serve-edge) starts it beside gunicorn and rewrites the backend and
# the purgers below for the ports it picks.
vcl 4.1;

import std;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;
}

# Who may purge: the app servers (their address as Varnish sees it).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # One id per request, kept from a balancer in front, handed to the app for its logs.
    if (req.http.X-Request-ID !~ "^[A-Za-z0-9._-]{1,64}$") {
        set req.http.X-Request-ID = req.xid;
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from this address"));
        }
        # (A request line and a Host header hold no spaces, so neither value needs quotes.)
        if (req.url == "/*") {
            # The whole site of this host: what the app sends on every change.
            if (std.ban("obj.http.X-Edge-Host == " + req.http.host)) {
                return (synth(200, "Purged"));
            }
            return (synth(400, std.ban_error()));
        }
        # Every object stored for this path on this host: each query string and coding.
        set req.http.X-Purge-Path = regsub(req.url, "\?.*$", "");
        if (std.ban("obj.http.X-Edge-Host == " + req.http.host +
                    " && obj.http.X-Edge-Path == " + req.http.X-Purge-Path)) {
            return (synth(200, "Purged"));
        }
        return (synth(400, std.ban_error()));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff screens, the booking flow (per visitor, CSRF), private documents, health checks
    # and Wagtail's password form are never cached here.
    if (req.url ~ "^/(admin|django-admin|book|documents|_util)(/|\?|$)" ||
        req.url ~ "^/(healthz|readyz)") {
        return (pass);
    }
    # A session may be signed in (editors, previews): always the app's own answer.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Nothing else on a public page reads a cookie (a csrftoken only matters to a POST).
    unset req.http.Cookie;

    # One of three codings per object: Brotli, gzip or none (the app's own preference).
    if (req.http.Accept-Encoding ~ "(?i)\bbr\b(?!\s*;\s*q=0(\.0*)?\s*(,|$))") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "(?i)\bgzip\b(?!\s*;\s*q=0(\.0*)?\s*(,|$))") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    # A page filled over https carries the HSTS header; one over http does not.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # What a PURGE matches on (bans on obj.* only: the ban lurker can clear them in the
    # background); removed again before delivery.
    set beresp.http.X-Edge-Host = bereq.http.host;
    set beresp.http.X-Edge-Path = regsub(bereq.url, "\?.*$", "");

    # Only what the app says a shared cache may keep: `s-maxage` (pages) or `public`
    # (static files, images); never a cookie, never private.
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie ||
        beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)" ||
        beresp.http.Cache-Control !~ "(?i)(s-maxage|public)" ||
        beresp.http.Vary == "*") {
        # Remember for a short while not to wait for other requests of this URL.
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # No grace: an object is never served past the moment the app said it goes stale.
    set beresp.grace = 0s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Edge-Host;
    unset resp.http.X-Edge-Path;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    if (obj.uncacheable) {
        set resp.http.X-Edge-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "hit";
    } else {
        set resp.http.X-Edge-Cache = "miss";
    }
    return (deliver);
}
