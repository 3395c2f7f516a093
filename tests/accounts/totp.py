"""A second factor for tests: an authenticator app set up for a user, and the code it shows
now (RFC 6238, computed here rather than with allauth's own helper)."""

import base64
import hashlib
import hmac
import secrets
import struct
import time

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt


def code_for(secret: str, at: float | None = None) -> str:
    counter = int(time.time() if at is None else at) // 30
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def give_authenticator(user) -> str:
    """Set up an authenticator app for the user; returns its secret."""
    secret = base64.b32encode(secrets.token_bytes(20)).decode()
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(secret)}
    )
    return secret
