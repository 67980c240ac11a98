"""Django settings changed at run time, as a script or a test runner does it."""

from django.conf import settings

# expect: PY-WEB-013
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.SHA1PasswordHasher"]


def configure_standalone():
    settings.configure(
        # expect: PY-WEB-013
        PASSWORD_HASHERS=["django.contrib.auth.hashers.CryptPasswordHasher"],
        # safe: PY-WEB-014
        AUTH_PASSWORD_VALIDATORS=[{"NAME": "myapp.validators.LengthValidator"}],
    )
