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


def test_symlinks_out_of_the_folder_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash " + TEXT)
    (outside / "deep").mkdir()
    (outside / "deep" / "more.txt").write_text(TEXT)
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    (folder / "evil.txt").symlink_to(outside / "secret.txt")
    (folder / "linked_dir").symlink_to(outside / "deep", target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    articles = list(read_articles(folder))
    outcome = {a.metadata["origin"]["file"].rsplit("/", 1)[-1]: a.rejection.reason if a.rejected else "read"
               for a in articles}
    assert outcome == {"a.txt": "read", "evil.txt": "outside_folder", "inside.txt": "read"}
    assert not any("root:x" in a.text for a in articles)
    followed = [(a.metadata["origin"]["file"].rsplit("/", 1)[-1], a.rejected)
                for a in read_articles(folder, follow_symlinks=True)]
    assert followed == [("a.txt", False), ("evil.txt", False), ("inside.txt", False), ("more.txt", False)]


def test_utf16_text_file_in_a_folder(tmp_path):
    (tmp_path / "a.txt").write_bytes(("Judul\n\n" + TEXT).encode("utf-16"))
    (article,) = read_articles(tmp_path)
    assert article.text == "Judul\n\n" + TEXT
