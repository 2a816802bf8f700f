"""The PDF engine loads nothing from outside the project: no local file, no network address."""

from __future__ import annotations

import pytest

from dossier.pdf import local_url_fetcher


@pytest.mark.parametrize("url", [
    "file:///proc/self/environ", "file:///etc/passwd", "http://127.0.0.1:9/x.png",
    "https://example.org/a.css", "ftp://example.org/x", "data:text/plain,hi", "file://host/etc/passwd",
])
def test_the_fetcher_refuses_files_outside_the_site_and_every_network_address(url, tmp_path):
    with pytest.raises(ValueError, match="refused"):
        local_url_fetcher([tmp_path]).fetch(url)


def test_the_fetcher_loads_the_sites_own_files(tmp_path):
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    result = local_url_fetcher([tmp_path]).fetch((tmp_path / "logo.svg").as_uri())
    assert b"svg" in result.read()
    (tmp_path.parent / "elsewhere.txt").write_text("x")
    with pytest.raises(ValueError):
        local_url_fetcher([tmp_path]).fetch((tmp_path / ".." / "elsewhere.txt").as_uri())


@pytest.mark.slow
def test_a_pdf_with_hostile_links_reads_no_file_and_no_network(tmp_path, monkeypatch):
    from dossier.pdf import _typeset

    from weasyprint.urls import URLFetcher

    fetched = []
    real = URLFetcher.fetch
    monkeypatch.setattr(URLFetcher, "fetch", lambda self, url, *a, **k: fetched.append(url) or real(self, url, *a, **k))
    html = ('<html><head><link rel="attachment" href="file:///proc/self/environ"></head><body>'
            '<a rel="attachment" href="file:///etc/passwd">x</a><img src="http://127.0.0.1:9/x.png">'
            '<img src="file:///etc/passwd"><p>text</p></body></html>')
    data, pages, warnings = _typeset(html, "", "0" * 40, tmp_path)
    assert fetched == [] and pages == 1
    assert b"EmbeddedFile" not in data and b"root:" not in data
