from ringkas.readers import read_articles

TEXT = "Kebakaran melanda pasar tradisional di Palembang, Sumatera Selatan, Minggu dini hari."


def test_folder_reads_html_htm_txt_and_ignores_others(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Judul\n\n" + TEXT, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{TEXT}</p></body></html>", encoding="utf-8")
    (tmp_path / "sub" / "c.HTM").write_text(f"<p>{TEXT}</p>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("bukan artikel")
    articles = list(read_articles(tmp_path))
    assert [a.metadata["origin"]["file"].rsplit("/", 1)[-1] for a in articles] == ["a.txt", "b.html", "c.HTM"]
    assert articles[0].text.startswith("Judul") and articles[0].html is None
    assert articles[1].html.startswith("<html>") and articles[1].text == ""


def test_bad_files_are_rejects(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "big.txt").write_text("x" * 3000)
    (tmp_path / "nul.txt").write_text("ada\x00nul")
    reasons = {a.metadata["origin"]["file"].rsplit("/", 1)[-1]: a.rejection.reason
               for a in read_articles(tmp_path, max_record_bytes=2000)}
    assert reasons == {"big.txt": "too_long", "bin.txt": "invalid_utf8", "empty.txt": "empty_text",
                       "latin1.txt": "invalid_utf8", "nul.txt": "binary"}


def test_a_single_file_reads_like_a_folder_of_one(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(TEXT, encoding="utf-8")
    (article,) = read_articles(path)
    assert article.text == TEXT
