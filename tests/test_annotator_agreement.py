"""The annotator-agreement script: which articles it compares and how an annotator becomes a record."""

from __future__ import annotations

from pathlib import Path

from tests.scripts import load_script

RAW = '"We will rebuild the pier," the mayor said, "before the summer."'


def test_only_articles_with_several_annotation_files_are_compared(tmp_path: Path) -> None:
    agreement = load_script("annotator_agreement")
    (tmp_path / "attributions").mkdir()
    for name in ("pier_b2.ann", "pier_a1.ann", "ferry_a1.ann"):
        (tmp_path / "attributions" / name).write_text("", encoding="utf-8")
    several = agreement.annotated_by_several(tmp_path)
    assert list(several) == ["pier"]
    assert [p.name for p in several["pier"]] == ["pier_a1.ann", "pier_b2.ann"]  # the scorer's gold first


def test_an_annotators_split_quote_becomes_one_content_span_with_its_speaker(tmp_path: Path) -> None:
    agreement = load_script("annotator_agreement")
    first, second = RAW.index("We"), RAW.index("before")
    ann = tmp_path / "pier_a1.ann"
    ann.write_text(
        f"T1\tContent {first} {first + 24};{second} {second + 18}\tWe will rebuild the pier before the summer\n"
        f"T2\tSource {RAW.index('the mayor')} {RAW.index('the mayor') + 9}\tthe mayor\n"
        f"T3\tCue {RAW.index('said')} {RAW.index('said') + 4}\tsaid\n"
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n",
        encoding="utf-8",
    )
    train = load_script("train_attribution")
    record = agreement.as_record("pier", RAW, train.parse_ann(ann))
    (claim,) = record["claims"]
    assert claim["content"]["text"] == 'We will rebuild the pier," the mayor said, "before the summer.'
    assert claim["speaker"]["text"] == "the mayor"
    assert claim["cue"] == {"text": "said", "start": RAW.index("said"), "end": RAW.index("said") + 4}
