# gunicorn configuration for the Procfile: `gunicorn -c config/gunicorn.conf.py app:app`.
# Every value comes from the environment through quotes.common.settings (see docs/deployment.md, Configuration).
from quotes.service.gunicorn_conf import *  # noqa: F401,F403
