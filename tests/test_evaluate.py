"""woopub eval: the metric arithmetic on hand-made documents, and the command's output."""

import json

import pytest
from click.testing import CliRunner

from woopub.cli import main
from woopub.evaluate import CorpusDocument, CorpusError, GoldSpan, Predicted, Report, load_corpus, score_document

TEXT = (
    "Van: Jan de Vries\n"
    "Beste Fatma,\n"
    "Bel Okafor op 06-48291730 over de motie-Mutluer.\n"
    "De boer en de Raad voor de Kinderbescherming.\n"
)


def gold(text: str, entity: str = "PERSON", label: str = "redact", nth: int = 0, **extra) -> GoldSpan:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return GoldSpan(start, start + len(text), entity, label, text, **extra)


def pred(text: str, entity: str = "PERSON", action: str = "redact", rule: str = "naam-persoon") -> Predicted:
    start = TEXT.index(text)
    return Predicted(start, start + len(text), entity, text, action, rule)


GOLD = [
    gold("Jan de Vries", form="full"),
    gold("Fatma", form="given-greeting"),
    gold("Okafor", form="surname"),
    gold("06-48291730", "PHONE"),
    gold("Mutluer", label="keep", kind="official"),
    gold("De boer", label="keep", kind="word"),
]
PERFECT = [pred("Jan de Vries"), pred("Fatma"), pred("Okafor"), pred("06-48291730", "PHONE"),
           pred("Mutluer", action="keep", rule="ambtsdrager-rol")]


def score(predictions, spans=GOLD, text=TEXT) -> Report:
    report = Report("test")
    score_document(CorpusDocument("doc.txt", text, list(spans), "memo"), predictions, report)
    return report


def test_perfect_predictions_score_one_everywhere():
    r = score(PERFECT)
    assert r.per_entity["PERSON"].recall == 1.0 and r.per_entity["PERSON"].precision == 1.0
    assert r.per_entity["PHONE"].recall == 1.0
    assert r.total.keep_precision == 1.0
    assert r.misses == [] and r.false_redactions == []


def test_a_miss_lowers_recall_by_exactly_one_gold_span():
    r = score([p for p in PERFECT if p.text != "Okafor"])
    person = r.per_entity["PERSON"]
    assert (person.gold, person.found) == (3, 2)
    assert person.recall == pytest.approx(2 / 3)
    assert person.precision == 1.0  # nothing wrongly redacted
    assert [(m.text, m.why, m.form) for m in r.misses] == [("Okafor", "not detected", "surname")]
    assert r.by_form["surname"].recall == 0.0 and r.by_form["full"].recall == 1.0


def test_a_false_redaction_lowers_precision_only():
    r = score(PERFECT + [pred("Kinderbescherming")])
    person = r.per_entity["PERSON"]
    assert (person.predicted, person.correct) == (4, 3)
    assert person.precision == pytest.approx(3 / 4)
    assert person.recall == 1.0
    assert r.total.keep_precision == 1.0  # unannotated text is no keep span
    (fr,) = r.false_redactions
    assert fr.text == "Kinderbescherming" and fr.keep_kind == "" and "Raad voor de [Kinderbescherming]" in fr.context


def test_a_redacted_keep_span_lowers_keep_precision():
    r = score(PERFECT + [pred("De boer")])
    assert r.per_entity["PERSON"].keep_precision == pytest.approx(1 / 2)
    assert r.by_kind["word"].keep_precision == 0.0 and r.by_kind["official"].keep_precision == 1.0
    assert [f.keep_kind for f in r.false_redactions] == ["word"]


def test_a_keep_decision_on_a_name_to_redact_is_a_miss_with_its_rule():
    kept = [p for p in PERFECT if p.text != "Fatma"] + [pred("Fatma", action="keep", rule="ambtsdrager-lijst")]
    r = score(kept)
    assert r.per_entity["PERSON"].found == 2
    assert r.per_entity["PERSON"].predicted == 2  # a kept span is no redaction
    assert r.misses[0].why == "kept (ambtsdrager-lijst)"
    # and redacting the office holder costs keep precision
    r = score([p for p in PERFECT if p.text != "Mutluer"] + [pred("Mutluer")])
    assert r.by_kind["official"].keep_precision == 0.0


def test_partial_coverage_is_a_miss_but_still_a_correct_prediction():
    r = score([p for p in PERFECT if p.text != "Jan de Vries"] + [pred("Jan de")])
    person = r.per_entity["PERSON"]
    assert (person.found, person.gold) == (2, 3)
    assert (person.correct, person.predicted) == (3, 3)
    assert r.misses[0].text == "Jan de Vries" and r.misses[0].why == "partly covered"


def test_a_name_over_a_line_end_counts_its_non_space_characters_only():
    text = "Opgesteld door Jan de\nVries en anderen."
    s = text.index("Jan")
    span = GoldSpan(s, s + len("Jan de\nVries"), "PERSON", "redact", "Jan de\nVries", form="full+line-split")
    pieces = [Predicted(s, s + 6, "PERSON", "Jan de", "redact", "r"),
              Predicted(s + 7, s + 12, "PERSON", "Vries", "redact", "r")]
    r = score(pieces, [span], text)
    assert r.per_entity["PERSON"].recall == 1.0
    assert r.by_form["line-split"].found == 1 and r.by_form["full"].found == 1


def test_precision_is_counted_under_the_predicted_entity():
    # an e-mail detector covering a name annotated as PERSON still hits a gold redact span
    r = score(PERFECT + [pred("Jan de Vries", "EMAIL")])
    assert r.per_entity["EMAIL"].predicted == 1 and r.per_entity["EMAIL"].correct == 1
    assert r.per_entity["EMAIL"].gold == 0 and r.per_entity["EMAIL"].recall is None


def write_corpus(folder, docs):
    folder.mkdir()
    for name, text, spans in docs:
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        found = []
        for t, e, lab, *nth in spans:  # nth: which occurrence of t (0 = the first)
            start = -1
            for _ in range((nth or [0])[0] + 1):
                start = text.index(t, start + 1)
            found.append({"start": start, "end": start + len(t), "entity": e, "label": lab, "text": t})
        ann = {"document": f"{name}.txt", "genre": "memo", "spans": found}
        (folder / f"{name}.json").write_text(json.dumps(ann), encoding="utf-8")


def test_a_span_whose_text_does_not_match_its_offsets_is_refused(tmp_path):
    write_corpus(tmp_path / "c", [("a", "Beste Fatma,\n", [("Fatma", "PERSON", "redact")])])
    ann = json.loads((tmp_path / "c" / "a.json").read_text())
    ann["spans"][0]["end"] -= 1
    (tmp_path / "c" / "a.json").write_text(json.dumps(ann))
    with pytest.raises(CorpusError, match="a.json: span 1"):
        load_corpus(tmp_path / "c")


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus") / "docs"
    write_corpus(folder, [
        ("mail", "Van: Jan de Vries <j.devries@minjenv.nl>\nAan: Fenna Bakker\n\nBeste Fenna,\n\n"
                 "Minister Van Weel vraagt naar de motie-Mutluer. Bel mij op 06-48291730.\n\n"
                 "Met vriendelijke groet,\n\nJan de Vries\n",
         [("Jan de Vries", "PERSON", "redact"), ("j.devries@minjenv.nl", "EMAIL", "redact"),
          ("Fenna Bakker", "PERSON", "redact"), ("Fenna", "PERSON", "redact", 1), ("Jan de Vries", "PERSON", "redact", 1), ("Van Weel", "PERSON", "keep"),
          ("Mutluer", "PERSON", "keep"), ("06-48291730", "PHONE", "redact")]),
        ("verslag", "Verslag overleg\n\nAanwezig: Oluwaseun Adebayo, Thi Lan Nguyen (notulist)\n\n"
                    "De boer heeft bezwaar gemaakt. Adebayo zegt toe te bellen met de IND.\n",
         [("Oluwaseun Adebayo", "PERSON", "redact"), ("Thi Lan Nguyen", "PERSON", "redact"), ("Adebayo", "PERSON", "redact", 1),
          ("De boer", "PERSON", "keep")]),
    ])
    return folder


def test_eval_prints_a_table_per_entity_and_the_misses(tiny_corpus):
    result = CliRunner().invoke(main, ["eval", str(tiny_corpus)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"corpus {tiny_corpus}: 2 documents")
    for entity in ("PERSON", "EMAIL", "PHONE", "total"):
        assert any(line.startswith(entity) for line in lines), entity
    assert any(line.startswith("misses (") for line in lines)
    assert any(line.startswith("false redactions (") for line in lines)


def test_eval_json_has_figures_per_entity_and_lists(tiny_corpus):
    result = CliRunner().invoke(main, ["eval", str(tiny_corpus), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 2 and report["dossier_pass"] is True
    person = report["entities"]["PERSON"]
    assert set(person) >= {"gold", "found", "recall", "predicted", "correct", "precision", "keep", "kept",
                           "keep_precision"}
    assert person["gold"] == 7 and person["keep"] == 3
    assert report["entities"]["PHONE"]["gold"] == 1
    assert 0 <= report["total"]["recall"] <= 1
    assert report["total"]["gold"] == sum(e["gold"] for e in report["entities"].values())
    for m in report["misses"]:
        assert set(m) >= {"document", "entity", "text", "context", "why"}
    for f in report["false_redactions"]:
        assert set(f) >= {"document", "entity", "text", "context", "rule"}


def test_eval_of_a_missing_folder_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "not a folder" in result.output
