"""The HTTP service: the Flask app factory (:mod:`.app`), its API blueprints (:mod:`.api`), the
gunicorn settings and hooks (:mod:`.gunicorn_conf`), admission control (:mod:`.admission`), batch
helper processes (:mod:`.fanout`), JSON logs (:mod:`.logs`) and Prometheus metrics (:mod:`.metrics`).
"""
