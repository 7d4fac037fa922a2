"""One place that settles overlapping findings.

Recognisers report freely; here overlapping spans become one finding. Where
spans of one entity overlap, the result covers them all (a redaction must
cover every character any recogniser flagged). Where entities differ, the
more specific entity names the union (an e-mail address beats the person
name found inside its local part).
"""

from __future__ import annotations

from woopub.detect.config import detection_config
from woopub.model import Finding

PRIORITY = detection_config().overlap_priority  # data/detection.yaml


def resolve_overlaps(findings: list[Finding], text: str) -> list[Finding]:
    out: list[Finding] = []
    cluster: list[Finding] = []
    end = -1
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if cluster and f.start < end:
            cluster.append(f)
            end = max(end, f.end)
            continue
        if cluster:
            out.append(_merge(cluster, text))
        cluster, end = [f], f.end
    if cluster:
        out.append(_merge(cluster, text))
    return out


def _merge(cluster: list[Finding], text: str) -> Finding:
    if len(cluster) == 1:
        return cluster[0]
    winner = max(cluster, key=lambda f: (f.end - f.start, PRIORITY.get(f.entity, 1), f.score))
    start = min(f.start for f in cluster)
    end = max(f.end for f in cluster)
    evidence: list[str] = []
    recognisers: list[str] = []
    for f in cluster:
        if f.entity != winner.entity:
            continue
        for e in f.evidence:
            if e not in evidence:
                evidence.append(e)
        if f.recogniser not in recognisers:
            recognisers.append(f.recogniser)
    first = min(cluster, key=lambda f: f.start)
    last = max(cluster, key=lambda f: f.end)
    return Finding(
        start=start,
        end=end,
        entity=winner.entity,
        text=text[start:end],
        score=max(f.score for f in cluster if f.entity == winner.entity),
        recogniser="+".join(recognisers),
        evidence=tuple(evidence),
        lead=first.lead or winner.lead,
        line_before=first.line_before or winner.line_before,
        trail=last.trail or winner.trail,
    )
