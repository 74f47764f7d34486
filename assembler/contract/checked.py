"""Typed records that check themselves: stdlib dataclasses instead of pydantic models.

The report model is built once per run from cells the reader has already checked, so what it
needs from a model library is small: each field converted to its declared type the way pydantic
did (a plain string becomes the vocabulary's member, an int or a numeric string a Decimal, a
midnight datetime a date), bounds (`ge`, `le`) enforced, and a `ValidationError` for anything
else. Importing pydantic and building its schemas cost more than the whole check of a report
(about 0,15 s of processortid for every `validate`); these checks are compiled from the
annotations the first time a class is constructed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import threading
import typing
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from enum import Enum
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Any, Callable, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**_):
        return lambda decorated: decorated

T = TypeVar("T")
Convert = Callable[[Any], Any]
_CHECKS = "__model_checks__"


class ValidationError(ValueError):
    """A value a model's field does not accept: its class, field, the value and what it takes."""


class _Invalid(Exception):
    """Raised by a converter; becomes a ValidationError that names the field."""


def Field(default: Any = dataclasses.MISSING, *,  # noqa: N802 — named as pydantic's
          default_factory: Callable[[], Any] | Any = dataclasses.MISSING, ge: int | None = None,
          le: int | None = None, exclude: bool = False) -> Any:
    """A field with bounds (`ge`, `le`) or left out of `model_dump()` (`exclude`)."""
    metadata: dict[str, Any] = {"exclude": True} if exclude else {}
    metadata |= {key: bound for key, bound in (("ge", ge), ("le", le)) if bound is not None}
    return dataclasses.field(default=default, default_factory=default_factory,
                             metadata=metadata)


@dataclass_transform(kw_only_default=True, field_specifiers=(Field, dataclasses.field))
def model(cls: type[T] | None = None, *, frozen: bool = False) -> Any:
    """`@model` (or `@model(frozen=True)`): a keyword-only dataclass that checks its fields."""
    def make(target: type[T]) -> type[T]:
        target.__post_init__ = _check  # type: ignore[attr-defined]
        return dataclasses.dataclass(target, kw_only=True, frozen=frozen)
    return make if cls is None else make(cls)


_trust = threading.local()


@contextmanager
def typed_already():
    """Models built inside are not checked: for a reader's hot loop whose every value has its
    declared type already (one row of an amount sheet: its Decimals, texts and cells). A test
    checks every model the reader builds from every shipped example again, types included."""
    _trust.on = True
    try:
        yield
    finally:
        _trust.on = False


def _check(self) -> None:
    if getattr(_trust, "on", False):
        return
    cls = type(self)
    checks = field_checks(cls)
    fields = self.__dict__
    for name, exact, convert in checks:
        value = fields[name]
        if type(value) is exact:
            continue  # already of its type: most fields of a model the reader builds
        try:
            converted = convert(value)
        except _Invalid as exc:
            raise ValidationError(f"{cls.__name__}.{name}: {value!r} — {exc}") from None
        if converted is not value:
            fields[name] = converted  # also in a frozen model: its own construction


def field_checks(cls: type) -> list[tuple[str, type | None, Convert]]:
    """The model's field checks, compiled on first use."""
    return cls.__dict__.get(_CHECKS) or _compile(cls)


def _compile(cls: type) -> list[tuple[str, type | None, Convert]]:
    """Each field's name, the type a value needs no conversion in (None: always convert) and
    its converter."""
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    checks = []
    for spec in dataclasses.fields(cls):
        hint = hints[spec.name]
        convert = converter(hint)
        exact = _exact_type(hint)
        if "ge" in spec.metadata or "le" in spec.metadata:
            convert = _bounded(convert, spec.metadata.get("ge"), spec.metadata.get("le"))
            exact = None
        checks.append((spec.name, exact, convert))
    setattr(cls, _CHECKS, checks)
    return checks


def _exact_type(hint: Any) -> type | None:
    """The type whose values pass unchanged: a scalar's own (also inside `X | None`)."""
    if typing.get_origin(hint) in (UnionType, typing.Union):
        hint = next(a for a in typing.get_args(hint) if a is not NoneType)
    if hint in SCALARS or (isinstance(hint, type) and issubclass(hint, Enum)):
        return hint
    return None


def _bounded(convert: Convert, ge: int | None, le: int | None) -> Convert:
    def bounded(value):
        value = convert(value)
        if value is not None and ((ge is not None and value < ge)
                                  or (le is not None and value > le)):
            raise _Invalid(f"ska vara {'≥ ' + str(ge) if ge is not None else ''}"
                           f"{' och ' if ge is not None and le is not None else ''}"
                           f"{'≤ ' + str(le) if le is not None else ''}")
        return value
    return bounded


def converter(hint: Any) -> Convert:
    """The function that checks a value against a type hint and converts it as pydantic's lax
    mode did; it raises _Invalid for a value the type does not take."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (UnionType, typing.Union):
        return _optional(converter(next(a for a in args if a is not NoneType)), len(args))
    if origin is list:
        return _list(args[0])
    if origin is set:
        return _set(converter(args[0]))
    if origin is dict:
        return _dict(args[0], args[1])
    if origin is tuple:
        return _expect(tuple)
    if hint is Any:
        return _same
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum(hint)
    if hint in SCALARS:
        return SCALARS[hint]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record(hint)
    raise TypeError(f"ingen kontroll för typen {hint!r}")


def _same(value):
    return value


def _optional(convert: Convert, members: int) -> Convert:
    if members != 2:
        raise TypeError("bara `X | None` stöds")
    return lambda value: None if value is None else convert(value)


def _list(item_hint: Any) -> Convert:
    convert = converter(item_hint)
    exact = _exact_type(item_hint)

    def as_list(value):
        if not isinstance(value, (list, tuple)):
            raise _Invalid("väntade en lista")
        if exact is not None and set(map(type, value)) <= {exact}:
            return list(value)
        return [convert(item) for item in value]
    return as_list


def _set(convert: Convert) -> Convert:
    def as_set(value):
        if not isinstance(value, (set, frozenset, list, tuple)):
            raise _Invalid("väntade en mängd")
        return {convert(item) for item in value}
    return as_set


def _dict(key_hint: Any, item_hint: Any) -> Convert:
    key, item = converter(key_hint), converter(item_hint)
    exact_key, exact_item = _exact_type(key_hint), _exact_type(item_hint)

    def as_dict(value):
        if not isinstance(value, dict):
            raise _Invalid("väntade en ordlista")
        if (exact_key is not None and exact_item is not None
                and set(map(type, value)) <= {exact_key}
                and set(map(type, value.values())) <= {exact_item}):
            return dict(value)  # a copy, as pydantic made one
        return {key(k): item(v) for k, v in value.items()}
    return as_dict


def _expect(kind: type) -> Convert:
    def expected(value):
        if not isinstance(value, kind):
            raise _Invalid(f"väntade {kind.__name__}")
        return value
    return expected


def _enum(vocabulary: type[Enum]) -> Convert:
    def member(value):
        if isinstance(value, vocabulary):
            return value
        try:
            return vocabulary(value)
        except ValueError:
            raise _Invalid(f"väntade ett av {[m.value for m in vocabulary]}") from None
    return member


def _record(record: type) -> Convert:
    def instance(value):
        if isinstance(value, record):
            return value
        if isinstance(value, dict):
            try:
                return record(**value)
            except TypeError as exc:  # a field missing or unknown
                raise _Invalid(str(exc)) from None
        raise _Invalid(f"väntade {record.__name__}")
    return instance


def _str(value):
    if type(value) is str:
        return value
    if isinstance(value, Enum) and isinstance(value, str):
        return value.value
    if isinstance(value, str):
        return str(value)
    raise _Invalid("väntade en text")


def _int(value):
    if type(value) is int:
        return value
    if isinstance(value, int):  # bool, as pydantic's lax mode
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (str, Decimal)):
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise _Invalid("väntade ett heltal") from None
        if number.is_finite() and number == number.to_integral_value():
            return int(number)
    raise _Invalid("väntade ett heltal")


TRUE_WORDS = {"1", "on", "t", "true", "y", "yes"}
FALSE_WORDS = {"0", "off", "f", "false", "n", "no"}


def _bool(value):
    if value is True or value is False:
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in TRUE_WORDS | FALSE_WORDS:
        return value.strip().lower() in TRUE_WORDS
    raise _Invalid("väntade sant eller falskt")


def _decimal(value):
    if type(value) is Decimal:
        return value
    if isinstance(value, bool):
        raise _Invalid("väntade ett tal")
    if isinstance(value, (int, float, str, Decimal)):
        try:
            return Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
        except InvalidOperation:
            raise _Invalid("väntade ett tal") from None
    raise _Invalid("väntade ett tal")


def _date(value):
    if type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date()
        raise _Invalid("väntade ett datum utan klockslag")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise _Invalid("väntade ett datum ÅÅÅÅ-MM-DD") from None
    raise _Invalid("väntade ett datum")


SCALARS: dict[Any, Convert] = {str: _str, int: _int, bool: _bool, Decimal: _decimal,
                               dt.date: _date}


def model_dump(value: Any) -> Any:
    """A model as plain dicts and lists, as pydantic's `model_dump()` gave it: nested models
    become dicts (without the fields declared `exclude`), the values keep their types."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {spec.name: model_dump(getattr(value, spec.name))
                for spec in dataclasses.fields(value) if not spec.metadata.get("exclude")}
    if isinstance(value, list):
        return [model_dump(item) for item in value]
    if isinstance(value, tuple):
        return tuple(model_dump(item) for item in value)
    if isinstance(value, dict):
        return {key: model_dump(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        return {model_dump(item) for item in value}
    return value
