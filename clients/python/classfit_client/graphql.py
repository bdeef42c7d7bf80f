"""A minimal GraphQL-over-HTTP transport (stdlib only): POST JSON, bearer token, errors mapped to exceptions."""
import json
import urllib.error
import urllib.request

from .errors import GraphQLError, NotFoundError, TransportError


class GraphQLTransport:
    def __init__(self, url, token=None, timeout=60.0):
        self.url = url
        self.token = token
        self.timeout = timeout

    def execute(self, query, variables=None):
        """Runs one operation; returns `data`, or raises GraphQLError (NotFoundError for NOT_FOUND) / TransportError."""
        body = json.dumps({"query": query, "variables": variables or {}}).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = response.read()
        except urllib.error.HTTPError as error:
            payload = error.read()  # GraphQL servers answer 4xx with an `errors` body
            if not payload:
                raise TransportError(f"{self.url}: HTTP {error.code} {error.reason}") from None
        except (urllib.error.URLError, OSError) as error:
            raise TransportError(f"cannot reach {self.url}: {getattr(error, 'reason', error)}") from None
        try:
            result = json.loads(payload)
        except ValueError:
            raise TransportError(f"{self.url} did not answer with JSON: {payload[:200]!r}") from None
        errors = result.get("errors")
        if errors:
            codes = {(e.get("extensions") or {}).get("code") for e in errors}
            raise (NotFoundError if "NOT_FOUND" in codes else GraphQLError)(errors)
        if "data" not in result:
            raise TransportError(f"{self.url} answered without `data`: {str(result)[:200]}")
        return result["data"]
