from ringkas.jsonl import write_jsonl
from ringkas.record import Article, content_id
from ringkas.step import BatchStep, Step


def test_round_trip_keeps_fields_and_extras():
    data = {"id": "a1", "title": "Judul", "text": "Isi berita.", "flags": ["x"], "metadata": {"k": 1}, "foo": 2}
    article = Article.from_dict(data)
    assert article.metadata["extra"] == {"foo": 2}
    back = article.to_dict()
    assert back["id"] == "a1" and back["title"] == "Judul" and back["flags"] == ["x"]
    assert back["metadata"]["k"] == 1


def test_missing_id_gets_stable_content_id():
    one = Article.from_dict({"text": "Banjir di Bekasi."})
    two = Article.from_dict({"text": "Banjir di Bekasi."})
    other = Article.from_dict({"text": "Banjir di Bogor."})
    assert one.id == two.id == content_id("Banjir di Bekasi.")
    assert one.id != other.id


def test_first_rejection_wins():
    article = Article(id="a").reject("clean", "empty_text").reject("translate", "later")
    assert article.rejection_dict() == {"id": "a", "stage": "clean", "reason": "empty_text"}


class Upper(Step):
    name = "upper"

    def process(self, article):
        if "boom" in article.text:
            raise ValueError("cannot handle boom")
        article.text = article.text.upper()
        return article


class UpperBatch(BatchStep):
    name = "upper_batch"
    batch_size = 3

    def process_batch(self, articles):
        if any("boom" in a.text for a in articles):
            raise ValueError("cannot handle boom")
        for a in articles:
            a.text = a.text.upper()
        return articles


def _articles():
    return [Article(id=str(i), text=t) for i, t in enumerate(["a", "b", "boom", "c", "d"])]


def test_step_turns_exception_into_rejection_and_keeps_order():
    out = list(Upper()(_articles()))
    assert [a.id for a in out] == ["0", "1", "2", "3", "4"]
    assert [a.text for a in out if not a.rejected] == ["A", "B", "C", "D"]
    assert out[2].rejection.reason == "ValueError"


def test_batch_step_retries_one_by_one_and_rejects_only_the_bad_record():
    articles = _articles()
    articles[4].reject("clean", "empty_text")
    out = list(UpperBatch()(articles))
    assert [a.id for a in out] == ["0", "1", "2", "3", "4"]
    assert [a.text for a in out] == ["A", "B", "boom", "C", "d"]
    assert out[2].rejection.stage == "upper_batch"
    assert out[4].rejection.stage == "clean"  # passed through untouched


def test_write_jsonl_counts(tmp_path):
    assert write_jsonl(tmp_path / "o.jsonl", [{"a": 1}, {"b": "é"}]) == 2
    assert (tmp_path / "o.jsonl").read_text("utf-8") == '{"a":1}\n{"b":"é"}\n'
