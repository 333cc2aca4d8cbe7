"""The law digest the code cites is in the repository (docs/law.md), and every section it cites exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CITED_SECTION = re.compile(r"law\.md (?:§ ?)?(\d+(?:\.\d+)?)\b")


def test_the_digest_is_in_the_repository_with_its_source():
    text = (ROOT / "docs" / "law.md").read_text(encoding="utf-8")
    assert "shared/domain/law.md" in text.splitlines()[0]
    assert "Law on Implementation of Democracy at the Grassroots Level" in text


def test_every_section_of_the_digest_that_the_code_cites_exists():
    headings = (ROOT / "docs" / "law.md").read_text(encoding="utf-8")
    sections = set(re.findall(r"^#{2,3} (\d+(?:\.\d+)?)[ .]", headings, flags=re.MULTILINE))
    sections |= {s.split(".")[0] for s in sections}
    cited = set()
    for path in (ROOT / "grassroots").rglob("*.py"):
        for match in CITED_SECTION.finditer(path.read_text(encoding="utf-8")):
            cited.add((match.group(1), str(path.relative_to(ROOT))))
    missing = sorted((s, p) for s, p in cited if s not in sections)
    assert missing == []
