from django import template

from ..choices import Question

register = template.Library()


@register.filter
def question_label(key: str) -> str:
    """The question a bar stands for (timeliness, guidance, official)."""
    try:
        return str(Question(key).label)
    except ValueError:
        return key
