"""gunicorn settings from the environment (``config/gunicorn.conf.py`` and
``quotes serve`` both use this module, so the Procfile and the CLI agree)."""

from quotes.settings import Settings

_s = Settings.from_env()

bind = f"0.0.0.0:{_s.port}"
workers = _s.workers
threads = _s.threads
# Load the model in the master before forking, so workers share its memory.
preload_app = _s.preload
# A worker silent past the request timeout (plus parse slack) is replaced.
timeout = _s.request_timeout + 30
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
loglevel = _s.log_level
