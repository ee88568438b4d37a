"""Request parsing, Twilio's error exception and the two paging shapes (2010-04-01
`next_page_uri` and v1/v2 `meta.next_page_url`), shared by the sandbox's API modules."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode


class ApiError(Exception):
    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def not_found(path: str) -> ApiError:
    return ApiError(404, 20404, f"The requested resource {path} was not found")


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    form: dict[str, list[str]]
    json: dict | None
    host_url: str  # scheme://host[:port] the client called

    @classmethod
    def from_environ(cls, environ: dict) -> Request:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length).decode("utf-8") if length else ""
        form: dict[str, list[str]] = {}
        body = None
        if environ.get("CONTENT_TYPE", "").startswith("application/json"):
            try:
                body = json.loads(raw) if raw else {}
            except ValueError:
                raise ApiError(400, 20001, "The request body is not valid JSON") from None
            if not isinstance(body, dict):
                raise ApiError(400, 20001, "The request body must be a JSON object")
        else:
            form = parse_qs(raw, keep_blank_values=True)
        host = environ.get("HTTP_HOST") or (
            f"{environ.get('SERVER_NAME', '127.0.0.1')}:{environ.get('SERVER_PORT', '80')}")
        return cls(
            method=environ.get("REQUEST_METHOD", "GET"), path=environ.get("PATH_INFO", ""),
            query=parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True),
            form=form, json=body, host_url=f"{environ.get('wsgi.url_scheme', 'http')}://{host}",
        )

    def arg(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None

    def field(self, name: str) -> str | None:
        values = self.form.get(name)
        return values[0] if values else None

    def page(self, default_size: int = 50) -> tuple[int, int]:
        """(page number, page size ≤ 1000) from Page / PageSize."""
        try:
            page = max(0, int(self.arg("Page") or 0))
            size = max(1, min(1000, int(self.arg("PageSize") or default_size)))
        except ValueError:
            raise ApiError(400, 20001, "Page and PageSize must be whole numbers") from None
        return page, size


def v1_page(request: Request, key: str, items: list[dict], default_size: int = 50) -> dict:
    """A Content/Messaging-style page: `{key: [...], "meta": {..., "next_page_url"}}` with
    absolute URLs on the host the client called (Twilio gives its own host)."""
    page, size = request.page(default_size)
    chunk = items[page * size:(page + 1) * size]
    params = {k: v[0] for k, v in request.query.items() if k not in ("Page", "PageSize",
                                                                    "PageToken")}

    def url(number: int) -> str:
        return (f"{request.host_url}{request.path}?"
                + urlencode({**params, "PageSize": size, "Page": number}))

    has_next = (page + 1) * size < len(items)
    return {key: chunk, "meta": {
        "page": page, "page_size": size, "first_page_url": url(0),
        "previous_page_url": url(page - 1) if page > 0 else None, "url": url(page),
        "next_page_url": url(page + 1) if has_next else None, "key": key,
    }}


def v2010_page(request: Request, key: str, items: list[dict], default_size: int = 50) -> dict:
    """A 2010-04-01 list page: `{key: [...], "next_page_uri": …, "page": …}` (relative URIs)."""
    page, size = request.page(default_size)
    chunk = items[page * size:(page + 1) * size]
    params = {k: v[0] for k, v in request.query.items() if k not in ("Page", "PageSize",
                                                                    "PageToken")}

    def uri(number: int) -> str:
        return request.path + "?" + urlencode({**params, "PageSize": size, "Page": number})

    has_next = (page + 1) * size < len(items)
    return {
        key: chunk,
        "end": page * size + max(len(chunk) - 1, 0),
        "first_page_uri": uri(0),
        "next_page_uri": uri(page + 1) if has_next else None,
        "page": page,
        "page_size": size,
        "previous_page_uri": uri(page - 1) if page > 0 else None,
        "start": page * size,
        "uri": uri(page),
    }
