"""The detection configuration (data/detection.yaml), schema-checked when loaded: which recognisers
run, the person recogniser's evidence weights, score floors, overlap order, and the evidence tags
each recogniser can record (which rule files may name)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

import jsonschema
import yaml


@dataclass(frozen=True)
class DetectionConfig:
    recognisers: tuple[str, ...]
    min_score: float
    index_min_score: float
    overlap_priority: dict[str, int]
    person_base: float
    person_min_score: float
    person_weights: dict[str, float]
    evidence: dict[str, tuple[str, ...]]  # recogniser -> tags ("title:*": any text after "title:")

    def knows_evidence(self, tag: str) -> bool:
        """Can some recogniser record ``tag``? (Rule files may name only such tags.)"""
        return any(tag == p or (p.endswith("*") and tag.startswith(p[:-1]) and len(tag) > len(p) - 1)
                   for tags in self.evidence.values() for p in tags)


class DetectionConfigError(ValueError):
    pass


def parse_config(data: object) -> DetectionConfig:
    schema = json.loads(resources.files("woopub").joinpath("schemas", "detection.schema.json").read_text("utf-8"))
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as err:
        where = "/".join(str(p) for p in err.absolute_path) or "top"
        raise DetectionConfigError(f"detection configuration, at {where}: {err.message}") from None
    persons = data["persons"]
    return DetectionConfig(
        recognisers=tuple(data["recognisers"]),
        min_score=data["min_score"],
        index_min_score=data["index_min_score"],
        overlap_priority=dict(data["overlap_priority"]),
        person_base=persons["base"],
        person_min_score=persons["min_score"],
        person_weights=dict(persons["weights"]),
        evidence={k: tuple(v) for k, v in data["evidence"].items()},
    )


@functools.cache  # shipped data, read once: the same for every run in the process
def detection_config() -> DetectionConfig:
    text = resources.files("woopub").joinpath("data", "detection.yaml").read_text("utf-8")
    return parse_config(yaml.safe_load(text))
