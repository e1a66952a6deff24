"""Installing from the Argos package index: served from 127.0.0.1 here, never the internet."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from localize.errors import ModelError
from localize.mt.index import IndexEntry, fetch_index, find_entry, index_url, install_from_index
from localize.mt.packages import installed_packages
from localize.testing.fixtures import *  # noqa: F403


class _Server:
    """A static HTTP server on 127.0.0.1 over ``root``; ``hits`` lists the paths asked for."""

    def __init__(self, root: Path) -> None:
        hits: list[str] = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

            def do_GET(self) -> None:
                hits.append(self.path)
                super().do_GET()

            def log_message(self, *args: object) -> None:
                pass

        self.hits = hits
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[_Server]:
    root = tmp_path / "www"
    root.mkdir()
    srv = _Server(root)
    srv.root = root  # type: ignore[attr-defined]
    yield srv
    srv.close()


def _publish(server: _Server, archive: Path, **extra: object) -> str:
    """Put ``archive`` and an index listing it (plus an older and another pair) on the server."""
    root: Path = server.root  # type: ignore[attr-defined]
    (root / "translate-zh_en-1_0.argosmodel").write_bytes(archive.read_bytes())
    index = [
        {
            "from_code": "en",
            "to_code": "fr",
            "package_version": "1.0",
            "type": "translate",
            "links": [f"{server.url}/nope.argosmodel"],
        },
        {
            "from_code": "zh",
            "to_code": "en",
            "package_version": "0.9",
            "type": "translate",
            "links": [f"{server.url}/old.argosmodel"],
        },
        {
            "from_code": "zh",
            "to_code": "en",
            "package_version": "1.0",
            "type": "translate",
            "argos_version": "1.0",
            "links": [f"{server.url}/translate-zh_en-1_0.argosmodel"],
            **extra,
        },
    ]
    (root / "index.json").write_text(json.dumps(index), "utf-8")
    return f"{server.url}/index.json"


def _closed_port() -> int:
    """A local port nothing listens on: connecting is refused at once (no external host)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_install_the_newest_package_of_the_pair(
    argos_home: Path, copy_zh_en_file: Path, server: _Server
) -> None:
    url = _publish(server, copy_zh_en_file)
    info = install_from_index("zh", "en", url=url, progress=False)
    assert [p.path for p in installed_packages()] == [info.path]
    assert (info.from_code, info.to_code) == ("zh", "en")
    assert server.hits == ["/index.json", "/translate-zh_en-1_0.argosmodel"]


def test_a_dead_link_falls_through_to_the_next(
    argos_home: Path, copy_zh_en_file: Path, server: _Server
) -> None:
    url = _publish(server, copy_zh_en_file)
    index = json.loads((server.root / "index.json").read_text())  # type: ignore[attr-defined]
    index[2]["links"].insert(0, f"{server.url}/missing.argosmodel")
    (server.root / "index.json").write_text(json.dumps(index))  # type: ignore[attr-defined]
    install_from_index("zh", "en", url=url, progress=False)
    assert server.hits[1:] == ["/missing.argosmodel", "/translate-zh_en-1_0.argosmodel"]
    assert len(installed_packages()) == 1


def test_a_pair_the_index_lacks_lists_the_pairs_it_has(
    argos_home: Path, copy_zh_en_file: Path, server: _Server
) -> None:
    url = _publish(server, copy_zh_en_file)
    with pytest.raises(ModelError, match="no package for en -> zh") as err:
        install_from_index("en", "zh", url=url, progress=False)
    assert err.value.hint == "Available pairs: en fr, zh en"


def test_no_network_is_one_clear_error_within_the_timeout(argos_home: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/index.json"
    start = time.monotonic()
    with pytest.raises(ModelError) as err:
        fetch_index(url, timeout=10)
    assert time.monotonic() - start < 10
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"cannot read the Argos package index {url} (")
    assert "localize models install FILE.argosmodel" in message


def test_a_hanging_server_times_out(argos_home: Path) -> None:
    # Accepts the connection and never answers: the deadline, not the server, ends the wait.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/index.json"
        start = time.monotonic()
        with pytest.raises(ModelError, match="timed out"):
            fetch_index(url, timeout=0.5)
        assert time.monotonic() - start < 5


def test_an_index_that_is_not_json(server: _Server) -> None:
    (server.root / "index.json").write_text("<html>")  # type: ignore[attr-defined]
    with pytest.raises(ModelError, match="is not valid JSON"):
        fetch_index(f"{server.url}/index.json")


def test_the_index_url_follows_argos_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    assert index_url() == (
        "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
    )
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://mirror.example/argos/")
    assert index_url() == "http://mirror.example/argos/index.json"


def test_find_entry_prefers_the_newest_version() -> None:
    entries = [
        IndexEntry({"from_code": "zh", "to_code": "en", "package_version": v, "links": []})
        for v in ("1.9", "1.10", "1.2")
    ]
    assert find_entry(entries, "zh", "en").version == "1.10"
    assert entries[0].file_name == "translate-zh_en-1_9.argosmodel"


def test_download_shows_a_progress_bar(
    copy_zh_en_file: Path, server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from localize.mt.index import download

    _publish(server, copy_zh_en_file)
    entry = find_entry(fetch_index(f"{server.url}/index.json"), "zh", "en")
    (tmp_path / "dl").mkdir()
    path = download(entry, tmp_path / "dl", progress=True)
    assert path.read_bytes() == copy_zh_en_file.read_bytes()
    assert [p.name for p in (tmp_path / "dl").iterdir()] == ["translate-zh_en-1_0.argosmodel"]
    bar = capsys.readouterr().err
    assert "zh -> en 1.0" in bar and "100%" in bar
