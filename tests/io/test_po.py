"""Gettext PO in and out: entries are posts, context/comments/references come back unchanged."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.errors import InputError
from localize.io.readers import Record, Reject, read_records

PO = """\
msgid ""
msgstr ""
"Language: zh_Hans\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#. shown on the home screen
#: app/home.py:12
#, python-format
msgctxt "menu"
msgid "后来的%(name)s"
msgstr ""

msgid "软件和网络"
msgstr ""

msgid "一个苹果"
msgid_plural "%d个苹果"
msgstr[0] ""
"""


@pytest.fixture
def app_po(tmp_path: Path) -> Path:
    path = tmp_path / "app.po"
    path.write_text(PO, encoding="utf-8")
    return path


def test_entries_are_posts_and_plurals_are_set_aside_with_their_line(app_po: Path) -> None:
    items = list(read_records([str(app_po)]))
    first, second, plural = items
    assert isinstance(first, Record) and isinstance(second, Record)
    assert (first.id, first.text, first.line) == ("menu\u0004后来的%(name)s", "后来的%(name)s", 6)
    assert first.fields["po"]["occurrences"] == [["app/home.py", "12"]]
    assert "result" not in first.fields
    assert isinstance(plural, Reject) and plural.line == 16 and "msgid_plural" in plural.error


def test_run_writes_a_po_with_msgstr_and_everything_else_kept(app_po: Path, tmp_path: Path) -> None:
    out = tmp_path / "app.zh-TW.po"
    result = CliRunner().invoke(main, ["run", "weibo-zh-tw", str(app_po), "-o", str(out), "-q"])
    assert result.exit_code == 1, result.output  # the plural entry was set aside
    assert "msgid_plural" in result.output
    catalog = polib.pofile(str(out))
    assert catalog.metadata["Language"] == "zh-Hant-TW"
    menu, net = list(catalog)
    assert (menu.msgctxt, menu.msgid, menu.msgstr) == ("menu", "后来的%(name)s", "後來的%(name)s")
    assert (menu.comment, menu.occurrences, menu.flags) == (
        "shown on the home screen",
        [("app/home.py", "12")],
        ["python-format"],
    )
    assert net.msgstr == "軟體和網路"

    # Read back, the translations are results: `localize check` checks them.
    [back_menu, back_net] = list(read_records([str(out)]))
    assert isinstance(back_menu, Record) and back_menu.fields["result"] == "後來的%(name)s"
    assert isinstance(back_net, Record) and back_net.fields["result"] == "軟體和網路"
    checked = CliRunner().invoke(main, ["check", str(out), "--output-format", "json"])
    assert checked.exit_code in (0, 1), checked.output
    assert '"posts": 2' in checked.output or '"posts":2' in checked.output


def test_issues_make_an_entry_fuzzy_with_the_findings_as_comments(tmp_path: Path) -> None:
    from localize.io.po import po_entry

    entry = po_entry(
        {
            "text": "a",
            "result": "b",
            "po": {"flags": ["c-format"]},
            "issues": [{"check": "length", "severity": "warning", "message": "too long"}],
        }
    )
    assert entry.flags == ["c-format", "fuzzy"]
    assert entry.tcomment == "localize: [length] warning: too long"
    assert po_entry({"text": "a", "result": "b", "po": {"flags": ["fuzzy"]}}).flags == []


def test_a_broken_po_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_text('msgid "a"\nmsgstr "b"\ngarbage\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_records([str(path)]))
    assert caught.value.path == str(path)
    assert "Syntax error" in str(caught.value) and "line 3" in str(caught.value)
