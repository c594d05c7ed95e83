"""National legal forms of EU/EEA countries (and the UK, CH) -> taxonomy legal-form members.

The VSME taxonomy (2025-07-30, ``UndertakingsLegalForm``) knows five members: private limited
liability undertaking, sole proprietorship, partnership, cooperative, other. National forms map to
them where the mapping is unambiguous; public limited companies (ASA, AG, NV, S.A., plc ...) are
limited liability undertakings but not *private* ones, so they map to ``other`` (the raw value is
always kept beside the member and shown). Forms not in the table map to nothing and are reported.
Sources: the national company laws as summarised in Directive (EU) 2017/1132 Annex I/II.
"""

import re

from documents.enums import LegalForm

__all__ = ["LEGAL_FORMS", "legal_form_member", "normalise_legal_form"]

_P = LegalForm.PRIVATE_LIMITED_LIABILITY
_O = LegalForm.OTHER
_S = LegalForm.SOLE_PROPRIETORSHIP
_PA = LegalForm.PARTNERSHIP
_C = LegalForm.COOPERATIVE

LEGAL_FORMS: dict[str, LegalForm] = {
    # Norway
    "as": _P, "asa": _O, "enk": _S, "ans": _PA, "da": _PA,
    # Sweden
    "ab": _P, "publ ab": _O, "ab publ": _O, "hb": _PA, "kb": _PA, "ek för": _C, "ekonomisk förening": _C,
    "enskild firma": _S,
    # Denmark
    "aps": _P, "a/s": _O, "ivs": _P, "i/s": _PA, "k/s": _PA, "amba": _C, "a.m.b.a.": _C,
    "enkeltmandsvirksomhed": _S,
    # Finland
    "oy": _P, "oyj": _O, "ay": _PA, "ky": _PA, "osk": _C, "tmi": _S,
    # Iceland
    "ehf": _P, "hf": _O, "sf": _PA,
    # Germany, Austria, Liechtenstein, Switzerland
    "gmbh": _P, "ug": _P, "ug (haftungsbeschränkt)": _P, "ag": _O, "kg": _PA, "ohg": _PA, "gbr": _PA,
    "gmbh & co. kg": _PA, "eg": _C, "e.k.": _S, "einzelunternehmen": _S, "se": _O,
    # France, Belgium, Luxembourg
    "sarl": _P, "eurl": _P, "sas": _P, "sasu": _P, "snc": _PA, "scs": _PA, "scop": _C,
    "ei": _S, "srl": _P, "sprl": _P, "sc": _C, "scrl": _C,
    # Netherlands, Belgium (Dutch)
    "bv": _P, "nv": _O, "vof": _PA, "cv": _PA, "eenmanszaak": _S, "coöperatie": _C, "bvba": _P,
    # Italy
    "s.r.l.": _P, "spa": _O, "sapa": _O, "soc. coop.": _C, "ditta individuale": _S,
    # Spain, Portugal
    "sl": _P, "slu": _P, "s.coop.": _C, "lda": _P, "unipessoal lda": _P,
    # Ireland, United Kingdom, Malta, Cyprus
    "ltd": _P, "limited": _P, "plc": _O, "llp": _PA, "lp": _PA, "sole trader": _S,
    "dac": _P, "clg": _O, "uc": _O,
    # Poland, Czechia, Slovakia, Slovenia, Croatia
    "sp. z o.o.": _P, "s.a.": _O, "s.r.o.": _P, "a.s.": _O, "d.o.o.": _P, "d.d.": _O, "j.d.o.o.": _P,
    # Hungary, Romania, Bulgaria, Greece
    "kft": _P, "zrt": _O, "nyrt": _O, "bt": _PA, "kkt": _PA, "eood": _P, "ood": _P, "ead": _O,
    "ike": _P, "epe": _P,
    # Baltic states
    "oü": _P, "sia": _P, "uab": _P,
}
"""Normalised national form -> taxonomy member (keys as :func:`normalise_legal_form` gives them)."""

# forms that mean different things in different countries: never mapped without the country
_AMBIGUOUS: dict[str, dict[str, LegalForm]] = {
    "sa": {"NO": _C, "FR": _O, "BE": _O, "LU": _O, "ES": _O, "PT": _O, "PL": _O, "CH": _O, "GR": _O, "RO": _O},
    "as": {"NO": _P, "EE": _O, "CZ": _O, "SK": _O, "LV": _O, "DK": _O},
    "srl": {"IT": _P, "RO": _P, "BE": _P, "FR": _P},
    "sas": {"FR": _P, "IT": _PA},
    "snc": {"FR": _PA, "IT": _PA},
    "ab": {"SE": _P, "FI": _P, "LT": _O},
}

# without a country, the reading of the country where the form is the everyday private company
# ("AS": Norway, the architecture document's own example; "AB": Sweden; "SAS": France); the
# others ("SA", "SRL" ...) stay unmapped without a country
_DEFAULT_READING: dict[str, LegalForm] = {"as": _P, "ab": _P, "sas": _P}

_SPACES = re.compile(r"\s+")


def normalise_legal_form(raw: str) -> str:
    """Lower case, single spaces, no trailing dot ("S.p.A." -> "spa", "S.L." -> "sl")."""
    value = _SPACES.sub(" ", raw.strip().lower())
    compact = value.replace(".", "").replace(" ", "")
    if compact in {"spa", "sapa", "sl", "slu", "sa", "sas", "sarl", "srl", "bv", "nv", "ag", "ab", "as", "asa", "aps",
                   "oy", "oyj", "ltd", "plc", "gmbh", "kg", "ohg", "eurl", "sasu", "sprl", "bvba", "llp", "lda"}:
        return compact
    return value


def legal_form_member(raw: str | None, country: str | None = None) -> LegalForm | None:
    """The taxonomy member of a free-text legal form, or None when not unambiguous.

    ``raw`` may already be a member value (``"cooperative"``). Forms such as "SA" or "AS" depend on
    the country (``country``: ISO alpha-2); without it they map only where every reading agrees.
    """
    if raw is None or not raw.strip():
        return None
    try:
        return LegalForm(raw.strip())
    except ValueError:
        pass
    key = normalise_legal_form(raw)
    if key in _AMBIGUOUS:
        readings = _AMBIGUOUS[key]
        if country and country.upper() in readings:
            return readings[country.upper()]
        if country is None and key in _DEFAULT_READING:
            return _DEFAULT_READING[key]
        return None if len(set(readings.values())) > 1 else next(iter(readings.values()))
    return LEGAL_FORMS.get(key) or LEGAL_FORMS.get(key.replace(".", ""))
