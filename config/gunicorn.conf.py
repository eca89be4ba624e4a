# gunicorn configuration for the Procfile: `gunicorn -c config/gunicorn.conf.py app:app`.
# Every value comes from the environment through quotes.settings (see README, Configuration).
from quotes.gunicorn_conf import *  # noqa: F401,F403
