"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "symbiose.settings")
application = get_wsgi_application()

from symbiose.checks import refuse_insecure_start  # noqa: E402  (needs settings loaded)

refuse_insecure_start()

from symbiose.web.caches import bound_in_this_process  # noqa: E402

bound_in_this_process()  # a web process keeps its text caches small (issue 13)
