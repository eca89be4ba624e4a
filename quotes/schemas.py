"""marshmallow schemas: the v1 request and response contract, the one source of
both the validation and the OpenAPI document (``/v1/openapi.json``).

The response schemas dump the frozen dataclasses of :mod:`quotes.model`
directly; the request schemas validate what clients send. Limits that come
from settings (text length, batch size) are checked by the API, not here,
because they apply to the text after HTML is turned into text.
"""

from __future__ import annotations

import re
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates

from quotes.entities import RESOLVERS
from quotes.model import Result, filter_result

SCHEMA_VERSION = "1"
TYPES = ("direct", "indirect", "mixed")
FRAMES = ("speech", "belief", "intention", "evidence")
FORMATS = ("text", "html")
# Not blank: at least one character that is not white space as Python's str.strip() sees it (the
# OpenAPI ``pattern`` of DocumentSchema.text). Spelt out, because the document's regular expressions
# are ECMA 262, whose \s differs from Python's: it leaves out \x1c-\x1f and \x85, and has \ufeff.
# The same string is a Python pattern with the same meaning (tests/test_contract.py checks both).
NOT_BLANK = r"[^\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_NOT_BLANK = re.compile(NOT_BLANK)
# Lists of options (``types``, ``frames``): at most this many values (quotes.api.inputs refuses more, 422).
MAX_OPTION_VALUES = 16


def _doc(text: str, **more: Any) -> dict[str, Any]:
    return {"metadata": {"description": text, **more}}


# -- requests -----------------------------------------------------------------


class StrictBoolean(fields.Boolean):
    """JSON ``true`` or ``false`` only: marshmallow's Boolean also takes 0, 1, "yes", "on"...,
    which the document (``type: boolean``) does not allow."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class StrictFloat(fields.Float):
    """A JSON number only: marshmallow's Float also takes a numeric string ("0.5"),
    which the document (``type: number``) does not allow."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class OptionsSchema(Schema):
    min_confidence = StrictFloat(
        load_default=0.0, validate=validate.Range(0.0, 1.0), **_doc("drop attributions less sure than this (0..1)")
    )
    types = fields.List(
        fields.String(validate=validate.OneOf(TYPES)),
        load_default=None,
        validate=validate.Length(max=MAX_OPTION_VALUES),
        **_doc("only these quote types (default: all)"),
    )
    frames = fields.List(
        fields.String(validate=validate.OneOf(FRAMES)),
        load_default=None,
        validate=validate.Length(max=MAX_OPTION_VALUES),
        **_doc("only cues of these frames (default: all)"),
    )
    include_speakers = StrictBoolean(load_default=True, **_doc("return the `speakers` list"))
    include_skipped = StrictBoolean(load_default=True, **_doc("return the `skipped` list (titles, scare quotes)"))


def default_options() -> dict[str, Any]:
    return OptionsSchema().load({})


class DocumentSchema(Schema):
    """One document: its text and how to read it."""

    text = fields.String(
        required=True,
        **_doc(
            "the article; HTML when `format` is `html`. At most QUOTES_MAX_CHARS characters (default 200,000; for HTML, of"
            " the text it is turned into) and QUOTES_MAX_HTML_TAGS tags, else 422; HTML with no text is a 422 too",
            minLength=1,
            pattern=NOT_BLANK,
        ),
    )
    format = fields.String(load_default="text", validate=validate.OneOf(FORMATS), **_doc("`text` or `html`"))

    @validates("text")
    def _text(self, value: str, **_: object) -> None:
        if _NOT_BLANK.search(value) is None:  # the same as `not value.strip()`
            raise ValidationError("text is empty")


class AttributionRequestSchema(DocumentSchema):
    id = fields.String(load_default=None, validate=validate.Length(max=256), **_doc("echoed in the response"))
    options = fields.Nested(OptionsSchema, load_default=default_options)


class BatchDocumentSchema(DocumentSchema):
    id = fields.String(required=True, validate=validate.Length(max=256), **_doc("echoed in this document's result"))


class EachOrError(fields.Nested):
    """A nested item that loads to its data or, when invalid, to its ValidationError,
    so one bad document in a batch fails alone instead of failing the request."""

    def deserialize(self, value: Any, attr: str | None = None, data: Any = None, **kwargs: Any) -> Any:
        # deserialize, not _deserialize: a null document fails the null check before _deserialize
        try:
            return super().deserialize(value, attr, data, **kwargs)
        except ValidationError as exc:  # exc.valid_data keeps the fields that were valid, such as the id
            return exc


class BatchRequestSchema(Schema):
    documents = fields.List(
        EachOrError(BatchDocumentSchema),
        required=True,
        validate=validate.Length(min=1),
        **_doc("at most QUOTES_MAX_BATCH documents, parsed in bulk by the worker and its batch helpers"),
    )
    options = fields.Nested(OptionsSchema, load_default=default_options, **_doc("applied to every document"))


# -- responses ----------------------------------------------------------------


class SpanSchema(Schema):
    start = fields.Integer(required=True, **_doc("offset of the first character (Unicode code points)"))
    end = fields.Integer(required=True, **_doc("offset after the last character"))
    text = fields.String(required=True, **_doc("text[start:end]"))


class ContentSchema(Schema):
    text = fields.String(required=True, attribute="content_text", **_doc("the fragments joined by a space"))
    spans = fields.List(fields.Nested(SpanSchema), required=True, attribute="content", **_doc("one span per fragment"))


class Whole(fields.Nested):
    """Dumps the parent object itself with the nested schema (``content`` is a view of the attribution)."""

    def get_value(self, obj: Any, attr: str, accessor: Any = None, default: Any = None) -> Any:
        return obj


KINDS = ("person", "organisation", "group", "document", "unknown")
RESOLVER_NAMES = ("name", "appositive", *(name for name, _ in RESOLVERS))


class SpeakerRefSchema(Schema):
    id = fields.String(required=True, **_doc("the speaker's id in `speakers`"))
    mention = fields.Nested(SpanSchema, required=True, **_doc("the mention as written"))
    name = fields.String(
        required=True,
        allow_none=True,
        **_doc(
            "the canonical name: the fullest name the article gives, without honorifics; null when the article"
            " never names the source ('a spokesman', 'analysts') or when who a pronoun means is unclear"
        ),
    )
    role = fields.String(
        required=True, allow_none=True, **_doc("the most specific role the article gives the speaker ('chief economist at Norbank')")
    )
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    resolved_by = fields.String(
        required=True,
        validate=validate.OneOf(RESOLVER_NAMES),
        **_doc("how the mention was tied to the speaker: a written name, an apposition, a pronoun, a description, or none (nominal)"),
    )


class AttributionSchema(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(TYPES))
    partial = fields.Boolean(required=True, **_doc("a quoted fragment inside the writer's own sentence"))
    content = Whole(ContentSchema, required=True)
    cue = fields.Nested(SpanSchema, required=True, allow_none=True, **_doc("null for a quotation continuing the previous speaker"))
    speaker = fields.Nested(SpeakerRefSchema, required=True, allow_none=True, **_doc("null when no source is given"))
    frame = fields.String(required=True, validate=validate.OneOf(FRAMES))
    confidence = fields.Float(required=True)
    sieve = fields.String(required=True, **_doc("the rule that made the call"))


class SpeakerSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True, allow_none=True, **_doc("null when the article never names this source"))
    roles = fields.List(fields.String(), required=True, **_doc("every role the article gives, most specific first"))
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    mentions = fields.List(fields.Nested(SpanSchema), required=True)
    attributions = fields.List(fields.String(), required=True, **_doc("ids of this speaker's attributions"))


class SkippedSchema(Schema):
    text = fields.String(required=True, attribute="span.text")
    start = fields.Integer(required=True, attribute="span.start")
    end = fields.Integer(required=True, attribute="span.end")
    reason = fields.String(required=True, validate=validate.OneOf(("title", "scare_quote", "no_cue")))


class ModelInfoSchema(Schema):
    stanza = fields.String(required=True, **_doc("Stanza version"))
    source = fields.String(required=True, validate=validate.OneOf(("env", "official", "embedded")))
    dir = fields.String(required=True)
    name = fields.String(required=True)


class MetaSchema(Schema):
    schema_version = fields.String(required=True)
    model = fields.Nested(ModelInfoSchema, required=True)
    words = fields.Integer(required=True)
    timings_ms = fields.Dict(keys=fields.String(), values=fields.Float(), required=True, **_doc("html, parse, extract (milliseconds)"))


class ResultSchema(Schema):
    id = fields.String(required=True, allow_none=True)
    attributions = fields.List(fields.Nested(AttributionSchema), required=True)
    speakers = fields.List(fields.Nested(SpeakerSchema), **_doc("absent when options.include_speakers is false"))
    skipped = fields.List(fields.Nested(SkippedSchema), **_doc("absent when options.include_skipped is false"))
    meta = fields.Nested(MetaSchema, required=True)
    text = fields.String(**_doc("the text every offset indexes; present when the input was HTML"))


class ErrorBodySchema(Schema):
    code = fields.String(required=True, **_doc("stable, machine-readable"))
    message = fields.String(required=True, **_doc("for people"))
    details = fields.Raw(**_doc("per field messages, for invalid input"))


class ErrorSchema(Schema):
    """Every failure, whatever the status."""

    error = fields.Nested(ErrorBodySchema, required=True)
    request_id = fields.String(required=True, **_doc("as in the X-Request-ID response header"))


class DocumentErrorSchema(Schema):
    """A batch document that failed, in its result slot."""

    id = fields.String(required=True, allow_none=True)
    error = fields.Nested(ErrorBodySchema, required=True)


class ResultOrError(fields.Field):
    """A batch slot: the document's result, or its error. OpenAPI: ``oneOf`` the two."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return (DocumentErrorSchema if "error" in value else ResultSchema)().dump(value)


# A batch document that is not a BatchDocument still has a slot of its own, unless it is an object of
# more fields than this (quotes.api.inputs refuses the whole request before validating it: 422).
MAX_DOCUMENT_FIELDS = 16


def one_of_property(converter: Any, field: fields.Field, ret: dict | None = None, **_: Any) -> dict:
    """apispec attribute function: document :class:`ResultOrError` as ``oneOf``, and a batch's
    :class:`EachOrError` documents as what the service takes: a BatchDocument, or anything else
    (a wrong type, a missing field, ``null``), which fails in its own result slot with status 200."""
    if isinstance(field, ResultOrError):
        return {"oneOf": [converter.resolve_nested_schema(ResultSchema), converter.resolve_nested_schema(DocumentErrorSchema)]}
    if isinstance(field, EachOrError) and ret is not None:
        document = {"$ref": ret.pop("$ref")} if "$ref" in ret else ret.pop("allOf")[0]
        other = {
            "description": "anything else: answered 200 with this document's slot holding its `error` (invalid_input);"
            f" an object of more than {MAX_DOCUMENT_FIELDS} fields fails the whole request (422)",
            "maxProperties": MAX_DOCUMENT_FIELDS,
        }
        return {"anyOf": [document, other]}
    return {}


class BatchMetaSchema(Schema):
    schema_version = fields.String(required=True)
    model = fields.Nested(ModelInfoSchema, required=True)
    documents = fields.Integer(required=True)
    failed = fields.Integer(required=True, **_doc("documents whose slot holds an error"))
    words = fields.Integer(required=True)
    timings_ms = fields.Dict(keys=fields.String(), values=fields.Float(), required=True, **_doc("html, parse (all together), extract"))


class BatchResultSchema(Schema):
    results = fields.List(ResultOrError(), required=True, **_doc("one per document, in request order"))
    meta = fields.Nested(BatchMetaSchema, required=True)


class HealthSchema(Schema):
    status = fields.String(required=True)


class ReadySchema(Schema):
    status = fields.String(required=True)
    model = fields.Dict(required=True, **_doc("source and name of the model that serves"))


# -- building responses -------------------------------------------------------


def result_document(
    result: Result, *, doc_id: str | None, model: dict, options: dict | None = None, text: str | None = None
) -> dict[str, Any]:
    """What ResultSchema dumps for one result: the options applied, ``speakers``
    and ``skipped`` left out when not asked for, ``text`` when given (HTML input)."""
    options = options or default_options()
    shown = filter_result(
        result,
        min_confidence=options["min_confidence"],
        types=tuple(options["types"] or ()),
        frames=tuple(options["frames"] or ()),
    )
    doc: dict[str, Any] = {"id": doc_id, "attributions": shown.attributions}
    if options["include_speakers"]:
        doc["speakers"] = shown.speakers
    if options["include_skipped"]:
        doc["skipped"] = shown.skipped
    doc["meta"] = {"schema_version": SCHEMA_VERSION, "model": model, "words": result.words, "timings_ms": result.timings_ms}
    if text is not None:
        doc["text"] = text
    return doc


def dump_result(result: Result, *, doc_id: str | None, model: dict, options: dict | None = None) -> dict:
    """The v1 JSON document for one result (the CLI's output)."""
    return ResultSchema().dump(result_document(result, doc_id=doc_id, model=model, options=options))
