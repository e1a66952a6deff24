"""Issue 11, also: a TBX DOCTYPE without entities is read; entities are still refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from localize.errors import GlossaryError
from localize.glossary import load_glossary

BODY = (
    '<martif type="TBX-Basic" xml:lang="en"><text><body><termEntry id="banff">'
    '<langSet xml:lang="en"><tig><term>Banff</term></tig></langSet>'
    '<langSet xml:lang="zh-CN"><tig><term>班夫</term></tig></langSet>'
    "</termEntry></body></text></martif>"
)


def test_a_cat_tool_doctype_is_accepted_and_its_dtd_never_read(tmp_path: Path) -> None:
    # The DTD beside the file declares an entity: reading it would be refused, so a clean
    # load shows it was never opened (nor fetched from anywhere else).
    dtd = tmp_path / "TBXcoreStructV02.dtd"
    dtd.write_text('<!ENTITY boom "boom">', "utf-8")
    path = tmp_path / "multiterm.tbx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE martif SYSTEM "{dtd.as_uri()}">\n{BODY}',
        "utf-8",
    )
    (entry,) = load_glossary(path).entries
    assert [(t.locale, t.text) for t in entry.terms] == [("en", "Banff"), ("zh-Hans", "班夫")]


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE martif [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd" [<!ENTITY x "boom">]>',
    ],
)
def test_entities_are_still_refused(tmp_path: Path, doctype: str) -> None:
    path = tmp_path / "evil.tbx"
    path.write_text(f'<?xml version="1.0"?>{doctype}{BODY}', "utf-8")
    with pytest.raises(GlossaryError, match="entity") as info:
        load_glossary(path)
    assert str(path) in str(info.value)
