"""Optional XBRL validation with Arelle (``arelle-release``, extra ``arelle``), offline.

Arelle loads an xBRL-JSON report (plugin ``loadFromOIM``) or an Inline XBRL document, resolves
the taxonomy it names through the taxonomy package zips given (``VSME_TAXONOMY_PACKAGE``: one path
or several separated by ``os.pathsep``) and validates it (XBRL 2.1, dimensions, OIM). Without a
package the taxonomy cannot be resolved offline: `arelle_package_paths` returns ``[]`` and the
callers say so and rely on the offline self-check (`selfcheck`) alone. No network access is ever
attempted (``internetConnectivity="offline"``). Arelle is imported at call time only.
"""

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["PACKAGE_SETTING", "ArelleResult", "arelle_package_paths", "validate_with_arelle"]

PACKAGE_SETTING = "VSME_TAXONOMY_PACKAGE"


@dataclass(frozen=True, slots=True)
class ArelleResult:
    """Arelle's messages by level (``code: message``); ``ok`` when it loaded and found no error."""

    loaded: bool
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fact_count: int = 0

    @property
    def ok(self) -> bool:
        return self.loaded and not self.errors


def arelle_package_paths(environ: dict[str, str] | None = None) -> list[Path]:
    """The taxonomy package zips configured (``VSME_TAXONOMY_PACKAGE``); missing files raise."""
    raw = (environ if environ is not None else dict(os.environ)).get(PACKAGE_SETTING, "").strip()
    if not raw:
        return []
    paths = [Path(p) for p in raw.split(os.pathsep) if p.strip()]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"{PACKAGE_SETTING}: no such taxonomy package {', '.join(missing)}")
    return paths


def validate_with_arelle(document: Path, packages: Sequence[Path]) -> ArelleResult:
    """Load and validate ``document`` (``.json`` xBRL-JSON or ``.html``/``.xhtml`` iXBRL) with Arelle."""
    from arelle.api.Session import Session  # type: ignore[import-untyped]
    from arelle.RuntimeOptions import RuntimeOptions  # type: ignore[import-untyped]

    plugins = "loadFromOIM" if document.suffix == ".json" else "inlineXbrlDocumentSet"
    options = RuntimeOptions(
        entrypointFile=str(document),
        packages=[str(p) for p in packages],
        plugins=plugins,
        validate=True,
        internetConnectivity="offline",
        keepOpen=True,
        logFormat="[%(messageCode)s] %(message)s",
        logFile="logToBuffer",
    )
    with Session() as session:
        session.run(options)
        logs = json.loads(session.get_logs("json") or "{}").get("log", [])
        models = session.get_models()
        fact_count = sum(len(getattr(m, "facts", []) or []) for m in models)
        loaded = any(getattr(m, "modelDocument", None) is not None for m in models)
    errors, warnings = [], []
    for entry in logs:
        level = str(entry.get("level", "")).lower()
        text = f"{entry.get('code', '')}: {entry.get('message', {}).get('text', '') if isinstance(entry.get('message'), dict) else entry.get('message', '')}"
        if level in ("error", "critical", "fatal"):
            errors.append(text)
        elif level == "warning":
            warnings.append(text)
    return ArelleResult(loaded=loaded and fact_count > 0, errors=errors, warnings=warnings, fact_count=fact_count)
