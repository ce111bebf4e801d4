"""Schemathesis hooks of `npm run test:fuzz` (loaded through SCHEMATHESIS_HOOKS).

- A generator for the JSON scalar, so that ingestArticle's annotation is fuzzed: arbitrary JSON,
  annotations of the right shape whose spans match the article text, and such annotations with
  one value swapped for arbitrary JSON.
- The checks the fuzz run fails on: an HTTP 5xx, an answer that is not a JSON object, and a crash
  behind a 200: an unexpected error production mode masked (INTERNAL_SERVER_ERROR), or a null in
  a field the schema says is never null. Expected failures (BAD_USER_INPUT, FORBIDDEN, NOT_FOUND,
  ...) are the API's typed answers to nonsense, which is what fuzzing sends, so they pass.

Each failure is appended to the file named by FUZZ_FINDINGS (one JSON object a line, the request
and the answer), and what each call got to FUZZ_CALLS, for the run's own checks and report.
"""

from __future__ import annotations

import datetime
import json
import os
import threading
from typing import Any

import graphql
import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

# ---------------------------------------------------------------------------------------------
# JSON values as GraphQL literals

# Object keys must be GraphQL names to be written as a literal.
NAMES = st.from_regex(r"\A[_A-Za-z][_0-9A-Za-z]{0,15}\Z")
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=50),
)
ANY_JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(NAMES, inner, max_size=5),
    ),
    max_leaves=25,
)


def literal(value: Any) -> graphql.ValueNode:
    """A JSON value as the GraphQL literal the server's JSON scalar reads back unchanged."""
    if value is None:
        return graphql.NullValueNode()
    if isinstance(value, bool):
        return nodes.Boolean(value)
    if isinstance(value, int):
        return nodes.Int(value)
    if isinstance(value, float):
        # Finite floats print as GraphQL float literals: 0.5, 1e+20.
        return nodes.Float(value)
    if isinstance(value, str):
        return nodes.String(value)
    if isinstance(value, list):
        return nodes.List([literal(v) for v in value])
    return nodes.Object(
        [
            graphql.ObjectFieldNode(name=graphql.NameNode(value=k), value=literal(v))
            for k, v in value.items()
        ]
    )


# ---------------------------------------------------------------------------------------------
# Annotations of the right shape (schema/annotation.schema.json), over a text of their own

ACTOR_KINDS = [
    "PERSON", "STATE", "GOVERNMENT_BODY", "PLATFORM", "MEDIA_OUTLET", "CIVIL_SOCIETY",
    "OTHER_ORGANIZATION",
]  # fmt: skip
EVENT_TYPES = [
    "AD_BAN", "ACCOUNT_RESTRICTION", "CONTENT_LABELING", "BROADCAST_BAN", "PLATFORM_BLOCKING",
    "LEGAL_DESIGNATION", "RESTRICTIVE_MEASURE", "INVESTIGATION", "ACCUSATION", "CRITICISM", "DENIAL",
    "APPEAL", "THREAT", "RETALIATION_VOW", "PROTEST_ACTION", "DONATION", "STATEMENT", "ELECTION",
    "REJECTION", "EASING", "LEGAL_ACTION", "ARREST", "DEMONSTRATION",
]  # fmt: skip
ROLES = ["AGENT", "TARGET", "BENEFICIARY", "FUNDS_SOURCE", "ON_BEHALF_OF"]
MODALITIES = ["ASSERTED", "PLEDGED", "ALLEGED", "DENIED", "HYPOTHETICAL"]
PRECISIONS = ["DAY", "MONTH", "YEAR", "UNKNOWN"]
LINK_KINDS = ["RESPONDS_TO", "JUSTIFIED_BY", "PART_OF", "IN_CONTEXT_OF"]


def _seed_ids() -> dict[str, list[str]]:
    """Ids of the seed graph (written by test/fuzz/inputs.ts): an annotation that reuses them joins
    or takes over what the graph holds."""
    file = os.environ.get("FUZZ_SEED_IDS")
    if not file:
        return {}
    with open(file, encoding="utf-8") as f:
        return json.load(f)


SEEDS = _seed_ids()
SEED_ACTORS: list[str] = SEEDS.get("actors", [])
SEED_EVENTS: list[str] = SEEDS.get("events", [])

NEW_IDS = st.from_regex(r"\A[a-z0-9]{1,10}(-[a-z0-9]{1,6}){0,3}\Z")
SEED_KEYS = SEED_ACTORS + SEED_EVENTS
IDS = st.one_of(NEW_IDS, st.sampled_from(SEED_KEYS)) if SEED_KEYS else NEW_IDS
# The article text: words of the seeds (so that search finds fuzzed articles too) and any others.
WORDS = st.one_of(
    st.sampled_from(SEEDS.get("words") or ["the"]),
    st.text(st.characters(exclude_categories=["Cs", "Zs", "Cc"]), min_size=1, max_size=12),
)


FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)


def utf16_length(s: str) -> int:
    """The length JavaScript gives s: spans are offsets in UTF-16 code units."""
    return len(s.encode("utf-16-le")) // 2


@st.composite
def annotations(draw: st.DrawFn) -> dict[str, Any]:
    text = " ".join(draw(st.lists(WORDS, min_size=3, max_size=40)))

    def span() -> dict[str, Any]:
        start = draw(st.integers(min_value=0, max_value=len(text) - 1))
        end = draw(st.integers(min_value=start + 1, max_value=min(len(text), start + 60)))
        piece = text[start:end]
        return {"start": utf16_length(text[:start]), "end": utf16_length(text[:end]), "text": piece}

    def evidence() -> list[dict[str, Any]]:
        return [span() for _ in range(draw(st.integers(min_value=1, max_value=2)))]

    def date() -> str:
        # From 1900: Hypothesis favours the ends of a range, and the API refuses years below 100
        # (its calendar check reads them as 19xx), which would sink most annotations on one field.
        return draw(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)).isoformat()

    def maybe(key: str, value: Any) -> dict[str, Any]:
        return {key: value} if draw(st.booleans()) else {}

    actor_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    actors = [
        {
            "id": a,
            "name": draw(st.text(min_size=1, max_size=40)),
            "kind": draw(st.sampled_from(ACTOR_KINDS)),
            "evidence": evidence(),
            **maybe("aliases", draw(st.lists(st.text(min_size=1, max_size=30), max_size=3))),
            **maybe("country", draw(st.from_regex(r"\A[A-Z]{2}\Z"))),
            **maybe("wikidataId", draw(st.from_regex(r"\AQ[0-9]{1,8}\Z"))),
        }
        for a in actor_ids
    ]
    event_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    events = []
    for e in event_ids:
        kind = draw(st.sampled_from(EVENT_TYPES))
        precision = draw(st.sampled_from(PRECISIONS))
        events.append(
            {
                "id": e,
                "type": kind,
                "summary": draw(st.text(min_size=1, max_size=80)),
                "datePrecision": precision,
                **({} if precision == "UNKNOWN" else {"occurredOn": date()}),
                "modality": draw(st.sampled_from(MODALITIES)),
                "confidence": draw(st.floats(min_value=0, max_value=1)),
                "participants": [
                    {"actorId": a, "role": r, "evidence": evidence()}
                    for a, r in draw(
                        st.lists(
                            st.tuples(st.sampled_from(actor_ids), st.sampled_from(ROLES)),
                            min_size=1,
                            max_size=3,
                            unique=True,
                        )
                    )
                ],
                "evidence": evidence(),
                **({"mild": draw(st.booleans())} if kind == "CRITICISM" else {}),
                **maybe(
                    "amount",
                    {
                        "amount": draw(st.floats(min_value=0.01, max_value=1e12)),
                        "currency": draw(st.from_regex(r"\A[A-Z]{3}\Z")),
                        "evidence": evidence(),
                    },
                ),
            }
        )
    links = [
        {"from": f, "kind": draw(st.sampled_from(LINK_KINDS)), "to": t, "evidence": evidence()}
        for f, t in draw(
            st.lists(
                st.tuples(st.sampled_from(event_ids), st.sampled_from(event_ids + SEED_EVENTS)),
                max_size=2,
            )
        )
        if f != t
    ]
    quotes = []
    for i in range(draw(st.integers(min_value=0, max_value=2))):
        ev = evidence()
        quotes.append(
            {
                "id": f"{event_ids[0]}-q{i}",
                "text": ev[0]["text"],
                "speakerId": draw(st.sampled_from(actor_ids)),
                **maybe("eventId", draw(st.sampled_from(event_ids))),
                "evidence": ev,
            }
        )
    claims = []
    for i in range(draw(st.integers(min_value=0, max_value=2))):
        ev = evidence()
        claims.append(
            {
                "id": f"{event_ids[0]}-c{i}",
                "text": ev[0]["text"],
                "verbatim": draw(st.booleans()),
                "claimantId": draw(st.sampled_from(actor_ids)),
                "aboutIds": draw(st.lists(st.sampled_from(actor_ids), max_size=2, unique=True)),
                **maybe("eventId", draw(st.sampled_from(event_ids))),
                **({"disputes": [f"{event_ids[0]}-c0"]} if i == 1 else {}),
                "evidence": ev,
            }
        )
    positions = [
        {
            "personId": p,
            "title": draw(st.text(min_size=1, max_size=30)),
            "organizationId": o,
            "evidence": evidence(),
        }
        for p, o in draw(
            st.lists(st.tuples(st.sampled_from(actor_ids), st.sampled_from(actor_ids)), max_size=1)
        )
    ]
    return {
        "formatVersion": 1,
        "article": {
            "id": draw(IDS),
            # Not read by the API: it carries the text to the hook below, which moves it into the
            # mutation's `text` argument, so that the spans match.
            "textFile": text,
            "publisherId": draw(st.sampled_from(actor_ids)),
            "dateline": draw(st.text(min_size=1, max_size=30)),
            "publishedOn": date(),
            **maybe("title", draw(st.text(min_size=1, max_size=60))),
            **maybe("url", "https://example.org/" + draw(st.from_regex(r"\A[a-z0-9/]{0,20}\Z"))),
            **maybe("datelineEvidence", evidence()),
        },
        "actors": actors,
        "events": events,
        **({"links": links} if links else {}),
        **({"quotes": quotes} if quotes else {}),
        **({"claims": claims} if claims else {}),
        **({"positions": positions} if positions else {}),
    }


def swap_one(value: Any, replacement: Any, path: list[int]) -> Any:
    """The value with one of its parts (chosen by path, a list of draws) replaced."""
    if not path or not isinstance(value, (dict, list)) or not value:
        return replacement
    keys = list(value.keys()) if isinstance(value, dict) else list(range(len(value)))
    key = keys[path[0] % len(keys)]
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[key] = swap_one(copy[key], replacement, path[1:])
    return copy


PERTURBED = st.builds(
    swap_one,
    annotations(),
    ANY_JSON,
    st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=4),
)

# one_of picks a branch evenly, and each annotations() is a branch of its own: three in five
# values are well-formed annotations, the ones that get past validation to the writes.
JSON_VALUES = st.one_of(annotations(), annotations(), annotations(), PERTURBED, ANY_JSON)
schemathesis.graphql.scalar("JSON", JSON_VALUES.map(literal))


def _field(node: graphql.ObjectValueNode, name: str) -> graphql.ObjectFieldNode | None:
    return next((f for f in node.fields if f.name.value == name), None)


def _replace(node: graphql.ObjectValueNode, name: str, value: graphql.ValueNode) -> graphql.ObjectValueNode:
    return graphql.ObjectValueNode(
        fields=tuple(
            graphql.ObjectFieldNode(name=f.name, value=value) if f.name.value == name else f
            for f in node.fields
        )
    )


class _AlignText(graphql.Visitor):
    """Puts the text an annotation's spans were drawn from into the mutation's `text` argument."""

    def enter_object_value(self, node: graphql.ObjectValueNode, *_: Any) -> Any:
        text = _field(node, "text")
        annotation = _field(node, "annotation")
        # A text that is not a string is a negative case: it stays as it is.
        if not (text and isinstance(text.value, graphql.StringValueNode)):
            return None
        if not (annotation and isinstance(annotation.value, graphql.ObjectValueNode)):
            return None
        article = _field(annotation.value, "article")
        if not (article and isinstance(article.value, graphql.ObjectValueNode)):
            return None
        carried = _field(article.value, "textFile")
        if not (carried and isinstance(carried.value, graphql.StringValueNode)):
            return None
        article_value = _replace(article.value, "textFile", graphql.StringValueNode(value="article.txt"))
        input_value = _replace(node, "annotation", _replace(annotation.value, "article", article_value))
        return _replace(input_value, "text", graphql.StringValueNode(value=carried.value.value))


@schemathesis.hook("map_body")
def align_article_text(context: Any, body: graphql.DocumentNode) -> graphql.DocumentNode:
    return graphql.visit(body, _AlignText())


def _json_answer(response: Any) -> Any:
    try:
        return json.loads(response.content)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# What each call got, for the run's own checks: which mutations wrote (an answer with data for
# the mutation's field), one JSON object a line in the file named by FUZZ_CALLS.

CALLS = os.environ.get("FUZZ_CALLS")
# Schemathesis' workers are threads: one line at a time.
_WRITING = threading.Lock()


def _append(file: str, entry: dict[str, Any]) -> None:
    with _WRITING, open(file, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\n")


@schemathesis.hook
def after_call(context: Any, case: Any, response: Any) -> None:
    if not CALLS:
        return
    answer = _json_answer(response)
    data = answer.get("data") if isinstance(answer, dict) else None
    wrote = isinstance(data, dict) and any(v is not None for v in data.values())
    _append(CALLS, {"operation": case.operation.label, "status": response.status_code, "data": wrote})


# ---------------------------------------------------------------------------------------------
# Checks

FINDINGS = os.environ.get("FUZZ_FINDINGS")


def _record(check: str, reason: str, response: Any) -> None:
    if not FINDINGS:
        return
    request = response.request
    body = request.body.decode("utf-8", "replace") if isinstance(request.body, bytes) else request.body
    finding = {
        "check": check,
        "reason": reason,
        "request": {
            "method": request.method,
            "url": request.url,
            # The key is a secret even in a throwaway database: only whether one was sent.
            "key": "authorization" in {k.lower() for k in request.headers},
            "body": body,
        },
        "answer": {
            "status": response.status_code,
            "contentType": (response.headers.get("content-type") or [None])[0],
            "body": response.content[:4000].decode("utf-8", "replace"),
        },
    }
    _append(FINDINGS, finding)


def _fail(check: str, reason: str, response: Any) -> None:
    _record(check, reason, response)
    raise AssertionError(reason)


@schemathesis.check
def no_server_error_status(ctx: Any, response: Any, case: Any) -> None:
    """The API answers nothing with a 5xx: a 5xx is a crash, or a failure it did not type."""
    if response.status_code >= 500:
        _fail("no_server_error_status", f"HTTP {response.status_code}", response)


@schemathesis.check
def answer_is_json(ctx: Any, response: Any, case: Any) -> None:
    """Every answer is a JSON object with data or errors, served as JSON."""
    content_type = (response.headers.get("content-type") or [""])[0]
    if "json" not in content_type:
        _fail("answer_is_json", f"Content-Type is {content_type or 'missing'}", response)
    answer = _json_answer(response)
    if not isinstance(answer, dict) or not ("data" in answer or "errors" in answer):
        _fail("answer_is_json", "the body is not a GraphQL answer in JSON", response)


# graphql-js's own words when a resolver breaks the schema: never a typed answer to bad input.
NULL_IN_NON_NULL = "Cannot return null for non-nullable field"


@schemathesis.check
def no_unexpected_error(ctx: Any, response: Any, case: Any) -> None:
    """No crash behind a 200: an error production mode masked (INTERNAL_SERVER_ERROR), or a null
    where the schema promises a value."""
    answer = _json_answer(response)
    errors = answer.get("errors") if isinstance(answer, dict) else None
    for e in errors if isinstance(errors, list) else []:
        if not isinstance(e, dict):
            continue
        extensions = e.get("extensions") if isinstance(e.get("extensions"), dict) else {}
        if extensions.get("code") == "INTERNAL_SERVER_ERROR":
            _fail("no_unexpected_error", "an error masked as INTERNAL_SERVER_ERROR", response)
        if str(e.get("message", "")).startswith(NULL_IN_NON_NULL):
            _fail("no_unexpected_error", str(e["message"]), response)
