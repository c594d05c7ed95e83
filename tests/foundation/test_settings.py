"""Settings: environment defaults, clear errors, secrets never printed."""

import subprocess
import sys

import pytest

from vsme_pipeline.settings import Environment, SettingsError, load_settings, mask_url

SECRET = "Sup3rS3cretPw"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for key in (
        "VSME_ENV",
        "SCOPE321_DATABASE_URL",
        "VSME_GURU_DATABASE_URL",
        "PRIMARY_DATABASE_URL",
        "SCOPE321_DATABASE_NAME",
        "VSME_GURU_DATABASE_NAME",
        "EXTERNAL_DATABASE_NAME",
        "VSME_MAX_POOL_SIZE",
    ):
        monkeypatch.delenv(key, raising=False)


@pytest.mark.parametrize(
    ("env", "reference"),
    [
        ("development", "co2-intensities-dev"),
        ("test", "co2-intensities-test"),
        ("staging", "co2-intensities-staging"),
        ("production", "co2-intensities"),
    ],
)
def test_reference_database_and_pools_default_per_environment(monkeypatch, env, reference):
    monkeypatch.setenv("VSME_ENV", env)
    monkeypatch.setenv("SCOPE321_DATABASE_URL", "mongodb+srv://u:p@cluster.example.net/")
    monkeypatch.setenv("VSME_GURU_DATABASE_URL", "mongodb+srv://u:p@cluster2.example.net/")
    settings = load_settings()
    assert settings.env == Environment(env)
    assert settings.reference_database_name == reference
    expected_pool = {"development": 10, "test": 10, "staging": 50, "production": 100}[env]
    assert settings.client_options()["maxPoolSize"] == expected_pool


def test_primary_database_url_is_accepted_for_vsme_guru(monkeypatch):
    monkeypatch.setenv("PRIMARY_DATABASE_URL", "mongodb://localhost:27017")
    assert load_settings().vsme_guru_database_url.get_secret_value() == "mongodb://localhost:27017"


def test_no_url_in_development_means_embedded_database():
    settings = load_settings()
    assert settings.uses_embedded_database
    assert settings.scope321_database_name == "scope321"
    assert settings.vsme_guru_database_name == "vsme_guru"


def test_each_problem_gets_one_line_naming_the_variable(monkeypatch):
    monkeypatch.setenv("VSME_ENV", "prod")
    monkeypatch.setenv("SCOPE321_DATABASE_URL", f"postgres://admin:{SECRET}@db/x")
    monkeypatch.setenv("VSME_GURU_DATABASE_NAME", "bad/name")
    monkeypatch.setenv("VSME_MAX_POOL_SIZE", "lots")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    problems = raised.value.problems
    assert len(problems) == 4
    assert problems[0].startswith("VSME_ENV: must be one of")
    assert any(p.startswith("SCOPE321_DATABASE_URL: must start with mongodb://") for p in problems)
    assert any(p.startswith("VSME_GURU_DATABASE_NAME: is not a valid MongoDB database name") for p in problems)
    assert any(p.startswith("VSME_MAX_POOL_SIZE:") for p in problems)
    assert SECRET not in str(raised.value)


def test_production_requires_both_urls(monkeypatch):
    monkeypatch.setenv("VSME_ENV", "production")
    monkeypatch.setenv("SCOPE321_DATABASE_URL", "mongodb+srv://u:p@cluster.example.net/")
    with pytest.raises(SettingsError, match="VSME_GURU_DATABASE_URL must be set when VSME_ENV=production"):
        load_settings()


def test_database_names_must_differ(monkeypatch):
    monkeypatch.setenv("VSME_GURU_DATABASE_NAME", "scope321")
    with pytest.raises(SettingsError, match="must differ"):
        load_settings()


def test_mask_url_hides_password_and_secret_options():
    url = f"mongodb+srv://app:{SECRET}@cluster0.abc.mongodb.net/db?retryWrites=true&password={SECRET}"
    masked = mask_url(url)
    assert SECRET not in masked
    assert masked.startswith("mongodb+srv://app:****@cluster0.abc.mongodb.net/db?")
    assert "retryWrites=true" in masked


def test_password_never_appears_in_repr_describe_or_cli_output(monkeypatch, tmp_path):
    url = f"mongodb://app:{SECRET}@127.0.0.1:1/?serverSelectionTimeoutMS=200"
    monkeypatch.setenv("SCOPE321_DATABASE_URL", url)
    monkeypatch.setenv("VSME_GURU_DATABASE_URL", url)
    monkeypatch.setenv("VSME_SERVER_SELECTION_TIMEOUT_MS", "200")
    monkeypatch.setenv("VSME_EMBEDDED_DIR", str(tmp_path))
    settings = load_settings()
    assert SECRET not in repr(settings)
    assert SECRET not in str(settings.describe())
    # The real CLI against an unreachable server: it reports failure, never the password.
    result = subprocess.run(
        [sys.executable, "-m", "vsme_pipeline.cli.main", "doctor"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert "unreachable" in result.stdout
    assert "app:****@127.0.0.1" in result.stdout
    assert SECRET not in result.stdout + result.stderr


def test_cli_reports_invalid_settings_one_line_each(monkeypatch):
    monkeypatch.setenv("VSME_ENV", "nope")
    monkeypatch.setenv("VSME_MAX_POOL_SIZE", "0")
    result = subprocess.run(
        [sys.executable, "-m", "vsme_pipeline.cli.main", "doctor"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    lines = [line.strip() for line in result.stderr.splitlines() if line.strip().startswith("- ")]
    assert lines == [
        "- VSME_ENV: must be one of: 'development', 'test', 'staging' or 'production'",
        "- VSME_MAX_POOL_SIZE: Input should be greater than or equal to 1",
    ]
