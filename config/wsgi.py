import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()

# Import the URLconf, and with it every view module, while the server starts rather than in a worker's first
# request (several seconds of CPU on a small machine: the PDF, chart and report modules). With gunicorn's
# preload_app (gunicorn.conf.py) this happens once, in the master, before the workers are forked.
from django.db import connections  # noqa: E402
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
connections.close_all()  # no connection opened while importing may be shared by forked workers
