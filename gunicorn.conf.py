"""gunicorn's settings, read from the directory it starts in (`gunicorn config.wsgi` from the project root).

The application is loaded once in the master process and the workers are forked from it: config/wsgi.py imports
the URLconf and every view module (several seconds of CPU on a small machine) once, not once per worker, and no
worker's first request waits for it. Command-line options still override these.
"""

preload_app = True
