"""marshmallow schemas: the v1 request and response contract.

The response schemas dump the frozen dataclasses of :mod:`quotes.model`
directly; the request schema validates what clients send.
"""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates

SCHEMA_VERSION = "1"
TYPES = ("direct", "indirect", "mixed")
FRAMES = ("speech", "belief", "intention", "evidence")


class OptionsSchema(Schema):
    min_confidence = fields.Float(load_default=0.0, validate=validate.Range(0.0, 1.0))
    types = fields.List(fields.String(validate=validate.OneOf(TYPES)), load_default=None)
    frames = fields.List(fields.String(validate=validate.OneOf(FRAMES)), load_default=None)
    include_speakers = fields.Boolean(load_default=True)
    include_skipped = fields.Boolean(load_default=True)


class AttributionRequestSchema(Schema):
    text = fields.String(required=True)
    id = fields.String(load_default=None, validate=validate.Length(max=256))
    options = fields.Nested(OptionsSchema, load_default=lambda: OptionsSchema().load({}))

    def __init__(self, max_chars: int, **kwargs):
        super().__init__(**kwargs)
        self.max_chars = max_chars

    @validates("text")
    def _text(self, value: str, **_: object) -> None:
        if not value.strip():
            raise ValidationError("text is empty")
        if len(value) > self.max_chars:
            raise ValidationError(f"text has {len(value)} characters; the limit is {self.max_chars}")


class SpanSchema(Schema):
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    text = fields.String(required=True)


class ContentSchema(Schema):
    text = fields.String(attribute="content_text")
    spans = fields.List(fields.Nested(SpanSchema), attribute="content")


class SpeakerRefSchema(Schema):
    id = fields.String()
    mention = fields.Nested(SpanSchema)
    name = fields.String()
    role = fields.String(allow_none=True)
    kind = fields.String()


class AttributionSchema(Schema):
    id = fields.String()
    type = fields.String(validate=validate.OneOf(TYPES))
    partial = fields.Boolean()
    content = fields.Function(lambda a: ContentSchema().dump(a))
    cue = fields.Nested(SpanSchema, allow_none=True)
    speaker = fields.Nested(SpeakerRefSchema, allow_none=True)
    frame = fields.String()
    confidence = fields.Float()
    sieve = fields.String()


class SpeakerSchema(Schema):
    id = fields.String()
    name = fields.String()
    roles = fields.List(fields.String())
    kind = fields.String()
    mentions = fields.List(fields.Nested(SpanSchema))
    attributions = fields.List(fields.String())


class SkippedSchema(Schema):
    text = fields.String(attribute="span.text")
    start = fields.Integer(attribute="span.start")
    end = fields.Integer(attribute="span.end")
    reason = fields.String()


class ModelInfoSchema(Schema):
    stanza = fields.String()
    source = fields.String()
    dir = fields.String()
    name = fields.String()


class MetaSchema(Schema):
    schema_version = fields.String()
    model = fields.Nested(ModelInfoSchema)
    words = fields.Integer()
    timings_ms = fields.Dict(keys=fields.String(), values=fields.Float())


class ResultSchema(Schema):
    id = fields.String(allow_none=True)
    attributions = fields.List(fields.Nested(AttributionSchema))
    speakers = fields.List(fields.Nested(SpeakerSchema))
    skipped = fields.List(fields.Nested(SkippedSchema))
    meta = fields.Nested(MetaSchema)


class ErrorBodySchema(Schema):
    code = fields.String()
    message = fields.String()
    details = fields.Raw(allow_none=True)


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema)


def dump_result(result, *, doc_id: str | None, model: dict, options: dict | None = None) -> dict:
    """The v1 JSON document for one result (options already applied)."""
    from quotes.model import filter_result

    options = options or OptionsSchema().load({})
    shown = filter_result(
        result,
        min_confidence=options["min_confidence"],
        types=tuple(options["types"] or ()),
        frames=tuple(options["frames"] or ()),
    )
    body = ResultSchema().dump(
        {
            "id": doc_id,
            "attributions": shown.attributions,
            "speakers": shown.speakers if options["include_speakers"] else [],
            "skipped": shown.skipped if options["include_skipped"] else [],
            "meta": {"schema_version": SCHEMA_VERSION, "model": model, "words": result.words, "timings_ms": result.timings_ms},
        }
    )
    if not options["include_speakers"]:
        del body["speakers"]
    if not options["include_skipped"]:
        del body["skipped"]
    return body
