"""Load the quiz question bank from data/questions.json; each question cites a library article."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "questions.json"


def load(apps, schema_editor):
    Article = apps.get_model("library", "Article")
    QuizQuestion = apps.get_model("library", "QuizQuestion")
    QuizOption = apps.get_model("library", "QuizOption")
    articles = {(a.document.code, a.number): a for a in Article.objects.select_related("document")}
    for q in json.loads(DATA.read_text(encoding="utf-8"))["questions"]:
        question = QuizQuestion.objects.create(
            code=q["code"],
            topic=q["topic"],
            difficulty=q["difficulty"],
            article=articles[(q["document"], q["article"])],
            text_vi=q["text_vi"],
            text_en=q["text_en"],
            explanation_vi=q["explanation_vi"],
            explanation_en=q["explanation_en"],
        )
        QuizOption.objects.bulk_create(
            QuizOption(question=question, order=i, text_vi=o["text_vi"], text_en=o["text_en"], is_correct=o["is_correct"])
            for i, o in enumerate(q["options"], start=1)
        )


def unload(apps, schema_editor):
    QuizQuestion = apps.get_model("library", "QuizQuestion")
    codes = [q["code"] for q in json.loads(DATA.read_text(encoding="utf-8"))["questions"]]
    QuizQuestion.objects.filter(code__in=codes).delete()  # options go with them


class Migration(migrations.Migration):
    dependencies = [("library", "0002_load_articles")]

    operations = [migrations.RunPython(load, unload)]
