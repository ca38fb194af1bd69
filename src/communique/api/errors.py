"""Errors the HTTP layer raises itself. Like every :class:`~communique.errors.CommuniqueError` they carry a
stable ``code`` and an ``http_status`` and are returned as ``{"error": {"code": ..., "message": ...}}``."""

from __future__ import annotations

from ..errors import CommuniqueError


class ApiError(CommuniqueError):
    code = "api_error"
    http_status = 400


class InvalidRequest(ApiError):
    """A parameter or body that does not validate."""

    code = "invalid_request"
    http_status = 422


class Unauthorized(ApiError):
    """A write endpoint was called without the right token."""

    code = "unauthorized"
    http_status = 401


class TokenRequired(ApiError):
    """Write endpoints are disabled: the server listens on a non-loopback address and has no token."""

    code = "token_required"
    http_status = 403


class ReadOnly(ApiError):
    """The store was opened read-only."""

    code = "read_only"
    http_status = 409


class TooLarge(ApiError):
    code = "too_large"
    http_status = 413


class UnsupportedMediaType(ApiError):
    code = "unsupported_media_type"
    http_status = 415


class Unavailable(ApiError):
    """A part the endpoint needs (the store, the analysis module) is not installed (a missing extra)."""

    code = "unavailable"
    http_status = 503


class QueryTimeout(ApiError):
    """A read query ran past ``Settings.query_timeout`` and was interrupted."""

    code = "query_timeout"
    http_status = 503


class HostNotAllowed(ApiError):
    """The request's ``Host`` is none of the server's names (DNS rebinding guard, ``api/guard.py``)."""

    code = "host_not_allowed"
    http_status = 400


class CrossOrigin(ApiError):
    """A write from another site (or a ``no-cors`` request) without the token (``api/guard.py``)."""

    code = "cross_origin"
    http_status = 403


#: error codes for plain HTTP statuses raised by the framework (unknown route, wrong method, ...)
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}
