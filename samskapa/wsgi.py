import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskapa.settings.production")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, the URL patterns, the catalogues) lives as long as
# the process. Freezing it keeps the garbage collector's full passes from walking it again on
# every request that triggers one (about 110 ms each, measured in bench/chain.py).
gc.freeze()
