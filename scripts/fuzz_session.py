"""Print a session cookie value for a user, as after password and second factor (API fuzzing only).

Usage: DJANGO_SETTINGS_MODULE=config.settings python scripts/fuzz_session.py USERNAME
"""

import sys

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from grassroots.accounts.models import User  # noqa: E402

if settings.PRODUCTION:
    sys.exit("refusing to mint sessions with PRODUCTION=1")
user = User.objects.get(username=sys.argv[1])
device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
if device is not None:
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session.create()
sys.stdout.write(session.session_key + "\n")
