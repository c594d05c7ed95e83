"""Base model and datapoint field helpers shared by every schema class.

`CamelModel` mirrors how the VSME Guru web app (Prisma) stores data: snake_case Python
attributes, camelCase keys in MongoDB and JSON, unknown keys kept on a round trip.

Datapoint helpers (`quantity`, `percentage`, `monetary`, ...) declare a pydantic field and
attach the VSME metadata to its JSON Schema (`json_schema_extra`):

* ``xbrl``: local name of the concept in the EFRAG VSME XBRL taxonomy 2025-07-30
  (namespace ``https://xbrl.efrag.org/taxonomy/vsme/2025-07-30/vsme``), or a mapping
  ``{discriminator value: concept}`` when the concept depends on another field of the same
  row (e.g. B4 ``medium`` -> ``AmountOfEmissionToAir``); ``xbrlBy`` names that field;
* ``xbrlMember``: dimension member when the field holds one cell of a dimensional table
  (e.g. ``RenewableEnergyMember`` on ``BreakdownOfEnergyConsumptionAxis``);
* ``unit``: the unit the number is stored in (``MWh``, ``tCO2e``, ``m3``, ``t``, ``ha``,
  ``EUR``, ``%``, ``h`` ...);
* ``paragraph``: VSME paragraph (Annex I of Recommendation (EU) 2025/1710).

Bounds are enforced by pydantic (and become the MongoDB ``$jsonSchema`` validator):
quantities are ``>= 0``; percentages are stored as percent numbers 0-100 (XBRL
``percentItemType`` stores pure fractions, 13.3 % -> 0.133: the conversion happens at export).
"Required" is never enforced here: every datapoint defaults to ``None`` so that a draft loads.
"""

from collections.abc import Mapping
from typing import Any, Self

from beanie import Document, PydanticObjectId
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from pydantic.alias_generators import to_camel

__all__ = [
    "CAMEL_CONFIG",
    "CAMEL_DOCUMENT_CONFIG",
    "CamelDocument",
    "CamelModel",
    "Unit",
    "boolean",
    "build_document",
    "count",
    "datapoint",
    "document_alias",
    "enumeration",
    "monetary",
    "percentage",
    "quantity",
    "ratio",
    "text",
    "year",
]


class Unit:
    """Unit symbols used in the ``unit`` annotation (UTR spelling where one exists)."""

    MWH = "MWh"
    KWH = "kWh"
    TCO2E = "tCO2e"
    TCO2E_PER_EUR = "tCO2e/EUR"
    M3 = "m3"
    TONNE = "t"
    KG = "kg"
    HECTARE = "ha"
    EUR = "EUR"
    EUR_PER_HOUR = "EUR/h"
    PERCENT = "%"
    HOURS = "h"
    HOURS_PER_EMPLOYEE = "h/employee"
    EMPLOYEES = "employees"
    PERSONS = "persons"
    RATIO = "ratio"
    G_CO2E_PER_KWH = "gCO2e/kWh"
    DEGREES = "deg"


CAMEL_CONFIG = ConfigDict(
    alias_generator=to_camel,
    populate_by_name=True,
    serialize_by_alias=True,
    extra="allow",
)


class CamelModel(BaseModel):
    """Pydantic model with camelCase aliases that never drops unknown keys.

    * ``alias_generator=to_camel``: ``balance_sheet_total`` is stored as ``balanceSheetTotal``;
    * ``populate_by_name=True``: construct with either name;
    * ``serialize_by_alias=True``: ``model_dump()`` / ``model_dump_json()`` emit camelCase;
    * ``extra="allow"``: keys the web app adds are kept and written back unchanged.
    """

    model_config = CAMEL_CONFIG


def document_alias(name: str) -> str:
    """Alias generator for Beanie documents: ``id`` -> ``_id``, the rest camelCase."""
    if name == "id":
        return "_id"
    if name == "revision_id":
        return name
    return to_camel(name)


def _extra(
    xbrl: str | Mapping[str, str] | None,
    unit: str | None,
    paragraph: str | None,
    member: str | None,
    xbrl_by: str | None,
    extra: Mapping[str, Any] | None,
) -> dict[str, Any]:
    annotations: dict[str, Any] = {}
    if xbrl is not None:
        annotations["xbrl"] = xbrl if isinstance(xbrl, str) else dict(xbrl)
    if xbrl_by is not None:
        annotations["xbrlBy"] = xbrl_by
    if member is not None:
        annotations["xbrlMember"] = member
    if unit is not None:
        annotations["unit"] = unit
    if paragraph is not None:
        annotations["paragraph"] = paragraph
    if extra:
        annotations.update(extra)
    return annotations


def datapoint(
    xbrl: str | Mapping[str, str] | None = None,
    *,
    unit: str | None = None,
    paragraph: str | None = None,
    member: str | None = None,
    xbrl_by: str | None = None,
    description: str | None = None,
    default: Any = None,
    extra: Mapping[str, Any] | None = None,
    **constraints: Any,
) -> Any:
    """Declare a datapoint field carrying VSME metadata in its JSON Schema.

    ``constraints`` are passed to `pydantic.Field` (``ge``, ``le``, ``max_length`` ...).
    """
    return Field(
        default=default,
        description=description,
        json_schema_extra=_extra(xbrl, unit, paragraph, member, xbrl_by, extra),
        **constraints,
    )


def quantity(
    xbrl: str | Mapping[str, str] | None = None,
    unit: str | None = None,
    **kwargs: Any,
) -> Any:
    """A non-negative physical quantity (energy, emissions, mass, volume, area, hours)."""
    return datapoint(xbrl, unit=unit, ge=0, **kwargs)


def count(xbrl: str | Mapping[str, str] | None = None, unit: str = Unit.EMPLOYEES, **kwargs: Any) -> Any:
    """A non-negative number of people or events (float: FTE counts may be fractional)."""
    return datapoint(xbrl, unit=unit, ge=0, **kwargs)


def monetary(xbrl: str | Mapping[str, str] | None = None, unit: str = Unit.EUR, **kwargs: Any) -> Any:
    """A non-negative monetary amount in the report currency (EUR by default)."""
    return datapoint(xbrl, unit=unit, ge=0, **kwargs)


def percentage(
    xbrl: str | Mapping[str, str] | None = None,
    *,
    lower: float | None = 0,
    upper: float | None = 100,
    **kwargs: Any,
) -> Any:
    """A percent number, 0-100 by default (XBRL stores the pure fraction: /100 at export)."""
    constraints: dict[str, Any] = {}
    if lower is not None:
        constraints["ge"] = lower
    if upper is not None:
        constraints["le"] = upper
    return datapoint(xbrl, unit=Unit.PERCENT, **constraints, **kwargs)


def ratio(xbrl: str | Mapping[str, str] | None = None, **kwargs: Any) -> Any:
    """A non-negative ratio such as female/male (0.333 for 1:3)."""
    return datapoint(xbrl, unit=Unit.RATIO, ge=0, **kwargs)


def text(xbrl: str | Mapping[str, str] | None = None, **kwargs: Any) -> Any:
    """A narrative or free-text datapoint."""
    return datapoint(xbrl, **kwargs)


def boolean(xbrl: str | Mapping[str, str] | None = None, **kwargs: Any) -> Any:
    """A yes/no datapoint, or an applicability gate when ``xbrl`` is None."""
    return datapoint(xbrl, **kwargs)


def enumeration(xbrl: str | Mapping[str, str] | None = None, **kwargs: Any) -> Any:
    """A datapoint whose value is a taxonomy enumeration (see `documents.enums`)."""
    return datapoint(xbrl, **kwargs)


def year(xbrl: str | Mapping[str, str] | None = None, **kwargs: Any) -> Any:
    """A calendar year (XBRL ``gYear``), 1900-2100."""
    return datapoint(xbrl, ge=1900, le=2100, **kwargs)


CAMEL_DOCUMENT_CONFIG = ConfigDict(
    alias_generator=document_alias,
    populate_by_name=True,
    serialize_by_alias=True,
    extra="allow",
)
"""Config for Beanie documents: like `CamelModel`, but ``id`` stays ``_id``."""


_OBJECT_ID = TypeAdapter(PydanticObjectId | None)


def build_document[D: Document](document_cls: type[D], data: Mapping[str, Any] | BaseModel) -> D:
    """Validate ``data`` and build a ``document_cls`` instance without `beanie.init_beanie`.

    Beanie documents refuse construction before initialisation, yet sample data, seeds and pure
    tests need them offline. Each document inherits its fields from a pure ``*Data`` model
    (a `CamelModel`); ``data`` is validated against that model (field names or camelCase
    aliases; ``id`` or ``_id`` for the identifier) and the document is assembled from the
    validated values. The result can be inserted once Beanie is initialised.
    """
    data_model = next(
        base for base in document_cls.__mro__[1:]
        if issubclass(base, CamelModel) and not issubclass(base, Document)
    )
    values = dict(data.model_dump(by_alias=False) if isinstance(data, BaseModel) else data)
    identifier = _OBJECT_ID.validate_python(values.pop("id", values.pop("_id", None)))
    body = data_model.model_validate(values)
    fields_set = set(body.model_fields_set)
    if identifier is not None:
        fields_set.add("id")
    document: D = document_cls.model_construct(_fields_set=fields_set, id=identifier, **dict(body))
    return document


class CamelDocument(Document):
    """Base of the project's Beanie documents: camelCase keys, ``_id``, unknown keys kept.

    Fields live in a pure ``*Data`` `CamelModel` that the concrete document also inherits,
    so that the same shape can be validated and built offline (`build`).
    """

    model_config = CAMEL_DOCUMENT_CONFIG

    @classmethod
    def build(cls, data: Mapping[str, Any] | None = None, /, **fields: Any) -> Self:
        """Validate and build a document without Beanie initialisation (see `build_document`)."""
        return build_document(cls, {**(data or {}), **fields})
