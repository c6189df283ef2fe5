"""A read query compiled to SQL once per database connection and run again with other parameter values.

Compiling a queryset with several joins and subqueries to SQL costs a few milliseconds of CPU each time, often more
than running it. For a hot read whose SQL only differs in a few values (the slug of a sales point), `CompiledQuery`
compiles the queryset once, with marker values in place of the parameters, remembers the SQL, the positions of
the markers among the SQL parameters, the converters and how rows become model instances (as Django's own
ModelIterable does), and afterwards only executes that SQL with the real values.

The SQL depends only on the models and the code that builds the queryset, never on the data, so nothing has to be
invalidated. The compiled state is kept per database alias and thread, since Django's connections are per thread.
A builder's queryset must not depend on the marker values in any other way than as query parameters (no branch on
the value, no value that Django writes into the SQL text); a marker that does not come out as a parameter raises.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: dict[str, list[int]]  # parameter name -> positions in params
    compiler: Any  # django.db.models.sql.compiler.SQLCompiler
    model: type[Model]
    converters: dict[int, tuple[list[Any], Any]]
    col_count: int
    model_start: int
    model_end: int
    init_list: list[str]
    populators: list[Any]
    annotation_col_map: dict[str, int]


class CompiledQuery(Generic[M]):
    """`build(**markers)` returns the queryset; `rows(using, **values)` runs it with the values (model instances)."""

    def __init__(self, build: Callable[..., QuerySet[M]], markers: dict[str, Any]) -> None:
        self._build = build
        self._markers = markers
        self._local = threading.local()

    def _compile(self, using: str) -> _Compiled:
        queryset = self._build(**self._markers)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        params = tuple(params)
        slots: dict[str, list[int]] = {}
        for name, marker in self._markers.items():
            slots[name] = [i for i, value in enumerate(params) if type(value) is type(marker) and value == marker]
            if not slots[name]:
                raise ValueError(f"the value of {name!r} is not a parameter of the compiled SQL")
        select, klass_info = compiler.select, compiler.klass_info
        select_fields = klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        col_count = compiler.col_count
        return _Compiled(
            sql=sql,
            params=params,
            slots=slots,
            compiler=compiler,
            model=klass_info["model"],
            converters=compiler.get_converters([s[0] for s in select[0:col_count]]),
            col_count=col_count,
            model_start=start,
            model_end=end,
            init_list=[f[0].target.attname for f in select[start:end]],
            populators=get_related_populators(klass_info, select, using),
            annotation_col_map=dict(compiler.annotation_col_map or {}),
        )

    def compiled(self, using: str) -> _Compiled:
        cache: dict[str, _Compiled] = self._local.__dict__.setdefault("compiled", {})
        if using not in cache:
            cache[using] = self._compile(using)
        return cache[using]

    def rows(self, using: str, **values: Any) -> list[M]:
        """The model instances of the rows, with select_related objects and annotations, as the queryset gives."""
        compiled = self.compiled(using)
        params = list(compiled.params)
        for name, positions in compiled.slots.items():
            for position in positions:
                params[position] = values[name]
        with connections[using].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows: list[Any] = [row[: compiled.col_count] for row in cursor.fetchall()]
        if compiled.converters:
            rows = list(compiled.compiler.apply_converters(rows, compiled.converters))
        result: list[M] = []
        for row in rows:
            obj: Any = compiled.model.from_db(using, compiled.init_list, row[compiled.model_start : compiled.model_end])
            for populator in compiled.populators:
                populator.populate(row, obj)
            for name, position in compiled.annotation_col_map.items():
                setattr(obj, name, row[position])
            result.append(obj)
        return result
