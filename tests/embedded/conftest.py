"""The conformance suite runs each assertion against the embedded server and, when
``VSME_CONFORMANCE_URL`` names a real MongoDB, against that too (same test, two targets)."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pymongo import MongoClient
from pymongo.database import Database

from vsme_pipeline.embedded_db import ensure_running

TARGETS = ["embedded", *(["mongodb"] if os.environ.get("VSME_CONFORMANCE_URL") else [])]


@pytest.fixture(params=TARGETS)
def target_uri(request: pytest.FixtureRequest, embedded_dir: Path) -> str:
    """Connection string of the server under test."""
    if request.param == "mongodb":
        return os.environ["VSME_CONFORMANCE_URL"]
    return ensure_running(embedded_dir).uri


@pytest.fixture
def db(target_uri: str) -> Iterator[Database[Any]]:
    """A fresh database on the server under test, dropped afterwards."""
    client: MongoClient[dict[str, Any]] = MongoClient(target_uri, serverSelectionTimeoutMS=10_000)
    name = f"conformance_{uuid.uuid4().hex[:10]}"
    try:
        yield client[name]
    finally:
        client.drop_database(name)
        client.close()
