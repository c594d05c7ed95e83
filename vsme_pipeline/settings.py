"""Settings of vsme-pipeline, read from the environment at run time.

Nothing here runs at import: call :func:`get_settings` (or construct :class:`Settings`) when a
command, a Dagster resource or a test needs them.

Environment variables (all optional in development and test):

- ``VSME_ENV``: ``development`` (default) | ``test`` | ``staging`` | ``production``.
- ``SCOPE321_DATABASE_URL``: MongoDB URL of the Scope321 cluster (companies, users, reference data).
- ``VSME_GURU_DATABASE_URL`` (also accepted: ``PRIMARY_DATABASE_URL``): MongoDB URL of VSME Guru.
- ``SCOPE321_DATABASE_NAME`` (default ``scope321``), ``VSME_GURU_DATABASE_NAME`` (default
  ``vsme_guru``), ``EXTERNAL_DATABASE_NAME`` (reference data on the Scope321 cluster; default per
  environment: ``co2-intensities-dev``, ``-test``, ``-staging``, ``co2-intensities`` in production).
- ``VSME_MAX_POOL_SIZE``, ``VSME_MIN_POOL_SIZE``, ``VSME_SERVER_SELECTION_TIMEOUT_MS``,
  ``VSME_CONNECT_TIMEOUT_MS``, ``VSME_SOCKET_TIMEOUT_MS``: override the per-environment defaults.
- ``VSME_VALIDATION_ACTION``: ``error`` | ``warn`` for the ``$jsonSchema`` validators that
  migrations install (default ``error``; ``warn`` is meant for a production rollout).
- ``VSME_EMBEDDED_DIR``: where the embedded database keeps its file and state (default
  ``.vsme/`` at the project root).
- ``VSME_CHANGE_LOOKBACK_S``: look-back window (seconds, default 600) of the incremental reporting
  stages: a report whose ``metadata.updatedAt`` is up to this much older than the last run's start
  is still considered (the web app's clock may lag the pipeline's).
- ``VSME_SHARDS``: company shards per reporting year (default 1), the second partition dimension of
  the reporting assets (see README, "Scaling out").
- ``DAGSTER_HOME`` is Dagster's own; the project's wrappers default it to ``.dagster/``.

When no database URL is set in development or test, the embedded database is used. Staging and
production require both URLs.
"""

import re
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from vsme_pipeline.operations.slow_operations import slow_operation_log

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    STAGING = "staging"
    PRODUCTION = "production"


class ValidationAction(StrEnum):
    ERROR = "error"
    WARN = "warn"


REFERENCE_DATABASE_BY_ENV: dict[Environment, str] = {
    Environment.DEVELOPMENT: "co2-intensities-dev",
    Environment.TEST: "co2-intensities-test",
    Environment.STAGING: "co2-intensities-staging",
    Environment.PRODUCTION: "co2-intensities",
}

# Pool sizes and timeouts per environment (milliseconds). Atlas clusters get larger pools and
# longer server-selection timeouts (elections, TLS handshakes); local work fails fast.
POOL_PROFILES: dict[Environment, dict[str, int]] = {
    Environment.DEVELOPMENT: {"max_pool_size": 10, "min_pool_size": 0, "server_selection_timeout_ms": 5_000,
                              "connect_timeout_ms": 5_000, "socket_timeout_ms": 60_000},
    Environment.TEST: {"max_pool_size": 10, "min_pool_size": 0, "server_selection_timeout_ms": 5_000,
                       "connect_timeout_ms": 5_000, "socket_timeout_ms": 60_000},
    Environment.STAGING: {"max_pool_size": 50, "min_pool_size": 1, "server_selection_timeout_ms": 15_000,
                          "connect_timeout_ms": 10_000, "socket_timeout_ms": 120_000},
    Environment.PRODUCTION: {"max_pool_size": 100, "min_pool_size": 2, "server_selection_timeout_ms": 15_000,
                             "connect_timeout_ms": 10_000, "socket_timeout_ms": 120_000},
}

# MongoDB database names: no /\. "$*<>:|? or NUL, at most 63 bytes.
_DATABASE_NAME = re.compile(r'^[^/\\. "$*<>:|?\x00]{1,63}$')


class SettingsError(Exception):
    """Invalid settings: one line per problem, never a secret."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid settings:\n" + "\n".join(f"  - {p}" for p in problems))


def mask_url(url: str | None) -> str | None:
    """Return the URL with its password (and any ``password=`` query option) replaced by ``****``."""
    if url is None:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, hosts = netloc.rsplit("@", 1)
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:****@{hosts}" if ":" in userinfo else f"{user}@{hosts}"
    query = re.sub(r"(?i)(password|secret|token)=[^&]*", r"\1=****", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


class Settings(BaseSettings):
    """Everything the pipeline needs to know about where it runs."""

    model_config = SettingsConfigDict(extra="ignore", case_sensitive=False, populate_by_name=True)

    env: Environment = Field(Environment.DEVELOPMENT, validation_alias="VSME_ENV")
    scope321_database_url: SecretStr | None = Field(None, validation_alias="SCOPE321_DATABASE_URL")
    vsme_guru_database_url: SecretStr | None = Field(
        None, validation_alias=AliasChoices("VSME_GURU_DATABASE_URL", "PRIMARY_DATABASE_URL")
    )
    scope321_database_name: str = Field("scope321", validation_alias="SCOPE321_DATABASE_NAME")
    vsme_guru_database_name: str = Field("vsme_guru", validation_alias="VSME_GURU_DATABASE_NAME")
    external_database_name: str | None = Field(None, validation_alias="EXTERNAL_DATABASE_NAME")

    max_pool_size: int | None = Field(None, ge=1, le=1000, validation_alias="VSME_MAX_POOL_SIZE")
    min_pool_size: int | None = Field(None, ge=0, le=1000, validation_alias="VSME_MIN_POOL_SIZE")
    server_selection_timeout_ms: int | None = Field(
        None, ge=100, le=600_000, validation_alias="VSME_SERVER_SELECTION_TIMEOUT_MS"
    )
    connect_timeout_ms: int | None = Field(None, ge=100, le=600_000, validation_alias="VSME_CONNECT_TIMEOUT_MS")
    socket_timeout_ms: int | None = Field(None, ge=100, le=3_600_000, validation_alias="VSME_SOCKET_TIMEOUT_MS")

    validation_action: ValidationAction = Field(ValidationAction.ERROR, validation_alias="VSME_VALIDATION_ACTION")
    embedded_dir: Path = Field(PROJECT_ROOT / ".vsme", validation_alias="VSME_EMBEDDED_DIR")

    backup_dir: Path = Field(PROJECT_ROOT / "backups", validation_alias="VSME_BACKUP_DIR")
    capacity_threshold_bytes: int = Field(5 * 1024**3, ge=1, validation_alias="VSME_CAPACITY_THRESHOLD_BYTES")
    slow_operation_ms: float = Field(500.0, ge=0, validation_alias="VSME_SLOW_OPERATION_MS")
    change_lookback_s: float = Field(600.0, ge=0, le=7 * 86400, validation_alias="VSME_CHANGE_LOOKBACK_S")
    """Look-back window of the incremental stages for the web app's and Scope321's clock skew."""
    shards: int = Field(1, ge=1, le=1024, validation_alias="VSME_SHARDS")
    """Company shards per reporting year (partitions ``reporting_year × shard``); 1: one run per year."""
    retention_snapshot_versions_days: int = Field(3653, ge=1, validation_alias="VSME_RETENTION_SNAPSHOT_VERSIONS_DAYS")
    retention_metric_versions_days: int = Field(730, ge=1, validation_alias="VSME_RETENTION_METRIC_VERSIONS_DAYS")
    retention_audit_events_days: int = Field(3653, ge=1, validation_alias="VSME_RETENTION_AUDIT_EVENTS_DAYS")

    @field_validator("scope321_database_url", "vsme_guru_database_url", mode="before")
    @classmethod
    def _blank_url_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("scope321_database_url", "vsme_guru_database_url")
    @classmethod
    def _mongodb_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            raw = value.get_secret_value()
            if not raw.startswith(("mongodb://", "mongodb+srv://")):
                raise ValueError("must start with mongodb:// or mongodb+srv://")
            if not urlsplit(raw).hostname:
                raise ValueError("has no host")
        return value

    @field_validator("scope321_database_name", "vsme_guru_database_name", "external_database_name")
    @classmethod
    def _database_name(cls, value: str | None) -> str | None:
        if value is not None and not _DATABASE_NAME.match(value):
            raise ValueError('is not a valid MongoDB database name (1-63 chars, none of /\\. "$*<>:|?)')
        return value

    @model_validator(mode="after")
    def _environment_defaults(self) -> "Settings":
        if self.external_database_name is None:
            self.external_database_name = REFERENCE_DATABASE_BY_ENV[self.env]
        for key, default in POOL_PROFILES[self.env].items():
            if getattr(self, key) is None:
                setattr(self, key, default)
        if (self.min_pool_size or 0) > (self.max_pool_size or 0):
            raise ValueError("VSME_MIN_POOL_SIZE must not exceed VSME_MAX_POOL_SIZE")
        if self.env in (Environment.STAGING, Environment.PRODUCTION):
            missing = [
                name
                for name, value in (
                    ("SCOPE321_DATABASE_URL", self.scope321_database_url),
                    ("VSME_GURU_DATABASE_URL", self.vsme_guru_database_url),
                )
                if value is None
            ]
            if missing:
                raise ValueError(f"{' and '.join(missing)} must be set when VSME_ENV={self.env.value}")
        if len({self.scope321_database_name, self.vsme_guru_database_name, self.external_database_name}) < 3:
            raise ValueError("the scope321, vsme_guru and reference database names must differ")
        return self

    @property
    def uses_embedded_database(self) -> bool:
        """True when at least one database has no URL and the embedded server stands in."""
        return self.scope321_database_url is None or self.vsme_guru_database_url is None

    @property
    def reference_database_name(self) -> str:
        assert self.external_database_name is not None
        return self.external_database_name

    def client_options(self) -> dict[str, object]:
        """Keyword arguments for ``pymongo.AsyncMongoClient`` (pools, timeouts, UTC-aware dates)."""
        return {
            "maxPoolSize": self.max_pool_size,
            "minPoolSize": self.min_pool_size,
            "serverSelectionTimeoutMS": self.server_selection_timeout_ms,
            "connectTimeoutMS": self.connect_timeout_ms,
            "socketTimeoutMS": self.socket_timeout_ms,
            "tz_aware": True,
            "appname": "vsme-pipeline",
            # one listener per threshold and process (a tuple, so clients with equal options are shared)
            "event_listeners": (slow_operation_log(self.slow_operation_ms),),
        }

    def describe(self) -> dict[str, str]:
        """The settings in effect, secrets masked, for ``vsme doctor`` and logs."""

        def url(value: SecretStr | None) -> str:
            return (mask_url(value.get_secret_value()) or "") if value else "(embedded database)"

        return {
            "VSME_ENV": self.env.value,
            "SCOPE321_DATABASE_URL": url(self.scope321_database_url),
            "VSME_GURU_DATABASE_URL": url(self.vsme_guru_database_url),
            "SCOPE321_DATABASE_NAME": self.scope321_database_name,
            "VSME_GURU_DATABASE_NAME": self.vsme_guru_database_name,
            "EXTERNAL_DATABASE_NAME": self.reference_database_name,
            "VSME_MAX_POOL_SIZE": str(self.max_pool_size),
            "VSME_MIN_POOL_SIZE": str(self.min_pool_size),
            "VSME_SERVER_SELECTION_TIMEOUT_MS": str(self.server_selection_timeout_ms),
            "VSME_CONNECT_TIMEOUT_MS": str(self.connect_timeout_ms),
            "VSME_SOCKET_TIMEOUT_MS": str(self.socket_timeout_ms),
            "VSME_VALIDATION_ACTION": self.validation_action.value,
            "VSME_EMBEDDED_DIR": str(self.embedded_dir),
            "VSME_BACKUP_DIR": str(self.backup_dir),
            "VSME_CAPACITY_THRESHOLD_BYTES": str(self.capacity_threshold_bytes),
            "VSME_SLOW_OPERATION_MS": str(self.slow_operation_ms),
        }


_ALIAS_BY_FIELD = {
    name: (
        field.validation_alias.choices[0]
        if isinstance(field.validation_alias, AliasChoices)
        else field.validation_alias
    )
    for name, field in Settings.model_fields.items()
}


def _problem_line(error: Mapping[str, Any]) -> str:
    """One line for one pydantic error, naming the environment variable, never echoing the input."""
    loc = [str(part) for part in error.get("loc", ()) if part != "__root__"]
    name = _ALIAS_BY_FIELD.get(loc[0], loc[0]) if loc else ""
    message = error.get("msg", "invalid").removeprefix("Value error, ")
    if error.get("type") == "enum":
        message = f"must be one of: {error.get('ctx', {}).get('expected', '')}"
    return f"{name}: {message}" if name else message


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment (plus overrides), raising :class:`SettingsError` with one
    clear line per problem. Passwords never appear in the message."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]  # overrides are field names checked by pydantic
    except ValidationError as exc:
        raise SettingsError([_problem_line(e) for e in exc.errors(include_input=False, include_url=False)]) from None


def get_settings() -> Settings:
    """The settings in effect now (read afresh from the environment on every call)."""
    return load_settings()
