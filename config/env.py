"""Settings read from the environment (plain Python, tested without Django).

Every problem with the configuration raises ConfigError, which manage.py and
wsgi.py turn into one clear line on stderr instead of a traceback.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlparse


class ConfigError(Exception):
    pass


TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_flag(environ, name: str, default: bool = False) -> bool:
    value = environ.get(name)
    if value is None:
        return default
    v = value.strip().lower()
    if v in TRUE:
        return True
    if v in FALSE:
        return False
    raise ConfigError(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def is_production(environ) -> bool:
    env = environ.get("DJANGO_ENV", "local").strip().lower()
    if env not in {"local", "production"}:
        raise ConfigError(f"DJANGO_ENV={env!r} must be 'local' or 'production'")
    return env == "production"


def secret_key(environ, base_dir: Path, production: bool) -> str:
    """DJANGO_SECRET_KEY; production refuses to start without one.

    A local run generates a key once into the git-ignored file .secret_key.
    """
    key = environ.get("DJANGO_SECRET_KEY", "").strip()
    if key:
        if production and len(key) < 32:
            raise ConfigError("DJANGO_SECRET_KEY is too short for production (at least 32 characters)")
        return key
    if production:
        raise ConfigError("DJANGO_SECRET_KEY must be set when DJANGO_ENV=production")
    path = base_dir / ".secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    path.write_text(key + "\n")
    path.chmod(0o600)
    return key


def allowed_hosts(environ, debug: bool) -> list[str]:
    value = environ.get("DJANGO_ALLOWED_HOSTS", "")
    hosts = [h.strip() for h in value.split(",") if h.strip()]
    return hosts or ["127.0.0.1", "localhost", "[::1]"]


def database(environ, base_dir: Path) -> dict:
    """DATABASE_URL (sqlite:///path or postgres://user:pass@host:port/name) → DATABASES['default']."""
    url = environ.get("DATABASE_URL", "").strip() or f"sqlite:///{base_dir / 'db.sqlite3'}"
    scheme = urlparse(url).scheme
    if scheme == "sqlite":
        path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else ""
        if not path:
            raise ConfigError(f"DATABASE_URL={url!r}: a SQLite URL is sqlite:///relative/or/absolute/path.db")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path if path == ":memory:" else str(base_dir / path) if not os.path.isabs(path) else path,
            # Persistent connections: opening one (and its PRAGMAs) per request capped gunicorn
            # at a fifth of the static-file rate.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN: no "database is locked" upgrades mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            },
        }
    if scheme in {"postgres", "postgresql", "pgsql"}:
        import dj_database_url

        try:
            cfg = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except Exception as exc:  # dj-database-url raises several types
            raise ConfigError(f"DATABASE_URL is not a valid PostgreSQL URL: {exc}") from None
        if not cfg.get("NAME"):
            raise ConfigError(f"DATABASE_URL={url!r} names no database")
        # Test databases are created from template0 so that they take the cluster's
        # C.UTF-8 locale (Chinese trigram search needs a UTF-8 ctype, see NOTES.md).
        cfg["TEST"] = {"TEMPLATE": "template0", "CHARSET": "UTF8"}
        # JIT compilation costs 40 ms per query once a plan's estimate passes jit_above_cost (the
        # search's EXISTS filters over fifty editions do): far more than the page's whole budget; parallel
        # workers take longer to start than a page's queries take to run.
        options = cfg.setdefault("OPTIONS", {})
        ours = "-c jit=off -c max_parallel_workers_per_gather=0"
        options["options"] = " ".join(x for x in (options.get("options", ""), ours) if x)
        return cfg
    raise ConfigError(
        f"DATABASE_URL={url!r} is not understood: use sqlite:///path.db or postgres://user:pass@host/name"
    )


def proxy_count(environ, production: bool) -> int:
    """DJANGO_PROXY_COUNT: how many reverse proxies stand between the clients and the app (default: one in
    production, none locally)."""
    raw = environ.get("DJANGO_PROXY_COUNT", "1" if production else "0").strip()
    if not raw.isdigit() or int(raw) > 5:
        raise ConfigError(f"DJANGO_PROXY_COUNT={raw!r}: the number of reverse proxies in front of the app (0–5)")
    return int(raw)
