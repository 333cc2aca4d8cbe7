"""The error summary at the top of a form page (the GOV.UK pattern): "There is a problem", then each
error of every bound form on the page, linking to its field. Rendered once, from base.html."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS

register = template.Library()


def _forms_in(values: Iterable[Any]) -> Iterator[forms.BaseForm]:
    """Forms among the context's values, in dicts of forms ("forms") and lists of rows ("cluster_rows")."""
    for value in values:
        if isinstance(value, forms.BaseForm):
            yield value
        elif isinstance(value, Mapping):
            yield from (v for v in value.values() if isinstance(v, forms.BaseForm))
        elif isinstance(value, list):
            for row in value:
                if isinstance(row, Mapping):
                    yield from (v for v in row.values() if isinstance(v, forms.BaseForm))


def field_anchor(field: forms.BoundField) -> str:
    """The id the link goes to: the input's own, or the first choice's for radio buttons and check boxes."""
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return widget.id_for_label(field.auto_id, "0") if field.auto_id else ""
    return str(field.id_for_label or field.auto_id or "")


def form_errors(context_values: Iterable[Any]) -> list[tuple[str, str]]:
    """(anchor, message) for every error of every bound form with errors; non-field errors have no anchor."""
    errors: list[tuple[str, str]] = []
    seen: set[int] = set()
    for form in _forms_in(context_values):
        if id(form) in seen or not form.is_bound or not form.errors:
            continue
        seen.add(id(form))
        errors += [("", str(message)) for message in form.non_field_errors()]
        for name in form.errors:
            if name == NON_FIELD_ERRORS or name not in form.fields:
                continue
            anchor = field_anchor(form[name])
            errors += [(anchor, str(message)) for message in form.errors[name]]
    return errors


@register.inclusion_tag("core/error_summary.html", takes_context=True)
def error_summary(context: template.Context) -> dict[str, Any]:
    return {"errors": form_errors(context.flatten().values())}
