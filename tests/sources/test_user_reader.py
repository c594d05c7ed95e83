"""The web app's Prisma users read with provenance; what does not fit is kept and named (pure)."""

from datetime import UTC, datetime

from bson import ObjectId

from vsme_pipeline.sources import SourceShape, read_prisma_user

NOW = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def _prisma_user(**overrides: object) -> dict[str, object]:
    return {"_id": ObjectId(), "clerkId": "user_2abcDEF", "email": "owner@example.com", "name": "Kari Nordmann",
            "organizationId": "org-greentech-123", "createdAt": NOW, "updatedAt": NOW, **overrides}


def test_a_prisma_user_maps_every_field_with_its_source():
    doc = _prisma_user()
    reading = read_prisma_user(doc)
    assert reading.shape is SourceShape.PRISMA_USER and reading.user_id == doc["_id"]
    assert reading.organization_id == "org-greentech-123", "the Clerk organisation is the tenant key"
    user = reading.user
    assert (user.clerk_id, user.email, user.name, user.created_at, user.updated_at) == \
        ("user_2abcDEF", "owner@example.com", "Kari Nordmann", NOW, NOW)
    assert user.company_memberships == []
    assert reading.sources == {"clerk_id": "clerkId", "email": "email", "name": "name",
                               "organization_id": "organizationId", "created_at": "createdAt", "updated_at": "updatedAt"}
    assert reading.findings == [] and reading.unmapped == {}


def test_values_that_do_not_fit_are_kept_as_stored_and_named_without_personal_text():
    doc = _prisma_user(clerkId=12345, updatedAt="2024-01-01", email=["owner@example.com"], organizationId={"id": 1},
                       phone="+47 123 45 678")
    reading = read_prisma_user(doc)
    assert reading.unmapped == {"clerkId": 12345, "updatedAt": "2024-01-01", "email": ["owner@example.com"],
                                "organizationId": {"id": 1}, "phone": "+47 123 45 678"}
    assert {f.field for f in reading.findings} == set(reading.unmapped)
    assert all(f.record == f"users {doc['_id']}" for f in reading.findings)
    assert reading.user.clerk_id is None and reading.organization_id is None and reading.user.name == "Kari Nordmann"
    text = "\n".join(str(f) for f in reading.findings)
    assert "clerkId=12345" in text and "updatedAt='2024-01-01'" in text, text
    assert "example.com" not in text and "123 45" not in text, "no e-mail or phone in findings"


def test_a_user_with_nothing_but_an_id_is_still_read():
    reading = read_prisma_user({"_id": "not-an-object-id"})
    assert reading.user_id == "not-an-object-id" and reading.findings == [] and reading.user.clerk_id is None
