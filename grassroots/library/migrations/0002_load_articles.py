"""Load the law library from data/articles.json: documents, chapters and articles with the project's
plain-language summaries (written from docs/law.md, never the statute's text)."""

import datetime as dt
import json
import unicodedata
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "articles.json"


def fold(text):
    # A copy of grassroots.core.text.fold as it is today (migrations never import app code).
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").lower().split())


def load(apps, schema_editor):
    Document = apps.get_model("library", "Document")
    Chapter = apps.get_model("library", "Chapter")
    Article = apps.get_model("library", "Article")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for d in data["documents"]:
        document = Document.objects.create(
            code=d["code"],
            short_name_vi=d["short_name_vi"],
            short_name_en=d["short_name_en"],
            title_vi=d["title_vi"],
            title_en=d["title_en"],
            in_force_on=dt.date.fromisoformat(d["in_force_on"]),
            status_note_vi=d["status_note_vi"],
            status_note_en=d["status_note_en"],
            order=d["order"],
        )
        for c in d["chapters"]:
            chapter = Chapter.objects.create(
                document=document,
                number=c["number"],
                title_vi=c["title_vi"],
                title_en=c["title_en"],
                status_note_vi=c["status_note_vi"],
                status_note_en=c["status_note_en"],
            )
            Article.objects.bulk_create(
                Article(
                    document=document,
                    chapter=chapter,
                    number=a["number"],
                    title_vi=a["title_vi"],
                    title_en=a["title_en"],
                    summary_vi=a["summary_vi"],
                    summary_en=a["summary_en"],
                    summary_folded=fold(" ".join([a["title_vi"], a["title_en"], a["summary_vi"], a["summary_en"]])),
                    status_note_vi=a["status_note_vi"],
                    status_note_en=a["status_note_en"],
                )
                for a in c["articles"]
            )


def unload(apps, schema_editor):
    Document = apps.get_model("library", "Document")
    codes = [d["code"] for d in json.loads(DATA.read_text(encoding="utf-8"))["documents"]]
    Document.objects.filter(code__in=codes).delete()  # chapters and articles go with them


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
