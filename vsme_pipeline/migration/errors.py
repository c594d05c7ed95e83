"""Errors of the migration system. Every message names the revision, the database and the
operation involved, so that an operator reading a CI log or a pager alert knows where to look."""


class MigrationError(Exception):
    """Base class of every error raised by the migration system."""


class RevisionError(MigrationError):
    """The revision scripts are inconsistent (bad module, broken chain, branch, unknown id)."""


class MultipleHeads(RevisionError):
    """The revision graph has several heads (a branch) where one is needed; merge them."""

    def __init__(self, message: str, heads: list[str]):
        self.heads = heads
        super().__init__(message)


class PlanError(MigrationError):
    """A target cannot be reached from the recorded state (unknown revision, wrong direction)."""


class ChecksumMismatch(MigrationError):
    """An applied revision script was edited (or deleted) after it ran."""


class LockTimeout(MigrationError):
    """Another runner holds the migration lock of a database for longer than we may wait."""


class LockLost(MigrationError):
    """Our lock expired or was taken over while a revision ran (heartbeat could not renew it)."""


class OperationError(MigrationError):
    """One schema operation (create_collection, create_index, set_validator ...) failed."""

    def __init__(self, operation: str, target: str, cause: BaseException):
        self.operation = operation
        self.target = target
        self.cause = cause
        super().__init__(f"{operation}({target}) failed: {type(cause).__name__}: {cause}")


class MigrationFailed(MigrationError):
    """A revision raised while it ran against one database; it was recorded as failed."""

    def __init__(self, revision: str, database: str, direction: str, operation: str, cause: BaseException):
        self.revision = revision
        self.database = database
        self.direction = direction
        self.operation = operation
        self.cause = cause
        super().__init__(
            f"revision {revision} failed during {direction} of database '{database}' in {operation}: "
            f"{type(cause).__name__}: {cause}. The database is left as the last successful revision left it "
            f"(revision {revision} is recorded as failed); fix the cause and rerun to resume."
        )
