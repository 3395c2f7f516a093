"""Where uploaded files live, chosen by the environment (read by settings.py).

FILE_STORAGE=local (default): public uploads (hospital photos) under MEDIA_ROOT, private
files (passports, diplomas, agreements, referee and visa letters, photos of trainees,
exports) under PRIVATE_MEDIA_ROOT. One host, or several sharing that directory.

FILE_STORAGE=s3: both on S3-compatible object storage (django-storages), for several web
and worker hosts. Private files go to their own prefix (`private/`), in their own bucket when
AWS_PRIVATE_STORAGE_BUCKET_NAME is set; they are never given a public ACL, a custom domain or
an unsigned URL: the permission-checked views redirect to a URL signed for
PRIVATE_FILES_URL_EXPIRY seconds (60). Credentials come from boto3's usual chain
(AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or the host's role).

PRIVATE_FILES_SERVE says how a permission-checked view hands a private file out (core/files.py):
`django` streams it (default with local storage), `nginx` answers X-Accel-Redirect to an
internal location that nginx serves from PRIVATE_MEDIA_ROOT (local storage only), `s3`
redirects to a short-lived signed URL (default with S3).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"
FILESYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"


def file_storage_settings(
    env: environ.Env, *, production: bool, private_media_root: Path, static_backend: str
) -> dict:
    """The STORAGES setting and the private-file serving settings, from the environment."""
    kind = env.str("FILE_STORAGE", default="local")
    if kind not in {"local", "s3"}:
        raise ImproperlyConfigured("FILE_STORAGE must be 'local' or 's3'.")
    serve = env.str("PRIVATE_FILES_SERVE", default="s3" if kind == "s3" else "django")
    allowed = {"django", "s3"} if kind == "s3" else {"django", "nginx"}
    if serve not in allowed:
        raise ImproperlyConfigured(
            f"PRIVATE_FILES_SERVE={serve!r} does not work with FILE_STORAGE={kind!r}; "
            f"use one of {sorted(allowed)}."
        )
    expiry = env.int("PRIVATE_FILES_URL_EXPIRY", default=60)
    if kind == "local":
        storages = {
            "default": {"BACKEND": FILESYSTEM_BACKEND},
            "private": {
                "BACKEND": FILESYSTEM_BACKEND,
                "OPTIONS": {"location": str(private_media_root), "base_url": None},
            },
        }
        origins: list[str] = []
    else:
        storages, origins = _s3_storages(env, expiry=expiry)
    storages["staticfiles"] = {"BACKEND": static_backend}
    return {
        "FILE_STORAGE": kind,
        "STORAGES": storages,
        "PRIVATE_FILES_SERVE": serve,
        "PRIVATE_FILES_URL_EXPIRY": expiry,
        # nginx: `location /_protected/ { internal; alias <PRIVATE_MEDIA_ROOT>/; }`
        "PRIVATE_FILES_NGINX_LOCATION": env.str(
            "PRIVATE_FILES_NGINX_LOCATION", default="/_protected/"
        ),
        # Pictures shown inline (hospital photos, a trainee's photo) come from these origins.
        "STORAGE_ORIGINS": origins,
    }


def _s3_storages(env: environ.Env, *, expiry: int) -> tuple[dict, list[str]]:
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        raise ImproperlyConfigured("Set AWS_STORAGE_BUCKET_NAME with FILE_STORAGE=s3.")
    private_bucket = env.str("AWS_PRIVATE_STORAGE_BUCKET_NAME", default="") or bucket
    common = {
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
        "signature_version": "s3v4",
        "file_overwrite": False,
    }
    custom_domain = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
    public = {
        **common,
        "bucket_name": bucket,
        "location": env.str("AWS_PUBLIC_LOCATION", default="public"),
        "default_acl": env.str("AWS_PUBLIC_DEFAULT_ACL", default="") or None,
        # Signed by default (works with any bucket); with a public-read policy on the prefix
        # or a CDN (AWS_S3_CUSTOM_DOMAIN), set AWS_PUBLIC_QUERYSTRING_AUTH=false.
        "querystring_auth": env.bool("AWS_PUBLIC_QUERYSTRING_AUTH", default=True),
        "querystring_expire": env.int("AWS_PUBLIC_URL_EXPIRY", default=3600),
        "custom_domain": custom_domain,
    }
    private = {
        **common,
        "bucket_name": private_bucket,
        "location": env.str("AWS_PRIVATE_LOCATION", default="private"),
        # No ACL by default: the object is as private as the bucket (AWS buckets block public
        # access and refuse ACLs by default); set "private" for stores that want it said.
        "default_acl": env.str("AWS_PRIVATE_DEFAULT_ACL", default="") or None,
        "querystring_auth": True,
        "querystring_expire": expiry,
        "custom_domain": None,
        "object_parameters": {"CacheControl": "private, no-store"},
    }
    storages = {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": public},
        "private": {"BACKEND": S3_BACKEND, "OPTIONS": private},
    }
    origins = env.list("STORAGE_CSP_ORIGINS", default=[]) or _origins(
        common["endpoint_url"], common["region_name"], {bucket, private_bucket}, custom_domain
    )
    return storages, origins


def _origins(
    endpoint: str | None, region: str | None, buckets: set[str], custom_domain: str | None
) -> list[str]:
    """Where signed URLs point: path-style and virtual-host style, for each bucket."""
    origins = [f"https://{custom_domain}"] if custom_domain else []
    if endpoint:
        parts = urlsplit(endpoint)
        origins.append(f"{parts.scheme}://{parts.netloc}")
        origins += [f"{parts.scheme}://{name}.{parts.netloc}" for name in sorted(buckets)]
    else:
        hosts = ["s3.amazonaws.com", *([f"s3.{region}.amazonaws.com"] if region else [])]
        origins += [f"https://{name}.{host}" for name in sorted(buckets) for host in hosts]
        origins += [f"https://{host}" for host in hosts]
    return origins
