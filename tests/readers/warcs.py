"""WARC files for tests, written with warcio: captured pages of every kind a crawl holds."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

INDONESIAN = ("Banjir melanda sejumlah kecamatan di Kabupaten Bandung, Jawa Barat, sejak Selasa pagi setelah "
              "hujan deras mengguyur wilayah itu selama hampir sepuluh jam. Badan Penanggulangan Bencana "
              "Daerah mencatat ribuan rumah warga terendam air setinggi satu meter dan ratusan orang "
              "mengungsi ke masjid serta balai desa terdekat. Petugas gabungan masih mengevakuasi warga yang "
              "bertahan di lantai dua rumah mereka.")
ENGLISH = ("Floods swept through several districts of Bandung regency in West Java on Tuesday morning after "
           "heavy rain fell on the area for almost ten hours. The regional disaster agency said thousands of "
           "homes were under a metre of water and hundreds of people had moved to mosques and village halls.")
DATE = "2024-01-02T03:04:05Z"


def page(title: str, text: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><nav>Beranda | Berita</nav>"
            f"<article><h1>{title}</h1><p>{text}</p></article></body></html>")


def write_warc(path: Path, gzip: bool = True, pages: list[tuple[str, str]] | None = None) -> Path:
    """A WARC with a warcinfo record, and per page a request and a 200 HTML response; then a redirect, a
    PNG, a metadata record and a revisit. ``pages``: ``(url, html)``; default one Indonesian page (UTF-8)
    and one English page (windows-1252, declared in the header)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = pages if pages is not None else [
        ("https://news.example.id/banjir-bandung", page("Banjir Bandung", INDONESIAN)),
        ("https://news.example.com/bandung-floods", page("Bandung floods \u2013 update", ENGLISH)),
    ]
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "ringkas tests"}))

        def response(url: str, status: str, headers: list, body: bytes, kind: str = "response") -> None:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(url, kind, payload=BytesIO(body), http_headers=http,
                                               warc_headers_dict={"WARC-Date": DATE})
            writer.write_record(record)

        for url, html in pages:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", url.split("/")[2])], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            english = "example.com" in url
            charset = "windows-1252" if english else "utf-8"
            response(url, "200 OK", [("Content-Type", f"text/html; charset={charset}")],
                     html.encode(charset))
        response("https://news.example.id/lama", "301 Moved Permanently",
                 [("Location", "https://news.example.id/baru"), ("Content-Type", "text/html")],
                 b"<html><body>Moved</body></html>")
        response("https://news.example.id/logo.png", "200 OK", [("Content-Type", "image/png")],
                 b"\x89PNG\r\n\x1a\n" + bytes(64))
        writer.write_record(writer.create_warc_record("https://news.example.id/banjir-bandung", "metadata",
                                                      payload=BytesIO(b"via: ringkas tests\n"),
                                                      warc_content_type="application/warc-fields"))
        response("https://news.example.id/banjir-bandung", "200 OK",
                 [("Content-Type", "text/html; charset=utf-8")], b"", kind="revisit")
    return path


class LocalS3:
    """An S3-compatible server (moto) on 127.0.0.1 for one test, with one bucket; ``url(key)``."""

    def __init__(self, bucket: str = "crawl"):
        self.bucket = bucket

    def __enter__(self) -> LocalS3:
        import os

        from moto.server import ThreadedMotoServer

        self._saved = {k: os.environ.get(k) for k in _S3_ENV}
        os.environ.update(_S3_ENV)  # made-up keys: moto takes any; nothing may reach a real account
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"
        self.client().create_bucket(Bucket=self.bucket)
        return self

    def __exit__(self, *exc: object) -> None:
        import os

        self.server.stop()
        for key, value in self._saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1")

    def put(self, path: Path, key: str) -> str:
        self.client().upload_file(str(path), self.bucket, key)
        return f"s3://{self.bucket}/{key}"

    @property
    def storage_options(self) -> dict:
        return {"client_kwargs": {"endpoint_url": self.endpoint}}


_S3_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}
