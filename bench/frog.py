"""Frog as a detection stage: start-up, throughput, cache, selection, and PER accuracy.

    PYTHONPATH=src python bench/frog.py [--conll PATH] [--sentences N] [--quick]

Prints:
  * start-up time of the Frog server;
  * tokens/s through the server (batched, and one sentence per request)
    against one CLI call per text (a "text" is a page-sized group of sentences);
  * the effect of the sentence cache (a second pass over the same text);
  * tokens/s with 1 connection, 2 connections to one server (Frog forks a
    worker per connection) and 2 server processes;
  * the share of sentences the default ``needs_frog`` predicate selects, and
    the share of tokens sent as whole sentences or as windows around trigger
    words, on ned.testa and on the sample dossier, and what that means in
    pages per second for Frog alone;
  * Frog-alone PER entity recall (every token of a gold PER name tagged PER)
    and PER token precision on CoNLL-2002 ned.testa: every sentence whole,
    predicate-selected sentences whole, and the default (selected sentences,
    windows).

ned.testa is for measuring only: nothing here learns from it or keeps names
from it. Figures taken while other work runs on the machine are noisy.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from woopub.detect.frog import FROG_ARGS, FrogTagger  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from woopub.detect.frog_tagging import WINDOW, _pipeline, needs_frog, pieces_to_tag, sentences_of  # noqa: E402
from woopub.detect.lexicon import lexicon  # noqa: E402
from woopub.detect.tokens import TokenView  # noqa: E402

DEFAULT_CONLL = ROOT.parent / "shared" / "eval" / "conll2002" / "ned.testa"
PAGE_TOKENS = 400  # a Woo page holds about this many tokens


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, IOB tag), DOCSTART lines dropped."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        cols = line.split(" ")
        if cols[0] == "-DOCSTART-":
            continue
        current.append((cols[0], cols[-1]))
    if current:
        sentences.append(current)
    return sentences


def gold_person_spans(tags: list[str]) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, tag in enumerate(tags + ["O"]):
        if start is not None and tag != "I-PER":
            spans.append((start, i))
            start = None
        if tag == "B-PER" or (tag == "I-PER" and start is None):
            start = i
    return spans


def per_scores(gold: list[list[str]], predicted: list[list[bool]]) -> tuple[float, float, int, int]:
    """Entity recall (every token covered) and token precision for PER."""
    found = total = tp = fp = 0
    for tags, pred in zip(gold, predicted):
        for a, b in gold_person_spans(tags):
            total += 1
            found += all(pred[a:b])
        for tag, p in zip(tags, pred):
            if p:
                tp += tag.endswith("PER")
                fp += not tag.endswith("PER")
    return found / max(total, 1), tp / max(tp + fp, 1), total, tp + fp


def rate(tokens: int, seconds: float) -> str:
    return f"{tokens / seconds:8.0f} tokens/s ({tokens} tokens in {seconds:.1f} s)"


def timed_tag(tagger: FrogTagger, sentences: list[list[str]]) -> float:
    t0 = time.perf_counter()
    tagger.tag(sentences)
    return time.perf_counter() - t0


def cli_per_text(texts: list[list[list[str]]]) -> float:
    """One ``frog`` CLI run per text, sentence per line (-n), tokens already split."""
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for k, text in enumerate(texts):
            path = Path(tmp) / f"text{k}.txt"
            path.write_text("".join(" ".join(s) + "\n" for s in text), encoding="utf-8")
            subprocess.run(
                ["frog", *FROG_ARGS, "-n", "-t", str(path), "-o", str(path) + ".out"],
                cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
            )
    return time.perf_counter() - t0


def pages(sentences: list[list[str]], size: int = PAGE_TOKENS) -> list[list[list[str]]]:
    out, cur, n = [], [], 0
    for s in sentences:
        cur.append(s)
        n += len(s)
        if n >= size:
            out.append(cur)
            cur, n = [], 0
    if cur:
        out.append(cur)
    return out


def gold_view(tokens: list[str], nlp, lex) -> TokenView:
    """woopub's token view over already-split tokens, one view token per gold token."""
    doc = Doc(nlp.vocab, words=tokens, spaces=[True] * len(tokens))
    return TokenView(doc.text, doc, lex)


def sample_texts() -> tuple[list[str], int]:
    """Plain text of the sample dossier's PDFs (through woopub's extractor) and their page count."""
    from woopub.reading.extract import extract_text, open_pdf

    texts, n_pages = [], 0
    for pdf in sorted((ROOT / "samples").glob("*.pdf")):
        doc = open_pdf(pdf)
        texts.append(extract_text(doc).text)
        n_pages += doc.page_count
    return texts, n_pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conll", type=Path, default=DEFAULT_CONLL)
    ap.add_argument("--sentences", type=int, default=1000, help="sentences for the speed runs")
    ap.add_argument("--quick", action="store_true", help="skip the CLI and two-process runs")
    args = ap.parse_args()

    conll = read_conll(args.conll)
    words = [[w for w, _ in s] for s in conll]
    gold = [[t for _, t in s] for s in conll]
    speed_set = words[: args.sentences]
    speed_tokens = sum(map(len, speed_set))
    print(f"ned.testa: {len(conll)} sentences, {sum(map(len, words))} tokens; speed runs on the first {len(speed_set)}")

    # -- start-up -------------------------------------------------------------
    tagger = FrogTagger(connections=1, cache_size=0)
    t0 = time.perf_counter()
    tagger.start()
    print(f"\nstart-up: Frog server ready in {time.perf_counter() - t0:.1f} s")

    # -- throughput -----------------------------------------------------------
    print("\nthroughput (no cache):")
    seconds = timed_tag(tagger, speed_set)
    print(f"  server, batched, 1 connection      {rate(speed_tokens, seconds)}")
    one_by_one = speed_set[:100]
    t0 = time.perf_counter()
    for s in one_by_one:
        tagger.tag([s])
    print(f"  server, 1 sentence per request     {rate(sum(map(len, one_by_one)), time.perf_counter() - t0)}")
    if not args.quick:
        texts = pages(speed_set)[:3]
        seconds = cli_per_text(texts)
        n = sum(len(s) for t in texts for s in t)
        print(f"  CLI, one call per page-sized text  {rate(n, seconds)} ({seconds / len(texts):.1f} s per call)")

    two = FrogTagger(connections=2, cache_size=0)
    two.start()
    seconds = timed_tag(two, speed_set)
    two_rate = speed_tokens / seconds
    print(f"  server, batched, 2 connections     {rate(speed_tokens, seconds)}")
    two.close()
    if not args.quick:
        a, b = FrogTagger(cache_size=0), FrogTagger(cache_size=0)
        a.start()
        b.start()
        half = len(speed_set) // 2
        t0 = time.perf_counter()
        threads = [threading.Thread(target=x.tag, args=(part,)) for x, part in ((a, speed_set[:half]), (b, speed_set[half:]))]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        print(f"  2 server processes, 1 conn each    {rate(speed_tokens, time.perf_counter() - t0)}")
        a.close()
        b.close()
    tagger.close()

    # -- cache ----------------------------------------------------------------
    print("\ncache (LRU keyed by sentence):")
    all_tokens = sum(map(len, words))
    cached = FrogTagger()
    cached.start()
    t0 = time.perf_counter()
    readings = cached.tag(words)
    first = time.perf_counter() - t0
    hits = cached.stats.cache_hits
    print(f"  ned.testa, first pass   {rate(all_tokens, first)}; {hits}/{len(words)} sentences repeat within it (page headers): not sent")
    second = timed_tag(cached, words)
    print(f"  ned.testa, second pass  {rate(all_tokens, second)}; all {len(words)} from the cache")
    samples, sample_pages = sample_texts()
    lex = lexicon()
    nlp = _pipeline()
    dossier_sentences = [[t.text for t in s] for text in samples for s in sentences_of(TokenView(text, nlp(text), lex))]
    hits0 = cached.stats.cache_hits
    cached.tag(dossier_sentences)
    print(f"  sample dossier ({len(samples)} texts): {cached.stats.cache_hits - hits0}/{len(dossier_sentences)} sentences repeated")

    # -- selection ------------------------------------------------------------
    print(f"\nwhat the default selection sends (needs_frog sentences, windows of {WINDOW} around trigger words):")
    news_views = [gold_view(s, nlp, lex) for s in words]
    sent = [needs_frog(v.tokens) for v in news_views]
    news_pieces = [pieces_to_tag(v) for v in news_views]
    total = sum(map(len, words))
    whole = sum(len(s) for s, x in zip(words, sent) if x) / total
    windowed = sum(len(p) for ps in news_pieces for p in ps) / total
    print(f"  ned.testa (news):  {sum(sent) / len(sent):.0%} of sentences; {whole:.0%} of tokens as whole sentences, {windowed:.0%} in windows")
    views = [TokenView(text, nlp(text), lex) for text in samples]
    sentences = [s for v in views for s in sentences_of(v)]
    tok_all = sum(map(len, sentences))
    tok_whole = sum(len(s) for s in sentences if needs_frog(s))
    tok_windows = sum(len(p) for v in views for p in pieces_to_tag(v))
    if sentences:
        print(
            f"  sample dossier:    {sum(map(needs_frog, sentences)) / len(sentences):.0%} of sentences;"
            f" {tok_whole / tok_all:.0%} of tokens as whole sentences, {tok_windows / tok_all:.0%} in windows"
        )
        for label, n in (("whole sentences", tok_whole), ("windows", tok_windows)):
            per_page = n / max(sample_pages, 1)
            print(
                f"  => {label}: {per_page:.0f} tokens per sample page to Frog; at {two_rate:.0f} tokens/s"
                f" Frog alone sustains {two_rate / per_page:.1f} pages/s, before the cache (pipeline target: 20)"
            )

    # -- accuracy -------------------------------------------------------------
    print("\nFrog alone on ned.testa, PER (entity recall: all tokens covered; token precision):")
    predicted = [[r.label == "PER" for r in s] for s in readings]
    recall, precision, n_gold, n_pred = per_scores(gold, predicted)
    print(f"  every sentence, whole:       recall {recall:.3f}  precision {precision:.3f}  ({n_gold} gold names, {n_pred} tokens tagged PER)")
    gated = [p if x else [False] * len(p) for p, x in zip(predicted, sent)]
    recall, precision, _, _ = per_scores(gold, gated)
    print(f"  needs_frog sentences, whole: recall {recall:.3f}  precision {precision:.3f}")
    flat = [p for ps in news_pieces for p in ps]
    windowed_pred = [[False] * len(s) for s in words]
    owner = [k for k, ps in enumerate(news_pieces) for _ in ps]
    for k, piece, tagged in zip(owner, flat, cached.tag([[t.text for t in p] for p in flat])):
        for tok, reading in zip(piece, tagged):
            windowed_pred[k][tok.i] = reading.label == "PER"
    recall, precision, _, _ = per_scores(gold, windowed_pred)
    print(f"  needs_frog sentences, windows of {WINDOW}: recall {recall:.3f}  precision {precision:.3f}  (the default)")
    # Frog often finds an unseen name but files it under ORG, LOC or MISC ("Okafor" LOC):
    # counting any entity class shows how much weaker evidence it still offers.
    any_class = [[r.label not in ("O", "") for r in s] for s in readings]
    recall, precision, _, _ = per_scores(gold, any_class)
    print(f"  any entity class taken as PER, whole:  recall {recall:.3f}  precision {precision:.3f}")
    cached.close()


if __name__ == "__main__":
    main()
