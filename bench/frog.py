"""Frog as a detection stage: start-up, throughput, cache, selection, and PER accuracy.

    PYTHONPATH=src python bench/frog.py [--conll PATH] [--sentences N] [--quick]

Prints:
  * start-up time of the Frog server;
  * tokens/s through the server (batched, and one sentence per request)
    against one CLI call per text (a "text" is a page-sized group of sentences);
  * the effect of the sentence cache (a second pass over the same text);
  * tokens/s with 1 connection, 2 connections to one server (Frog forks a
    worker per connection) and 2 server processes;
  * the share of sentences (and tokens) the default ``needs_frog`` predicate
    sends, on ned.testa and on the sample dossier;
  * Frog-alone PER entity recall (every token of a gold PER name tagged PER)
    and PER token precision on CoNLL-2002 ned.testa, with every sentence sent
    and with only the sentences the predicate sends.

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
from woopub.detect.frog_persons import _pipeline, needs_frog, sentences_of  # noqa: E402
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


def sample_texts() -> list[str]:
    """Plain text of the sample dossier (PDFs through woopub's extractor, and the seed texts)."""
    texts = []
    try:
        from woopub.extract import extract_text, open_pdf

        for pdf in sorted((ROOT / "samples").glob("*.pdf")):
            texts.append(extract_text(open_pdf(pdf)).text)
    except Exception as exc:  # the extractor is another stage; its failure should not stop this bench
        print(f"  (sample PDFs not read: {exc})")
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / "seed").glob("*.txt"))]
    return texts


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
    cached = FrogTagger(connections=2)
    cached.start()
    first = timed_tag(cached, speed_set)
    second = timed_tag(cached, speed_set)
    print(f"  first pass   {rate(speed_tokens, first)}")
    print(f"  second pass  {rate(speed_tokens, second)}  hits {cached.stats.cache_hits}/{cached.stats.sentences} sentences")
    samples = sample_texts()
    lex = lexicon()
    nlp = _pipeline()
    dossier_sentences = [[t.text for t in s] for text in samples for s in sentences_of(TokenView(text, nlp(text), lex))]
    cached.clear_cache()
    hits0, n0 = cached.stats.cache_hits, cached.stats.sentences
    cached.tag(dossier_sentences)
    print(
        f"  sample dossier ({len(samples)} texts): {cached.stats.cache_hits - hits0}/{cached.stats.sentences - n0}"
        " sentences repeated within the dossier (cache hits)"
    )

    # -- selection ------------------------------------------------------------
    print("\nshare of sentences the default needs_frog sends:")
    news_views = [TokenView(" ".join(s), nlp(" ".join(s)), lex) for s in words]
    sent = [needs_frog(v.tokens) for v in news_views]
    share_tokens = sum(len(s) for s, x in zip(words, sent) if x) / sum(map(len, words))
    print(f"  ned.testa (news):  {sum(sent) / len(sent):.0%} of sentences, {share_tokens:.0%} of tokens")
    views = [TokenView(text, nlp(text), lex) for text in samples]
    chosen = [needs_frog(s) for v in views for s in sentences_of(v)]
    tok_all = sum(len(s) for v in views for s in sentences_of(v))
    tok_chosen = sum(len(s) for v in views for s in sentences_of(v) if needs_frog(s))
    if chosen:
        print(f"  sample dossier:    {sum(chosen) / len(chosen):.0%} of sentences, {tok_chosen / max(tok_all, 1):.0%} of tokens")

    # -- accuracy -------------------------------------------------------------
    print("\nFrog alone on ned.testa, PER (entity recall: all tokens covered; token precision):")
    t0 = time.perf_counter()
    readings = cached.tag(words)
    seconds = time.perf_counter() - t0
    predicted = [[r.label == "PER" for r in s] for s in readings]
    recall, precision, total, npred = per_scores(gold, predicted)
    print(f"  every sentence:       recall {recall:.3f}  precision {precision:.3f}  ({total} gold names, {npred} tokens tagged PER)")
    gated = [p if x else [False] * len(p) for p, x in zip(predicted, sent)]
    recall, precision, total, npred = per_scores(gold, gated)
    print(f"  needs_frog sentences: recall {recall:.3f}  precision {precision:.3f}")
    print(f"  (tagging ned.testa with 2 connections, partly cached: {rate(sum(map(len, words)), seconds)})")
    cached.close()


if __name__ == "__main__":
    main()
