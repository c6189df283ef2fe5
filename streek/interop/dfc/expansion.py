"""A compiled JSON-LD expansion for documents whose only context is one of the DFC contexts Streek ships.

pyld's `expand` re-derives every term, IRI and coercion for each key and value it meets (about 1.1 million IRI
expansions for a catalogue of 10,000 variants). The DFC contexts are fixed: prefixes and terms coerced to @id,
nothing else. `CompiledContext` takes pyld's own processing of such a context once (its term definitions) and
expands a document in one linear walk that follows pyld's expansion algorithm (`JsonLdProcessor._expand`,
`_expand_object`, `_expand_value`, `_expand_iri`) for the features the context uses: the output equals pyld's,
proven on every DFC document of the shared folder and our own exports (tests/dfc/test_expansion.py).

Whatever the walk does not handle — any other or inline context, a nested @context, a relative IRI, @reverse,
@nest, @included, @json, containers, invalid JSON-LD (so that pyld raises its own error) — raises `Unsupported`,
and `expand` then hands the document to pyld (`jsonld.expand`, with the offline loader: unknown remote contexts
stay refused).
"""

import re
from functools import cache
from typing import Any

from pyld import jsonld as pyld  # type: ignore[import-untyped]

from .jsonld import KNOWN_CONTEXTS, document_loader
from .jsonld import expand as pyld_expand

# pyld's patterns (pyld/jsonld.py: _is_absolute_iri, KEYWORD_PATTERN), copied verbatim.
ABSOLUTE_IRI = re.compile(r"^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$")
KEYWORD_LIKE = re.compile(r"^@[a-zA-Z]+$")
KEYWORDS = frozenset(pyld.KEYWORDS)
# Term definitions the walk understands (pyld's names); a context using any other feature is not compiled.
TERM_FEATURES = frozenset({"@id", "@type", "_prefix", "_term_has_colon", "protected", "reverse"})
CONTEXT_FEATURES = frozenset({"mappings", "processingMode", "_uuid"})
ID_COERCIONS = frozenset({"@id", "@vocab"})
VALUE_KEYS = frozenset({"@value", "@type", "@index", "@language"})
_DROPPED = object()  # a key that expands to nothing (pyld drops it)


class Unsupported(Exception):
    """The document uses something the compiled expansion does not follow: pyld expands it."""


class CompiledContext:
    """The term definitions of one context (from pyld's processing of it) and a linear expansion walk."""

    def __init__(self, mappings: dict[str, Any]) -> None:
        self.mappings = mappings
        self.coercions: dict[str, str] = {
            term: definition["@type"] for term, definition in mappings.items() if definition and "@type" in definition
        }

    # -- IRIs (pyld's _expand_iri) --------------------------------------------------------------------------------

    def _prefixed(self, value: str) -> str | None:
        """A compact IRI with a known prefix expanded, an absolute IRI or blank node as it is, else None (relative)."""
        colon = value.find(":")
        if colon > 0:
            prefix, suffix = value[:colon], value[colon + 1 :]
            if prefix == "_" or suffix.startswith("//"):
                return value
            definition = self.mappings.get(prefix)
            if definition and definition["_prefix"]:
                return str(definition["@id"]) + suffix
            if ABSOLUTE_IRI.match(value):
                return value
        return None

    def key_iri(self, key: str) -> Any:
        """A property key expanded with the vocabulary (pyld drops keys that give neither an IRI nor a keyword)."""
        if key in KEYWORDS:
            return key
        if KEYWORD_LIKE.match(key):
            return _DROPPED
        if key in self.mappings:
            definition = self.mappings[key]
            iri = definition["@id"] if definition else None
        else:
            iri = self._prefixed(key)
        if iri is None or not ABSOLUTE_IRI.match(iri):
            return _DROPPED
        return iri

    def id_iri(self, value: str) -> str:
        """An @id (or a value coerced to @id): document-relative, so a relative IRI would need the base."""
        if value[:1] == "@":
            raise Unsupported("keyword-like @id")
        iri = self._prefixed(value)
        if iri is None:
            raise Unsupported("relative IRI")
        return iri

    def vocab_iri(self, value: str) -> str:
        """An @type value (or a value coerced to @vocab): a term, a compact or an absolute IRI."""
        if value[:1] == "@":
            raise Unsupported("keyword as a type")
        if value in self.mappings:
            definition = self.mappings[value]
            if not definition:
                raise Unsupported("null term as a type")
            return str(definition["@id"])
        iri = self._prefixed(value)
        if iri is None:
            raise Unsupported("relative IRI")
        return iri

    # -- the walk (pyld's _expand, _expand_object, _expand_value) -------------------------------------------------

    def expand(self, document: dict[str, Any]) -> list[Any]:
        """The expanded form of a document whose @context this is (pyld's JsonLdProcessor.expand)."""
        keys: dict[str, Any] = {}
        expanded = self._object(None, document, False, keys, top=True)
        if isinstance(expanded, dict) and "@graph" in expanded and len(expanded) == 1:
            expanded = expanded["@graph"]
        elif expanded is None:
            expanded = []
        return expanded if isinstance(expanded, list) else [expanded]

    def _element(self, key: str | None, element: Any, inside_list: bool, keys: dict[str, Any]) -> Any:
        kind = type(element)
        if kind is dict:
            return self._object(key, element, inside_list, keys)
        if kind is list:
            result: list[Any] = []
            for item in element:
                expanded = self._element(key, item, inside_list, keys)
                if inside_list and type(expanded) is list:
                    expanded = {"@list": expanded}
                if expanded is None:
                    continue
                if type(expanded) is list:
                    result.extend(expanded)
                else:
                    result.append(expanded)
            return result
        if element is None:
            return None
        if not inside_list and (key is None or key == "@graph"):
            return None  # a free-floating scalar
        return self._value(key, element)

    def _value(self, key: str | None, value: Any) -> dict[str, Any]:
        kind = type(value)
        if kind is not str and kind is not int and kind is not float and kind is not bool:
            raise Unsupported("not a JSON scalar")
        if key is None or key[:1] == "@":
            raise Unsupported("value of a keyword")
        coercion = self.coercions.get(key)
        if coercion is None:
            return {"@value": value}
        if kind is str and coercion in ID_COERCIONS:
            return {"@id": self.id_iri(value) if coercion == "@id" else self.vocab_iri(value)}
        if coercion in ID_COERCIONS or coercion == "@none":
            return {"@value": value}
        return {"@type": coercion, "@value": value}

    def _object(  # noqa: C901 - one branch per keyword, as in pyld's _expand_object
        self, key: str | None, element: dict[str, Any], inside_list: bool, keys: dict[str, Any], top: bool = False
    ) -> Any:
        result: dict[str, Any] = {}
        type_was_array = False
        for name in sorted(element):
            value = element[name]
            if name == "@context":
                if top:
                    continue
                raise Unsupported("nested @context")
            iri = keys.get(name)
            if iri is None:
                iri = keys[name] = self.key_iri(name)
            if iri is _DROPPED:
                continue
            if iri[0] != "@":
                if type(value) is str:  # the common cases of _value inline
                    coercion = self.coercions.get(name)
                    if coercion is None:
                        expanded: Any = {"@value": value}
                    elif coercion == "@id":
                        expanded = {"@id": self.id_iri(value)}
                    else:
                        expanded = self._value(name, value)
                else:
                    expanded = self._element(name, value, False, keys)
                    if expanded is None:
                        continue
                if type(expanded) is list:
                    if iri in result:
                        result[iri].extend(expanded)
                    else:
                        result[iri] = expanded
                elif iri in result:
                    result[iri].append(expanded)
                else:
                    result[iri] = [expanded]
                continue
            if iri in result and iri != "@type":
                raise Unsupported("colliding keywords")
            if iri == "@id":
                if type(value) is not str:
                    raise Unsupported("@id is not a string")
                result["@id"] = self.id_iri(value)
            elif iri == "@type":
                if type(value) is list:
                    type_was_array = True
                    types = value
                elif type(value) is str:
                    types = [value]
                else:
                    raise Unsupported("@type is not a string or a list")
                expanded_types = []
                for item in types:
                    if type(item) is not str:
                        raise Unsupported("@type is not a string")
                    expanded_types.append(self.vocab_iri(item))
                if expanded_types:
                    result.setdefault("@type", []).extend(expanded_types)
            elif iri == "@value":
                if type(value) is dict or type(value) is list:
                    raise Unsupported("@value is an object or a list")
                result["@value"] = value
            elif iri == "@language":
                if value is None:
                    continue
                if type(value) is not str:
                    raise Unsupported("@language is not a string")
                result["@language"] = value.lower()
            elif iri == "@index":
                if type(value) is not str:
                    raise Unsupported("@index is not a string")
                result["@index"] = value
            elif iri in ("@graph", "@list", "@set"):
                if iri == "@graph":
                    if type(value) is not dict and type(value) is not list:
                        raise Unsupported("@graph is not an object or a list")
                    expanded = self._element("@graph", value, False, keys)
                else:
                    is_list = iri == "@list"
                    next_key = None if is_list and key == "@graph" else key
                    expanded = self._element(next_key, value, is_list, keys)
                if expanded is None:
                    continue
                if type(expanded) is list:
                    result.setdefault(iri, []).extend(expanded)
                else:
                    result.setdefault(iri, []).append(expanded)
            else:
                raise Unsupported(f"keyword {iri}")
        return self._finish(key, result, inside_list, type_was_array)

    @staticmethod
    def _finish(key: str | None, result: dict[str, Any], inside_list: bool, type_was_array: bool) -> Any:
        count = len(result)
        final: Any = result
        if "@value" in result:
            if any(name not in VALUE_KEYS for name in result) or ("@type" in result and "@language" in result):
                raise Unsupported("invalid value object")
            if "@type" in result:
                if type_was_array or len(result["@type"]) != 1:
                    raise Unsupported("invalid typed value")
                result["@type"] = result["@type"][0]
            literal = result["@value"]
            if literal is None:
                return None
            if "@language" in result and type(literal) is not str:
                raise Unsupported("invalid language-tagged value")
            if "@type" in result and (not ABSOLUTE_IRI.match(result["@type"]) or result["@type"].startswith("_:")):
                raise Unsupported("invalid typed value")
        elif "@type" in result:
            pass
        elif "@set" in result or "@list" in result:
            if count > 1 and not (count == 2 and "@index" in result):
                raise Unsupported("invalid set or list object")
            if "@set" in result:
                return result["@set"]
        elif count == 1 and "@language" in result:
            return None
        if (
            not inside_list
            and (key is None or key == "@graph")
            and (count == 0 or "@value" in result or "@list" in result or (count == 1 and "@id" in result))
        ):
            return None  # a free-floating value, list or node reference
        return final


@cache
def compiled_context(file_name: str) -> CompiledContext | None:
    """The shipped context `file_name` compiled through pyld's context processing; None if it uses other features."""
    processor = pyld.JsonLdProcessor()
    options = {"documentLoader": document_loader, "base": "", "processingMode": "json-ld-1.1"}
    initial = processor._get_initial_context(options)
    url = next(url for url, name in KNOWN_CONTEXTS.items() if name == file_name)
    active = processor.process_context(initial, url, options)
    if set(active) - CONTEXT_FEATURES:
        return None
    for term, definition in active["mappings"].items():
        if definition is None:
            continue
        if set(definition) - TERM_FEATURES or definition.get("reverse") or term.startswith("@"):
            return None
        iri = definition.get("@id")
        coercion = definition.get("@type")
        if not isinstance(iri, str) or iri.startswith("@") or coercion == "@json":
            return None
        if coercion is not None and not (
            coercion in ID_COERCIONS or coercion == "@none" or ABSOLUTE_IRI.match(coercion)
        ):
            return None
    return CompiledContext(dict(active["mappings"]))


def context_of(document: Any) -> CompiledContext | None:
    """The compiled context of a document whose @context is a single known DFC context URL, else None."""
    if type(document) is not dict:
        return None
    context = document.get("@context")
    if type(context) is list and len(context) == 1:
        context = context[0]
    if type(context) is not str:
        return None
    file_name = KNOWN_CONTEXTS.get(context.strip())
    return compiled_context(file_name) if file_name else None


def expand_compiled(document: Any) -> list[Any] | None:
    """The compiled expansion of a document, or None when it is not one the compiled walk takes."""
    context = context_of(document)
    if context is None:
        return None
    try:
        return context.expand(document)
    except Unsupported:
        return None


def expand(document: dict[str, Any] | list[Any]) -> list[dict[str, Any]]:
    """The expanded form of a DFC document, offline: compiled for the known DFC contexts, else through pyld."""
    expanded = expand_compiled(document)
    if expanded is None:
        return pyld_expand(document)
    return expanded
