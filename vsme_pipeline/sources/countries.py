"""Country names (English and national, as users type them) -> ISO 3166-1 alpha-2 codes (pure)."""

__all__ = ["COUNTRY_NAMES", "country_code"]

COUNTRY_NAMES: dict[str, str] = {
    "austria": "AT", "österreich": "AT", "belgium": "BE", "belgique": "BE", "belgië": "BE", "bulgaria": "BG",
    "croatia": "HR", "hrvatska": "HR", "cyprus": "CY", "czechia": "CZ", "czech republic": "CZ", "česko": "CZ",
    "denmark": "DK", "danmark": "DK", "estonia": "EE", "eesti": "EE", "finland": "FI", "suomi": "FI",
    "france": "FR", "germany": "DE", "deutschland": "DE", "greece": "GR", "ελλάδα": "GR", "hungary": "HU",
    "magyarország": "HU", "ireland": "IE", "éire": "IE", "italy": "IT", "italia": "IT", "latvia": "LV",
    "latvija": "LV", "lithuania": "LT", "lietuva": "LT", "luxembourg": "LU", "malta": "MT",
    "netherlands": "NL", "the netherlands": "NL", "nederland": "NL", "holland": "NL", "poland": "PL",
    "polska": "PL", "portugal": "PT", "romania": "RO", "românia": "RO", "slovakia": "SK", "slovensko": "SK",
    "slovenia": "SI", "slovenija": "SI", "spain": "ES", "españa": "ES", "sweden": "SE", "sverige": "SE",
    "norway": "NO", "norge": "NO", "noreg": "NO", "iceland": "IS", "ísland": "IS", "liechtenstein": "LI",
    "switzerland": "CH", "schweiz": "CH", "suisse": "CH", "svizzera": "CH", "united kingdom": "GB",
    "uk": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "united states": "US", "usa": "US",
}

_ISO = set(COUNTRY_NAMES.values()) | {"EL"}


def country_code(raw: str | None) -> str | None:
    """``"Norway"``, ``"norge"``, ``"no"``, ``"NO"`` -> ``"NO"``; None when not known.

    Two letters are taken as a code when they are one of the known codes (``EL``, the EU's code
    for Greece, gives ``GR``; ``UK`` gives ``GB``).
    """
    if raw is None:
        return None
    value = raw.strip()
    if len(value) == 2 and value.isalpha():
        upper = value.upper()
        if upper == "EL":
            return "GR"
        if upper == "UK":
            return "GB"
        if upper in _ISO:
            return upper
    return COUNTRY_NAMES.get(" ".join(value.lower().split()))
