"""Record types shared by every stage, and their JSON Schema."""

from vanban.models.record import (
    SCHEMA_VERSION,
    Agency,
    Deadline,
    Directive,
    Evidence,
    PageProvenance,
    Provenance,
    Quality,
    Reference,
    Restoration,
    Signer,
    Source,
    Task,
)


def json_schema() -> dict:
    """The published JSON Schema of an exported record."""
    schema = Directive.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://vanban.invalid/schema/directive-{SCHEMA_VERSION}.json"
    return schema


__all__ = [
    "SCHEMA_VERSION",
    "Agency",
    "Deadline",
    "Directive",
    "Evidence",
    "PageProvenance",
    "Provenance",
    "Quality",
    "Reference",
    "Restoration",
    "Signer",
    "Source",
    "Task",
    "json_schema",
]
