"""Errors raised by classfit_client. Catch `ClassfitError` for all of them."""


class ClassfitError(Exception):
    """Base class of every error this package raises on purpose."""


class TransportError(ClassfitError):
    """The server could not be reached, or answered with something that is not a GraphQL response."""


class GraphQLError(ClassfitError):
    """The server answered with GraphQL `errors` (e.g. NOT_FOUND, BAD_USER_INPUT, UNAUTHENTICATED).

    `errors` is the list of error objects; `code` the first one's `extensions.code`.
    """

    def __init__(self, errors):
        self.errors = list(errors)
        self.code = (self.errors[0].get("extensions") or {}).get("code") if self.errors else None
        super().__init__("; ".join(f"{e.get('message')}" + (f" [{(e.get('extensions') or {}).get('code')}]" if (e.get("extensions") or {}).get("code") else "") for e in self.errors))


class NotFoundError(GraphQLError):
    """Something named in a request (model, layer, run) does not exist."""


class UserInputError(ClassfitError):
    """A mutation rejected its input: `user_errors` holds the server's `userErrors` ({field, message, code})."""

    def __init__(self, operation, user_errors):
        self.operation = operation
        self.user_errors = list(user_errors)
        details = "; ".join(
            (".".join(e["field"]) + ": " if e.get("field") else "") + e.get("message", "") for e in self.user_errors
        )
        super().__init__(f"{operation} was rejected: {details}")


class UploadUnavailableError(ClassfitError):
    """The server has no upload endpoint (an older classfit, before issue 8's `importModel(input: { uploadId })`)."""


class AnalysisFailedError(ClassfitError):
    """`wait` saw the run end FAILED or CANCELLED; `run` is the final run dict."""

    def __init__(self, run):
        self.run = run
        reason = f": {run.get('error')}" if run.get("error") else ""
        super().__init__(f"fit run {run.get('id')} ended {run.get('status')}{reason}")
