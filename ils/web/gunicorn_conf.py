"""Gunicorn's settings for `make run` and production: a few processes with threads (the app is
I/O- and database-bound), workers recycled now and then, and request heads kept small.

Overridable by the environment: ILS_WORKERS, ILS_THREADS, ILS_TIMEOUT; the address comes from
`--bind` (the Makefile's HOST and PORT)."""
import os

workers = int(os.environ.get("ILS_WORKERS", 2))
threads = int(os.environ.get("ILS_THREADS", 4))
timeout = int(os.environ.get("ILS_TIMEOUT", 60))
graceful_timeout = 20
max_requests, max_requests_jitter = 2000, 200
limit_request_line, limit_request_fields, limit_request_field_size = 8190, 100, 8190
accesslog = "-"
forwarded_allow_ips = os.environ.get("ILS_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Gunicorn's control socket is one per user ($HOME/.gunicorn): two servers would share it.
control_socket_disable = True
