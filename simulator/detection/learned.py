"""The learned scorer beside the rules: char n-grams and word classes, one logistic model per id.

Rules say exactly why they fired but miss wordings nobody wrote down; the scorer is trained on the
labelled corpora and the catalogue's examples and catches paraphrases. It is trained at build time
(``make``, see ``simulator/detection/training.py``) into a plain JSON file of weights, so that the
app needs neither scikit-learn nor numpy at run time and loads in a few milliseconds. The feature
extraction below is the one both sides use: training and run time cannot drift apart.
"""

from __future__ import annotations

import array
import base64
import hashlib
import json
import math
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from simulator.domain.lexicon import Lexicon
from simulator.domain.pattern_prefilter import GramIndex, message_grams

MODEL_FORMAT = 3  # 3: vetoes
WEIGHT_SCALE = 1000  # weights are kept as integers of a thousandth
# A rule's hit on a message shorter than this is never overruled: a terse answer (送一袋除垢剂, L吧)
# gives the scorer too few features to outweigh a rule that matched it whole.
VETO_MIN_CHARS = 10
# Nor on a message longer than this: the scorer reads a message whole, and in a long one making
# several moves (亲,下午好~看到您拍下了…) one move's share of its features is small, so a low score
# says little about the clause the rule matched. Chosen on the development writers (w1+w2, twelve
# writers' training): the same held-out F1 as no upper bound (0.8745), and good messages of the
# golden transcripts keep their greeting and empathy.
VETO_MAX_CHARS = 40


# How many feature rows (and features the model lacks, as 0) the scorer keeps unpacked: the
# model's own rows plus a few hundred thousand unknown n-grams (some tens of MB at most).
_MAX_CACHED_ROWS = 300_000


def can_be_overruled(text: str) -> bool:
    """Whether a rule's hit on this message (its original text) is within the veto's reach."""
    return VETO_MIN_CHARS <= len(text) <= VETO_MAX_CHARS


# A number is one feature whatever its value, and 十元 / 两件 / 三天 are numbers as much as 10元:
# Chinese numerals count as a number only before a unit, so that 一下 and 十分 stay words.
_NUMBER_RE = re.compile(
    r"[0-9]+(?:\.[0-9]+)?|[零一二两三四五六七八九十百千万]+(?=[元块毛角件个天折双包盒斤张瓶条套台])"
)
# Each word class stands for one private-use character in the abstract text, so that n-grams over
# it say "shop-self, give, you, money" whatever words the trainee used.
_CLASS_CHAR_BASE = 0xE100


@dataclass(frozen=True)
class FeatureSpec:
    char_ngrams: tuple[int, ...] = (1, 2, 3)
    class_ngrams: tuple[int, ...] = (1, 2, 3)


class FeatureExtractor:
    """Canonical text → the set of feature names the scorer reads."""

    def __init__(self, lexicon: Lexicon, spec: FeatureSpec | None = None) -> None:
        self.spec = spec or FeatureSpec()
        self._classes = tuple(
            (chr(_CLASS_CHAR_BASE + index), word_class.pattern)
            for index, word_class in enumerate(lexicon.classes)
        )
        self._class_index = GramIndex([word_class.grams for word_class in lexicon.classes])
        class_chars = f"[{chr(_CLASS_CHAR_BASE)}-{chr(_CLASS_CHAR_BASE + len(self._classes) - 1)}]"
        # No class, no class character: then a character class that matches nothing.
        self._class_char = re.compile(class_chars if self._classes else "[^\\s\\S]")

    def abstract(self, text: str, present: set[str] | None = None) -> str:
        """The text with every word-class hit replaced by its class character (longest hit first);
        ``present`` is message_grams(text) when the caller has it already."""
        hits: list[tuple[int, int, str]] = []
        classes = self._classes
        # Only the classes some word of which the text may hold (pattern_prefilter).
        for index in self._class_index.candidates(message_grams(text) if present is None else present):
            char, pattern = classes[index]
            hits.extend(
                (match.start(), match.end(), char)
                for match in pattern.finditer(text)
                if match.end() > match.start()
            )
        hits.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))
        pieces: list[str] = []
        cursor = 0
        for start, end, char in hits:
            if start < cursor:
                continue
            pieces.append(text[cursor:start])
            pieces.append(char)
            cursor = end
        pieces.append(text[cursor:])
        return "".join(pieces)

    def features(self, text: str, with_classes: bool = True, present: set[str] | None = None) -> set[str]:
        """The feature set; ``with_classes=False`` gives the char n-grams only (a cheap approximation
        used to choose which clause to show as the span); ``present`` as for ``abstract``."""
        plain = "\x02" + _NUMBER_RE.sub("#", text) + "\x03"
        found = _ngrams(plain, self.spec.char_ngrams)
        if not with_classes:
            return found
        abstract = "\x02" + _NUMBER_RE.sub("#", self.abstract(text, present)) + "\x03"
        # Only the n-grams that contain a class character: found from each class character outwards.
        positions = [match.start() for match in self._class_char.finditer(abstract)]
        length = len(abstract)
        found.update(
            "@" + abstract[start : start + size]
            for size in self.spec.class_ngrams
            for position in positions
            for start in range(max(0, position - size + 1), min(position, length - size) + 1)
        )
        return found

    def clause_features(self, text: str, bounds: Sequence[tuple[int, int]]) -> list[set[str]]:
        """``features(text[start:end], with_classes=False)`` for each clause, the n-grams of the
        whole text built once and sliced per clause (the clause loop of a long message was a fifth
        of its detection time)."""
        sizes = self.spec.char_ngrams
        if _NUMBER_RE.search(text) is not None or not sizes:
            # A number (3.5 across a break) may read otherwise in a clause alone: one by one.
            return [self.features(text[start:end], with_classes=False) for start, end in bounds]
        plain = "\x02" + text + "\x03"
        by_size: dict[int, list[str]] = {}
        grams: Iterable[str] = plain
        for size in range(1, max(sizes) + 1):
            if size > 1:
                grams = list(map(str.__add__, grams, plain[size - 1 :]))
            if size in sizes:
                by_size[size] = list(grams)
        found_per_clause = []
        for start, end in bounds:
            marked = "\x02" + text[start:end] + "\x03"
            found: set[str] = set()
            for size, all_grams in by_size.items():
                if size > len(marked):
                    continue
                # Those inside the clause are the whole text's; those with a marker start or end it.
                found.update(all_grams[start + 1 : end + 2 - size])
                found.add(marked[:size])
                found.add(marked[len(marked) - size :])
            found_per_clause.append(found)
        return found_per_clause


def _ngrams(text: str, sizes: tuple[int, ...]) -> set[str]:
    """Every substring of the given lengths; built by joining shifted copies of the text in C (a
    slice per position was a fifth of a long message's detection time)."""
    found: set[str] = set()
    grams: Iterable[str] = text
    longest = max(sizes, default=0)
    for size in range(1, longest + 1):
        if size > 1:
            grams = list(map(str.__add__, grams, text[size - 1 :]))
        if size in sizes:
            found.update(grams)
    return found


def inputs_digest(paths: Iterable[Path]) -> str:
    """A digest of the files a model was trained from, to tell a stale model from a fresh one."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


@dataclass(frozen=True)
class TechniqueModel:
    """Per-id logistic models over binary, length-normalised features.

    The weights are a sparse matrix in compressed rows: feature ``f`` has the entries
    ``indptr[f]:indptr[f + 1]`` of ``columns`` (id indexes) and ``values`` (weights × 1000 as
    16-bit integers). Stored as base64 in JSON, it loads with the standard library in milliseconds.
    """

    ids: tuple[str, ...]
    intercepts: tuple[float, ...]
    thresholds: dict[str, float]  # only the ids the scorer may add on its own
    features: dict[str, int]  # feature → row
    indptr: array.array
    columns: array.array
    values: array.array
    digest: str = ""
    # Per good id, the score under which a rule's hit is overruled: the rule matched words that,
    # on held-out writers, were more often not the technique (a trap the rule did not foresee).
    vetoes: dict[str, float] = field(default_factory=dict)
    # Rows unpacked on first use, each packed into one integer (see _packed_row); a cache, not
    # part of the model's value.
    _rows: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_weights(
        cls,
        ids: Sequence[str],
        intercepts: Sequence[float],
        thresholds: dict[str, float],
        weights: dict[str, list[tuple[int, float]]],
        digest: str = "",
        vetoes: dict[str, float] | None = None,
    ) -> TechniqueModel:
        indptr, columns, values = array.array("I", [0]), array.array("B"), array.array("h")
        features: dict[str, int] = {}
        for feature in sorted(weights):
            pairs = [(index, round(weight * WEIGHT_SCALE)) for index, weight in sorted(weights[feature])]
            pairs = [(index, max(-32767, min(32767, value))) for index, value in pairs if value]
            if not pairs:
                continue
            features[feature] = len(features)
            for index, value in pairs:
                columns.append(index)
                values.append(value)
            indptr.append(len(columns))
        # Rounded as the file keeps them, so a model scores the same before and after saving.
        rounded = tuple(round(value, 5) for value in intercepts)
        return cls(
            tuple(ids),
            rounded,
            dict(thresholds),
            features,
            indptr,
            columns,
            values,
            digest,
            dict(vetoes or {}),
        )

    @cached_property
    def _field_bits(self) -> int:
        """Width of one id's field in a packed row: wide enough for any message's total, which
        sums at most every weight of the model (each |weight| <= 2**15, the file's int16), with
        its sign. Narrower fields make shorter integers and a faster sum (35 bits, not 48)."""
        return (max(len(self.values), 1) << 15).bit_length() + 1

    def _packed_row(self, feature: str) -> int:
        """One feature's weights as one integer: the weight for id ``i`` times 2**(i*FIELD_BITS).

        A message's rows are then summed by ``sum`` in C as whole integers, and each id's total is
        read back from its field: one addition per feature instead of one per feature and id (the
        per-id sums were a third of a long message's detection time)."""
        packed = 0
        bits = self._field_bits
        row = self.features[feature]
        start, end = self.indptr[row], self.indptr[row + 1]
        for column, value in zip(self.columns[start:end], self.values[start:end], strict=True):
            packed += value << (column * bits)
        return packed

    def _packed_total(self, features: set[str]) -> int:
        """The message's rows summed: every id's total in its field, each made non-negative by the
        bias (every total stays inside half a field, _field_bits)."""
        cache = self._rows
        # The rows met before, found by a set operation in C; only the features new to this run
        # are looked up one by one. Those the model does not have are kept too, as a row of 0:
        # a message holds a dozen, and looking them up again each time was half of this sum.
        cached = cache.keys() & features
        if len(cached) < len(features):
            if len(cache) > _MAX_CACHED_ROWS:
                cache.clear()  # unknown n-grams pile up over a long-running app; rows are cheap to unpack
                cached = set()
            known = self.features
            for feature in features - cached:
                cache[feature] = self._packed_row(feature) if feature in known else 0
            cached = features
        return sum(map(cache.__getitem__, cached)) + self._bias

    def _totals(self, features: set[str]) -> list[int]:
        packed = self._packed_total(features)
        mask, half = self._field_mask, self._field_half
        return [((packed >> shift) & mask) - half for shift in self._shifts]

    @cached_property
    def _field_mask(self) -> int:
        return (1 << self._field_bits) - 1

    @cached_property
    def _field_half(self) -> int:
        return 1 << (self._field_bits - 1)

    @cached_property
    def _shifts(self) -> range:
        return range(0, len(self.ids) * self._field_bits, self._field_bits)

    @cached_property
    def _bias(self) -> int:
        return sum(self._field_half << shift for shift in self._shifts)

    def scores(self, features: set[str]) -> dict[str, float]:
        if not features:
            return {}
        scale = 1.0 / (math.sqrt(len(features)) * WEIGHT_SCALE)
        totals = self._totals(features)
        return {
            technique_id: _sigmoid(intercept + total * scale)
            for technique_id, intercept, total in zip(self.ids, self.intercepts, totals, strict=True)
        }

    def scores_of(self, features: set[str], technique_ids: Sequence[str]) -> dict[str, float]:
        """Only these ids' scores (choosing a span): only their fields are read off."""
        if not features:
            return dict.fromkeys(technique_ids, 0.0)
        packed = self._packed_total(features)
        scale = 1.0 / (math.sqrt(len(features)) * WEIGHT_SCALE)
        found = {}
        for technique_id in technique_ids:
            index = self.ids.index(technique_id)
            total = ((packed >> self._shifts[index]) & self._field_mask) - self._field_half
            found[technique_id] = _sigmoid(self.intercepts[index] + total * scale)
        return found

    def to_json(self) -> str:
        document = {
            "format": MODEL_FORMAT,
            "digest": self.digest,
            "ids": list(self.ids),
            "intercepts": [round(value, 5) for value in self.intercepts],
            "thresholds": {key: round(value, 4) for key, value in sorted(self.thresholds.items())},
            "vetoes": {key: round(value, 4) for key, value in sorted(self.vetoes.items())},
            "features": list(self.features),
            "indptr": _pack(self.indptr),
            "columns": _pack(self.columns),
            "values": _pack(self.values),
        }
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> TechniqueModel:
        document = json.loads(text)
        if document.get("format") != MODEL_FORMAT:
            raise ValueError(f"model format {document.get('format')!r}, expected {MODEL_FORMAT}")
        names = document["features"]
        features = dict(zip(names, range(len(names)), strict=True))
        indptr = _unpack("I", document["indptr"])
        columns = _unpack("B", document["columns"])
        values = _unpack("h", document["values"])
        if len(indptr) != len(features) + 1 or len(columns) != len(values) or indptr[-1] != len(columns):
            raise ValueError("the weight arrays do not fit together")
        ids = tuple(document["ids"])
        if columns and max(columns) >= len(ids):
            raise ValueError("a weight refers to an id the model does not have")
        if not set(document["thresholds"]) | set(document["vetoes"]) <= set(ids):
            raise ValueError("a threshold or veto names an id the model does not have")
        return cls(
            ids=ids,
            intercepts=tuple(float(value) for value in document["intercepts"]),
            thresholds={key: float(value) for key, value in document["thresholds"].items()},
            features=features,
            indptr=indptr,
            columns=columns,
            values=values,
            digest=document.get("digest", ""),
            vetoes={key: float(value) for key, value in document["vetoes"].items()},
        )


def _pack(values: array.array) -> str:
    data = values.tobytes() if sys.byteorder == "little" else _swapped(values).tobytes()
    return base64.b64encode(data).decode("ascii")


def _unpack(typecode: str, text: str) -> array.array:
    values = array.array(typecode)
    values.frombytes(base64.b64decode(text))
    return values if sys.byteorder == "little" else _swapped(values)


def _swapped(values: array.array) -> array.array:
    copy = array.array(values.typecode, values)
    copy.byteswap()
    return copy


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def load_model(path: Path, expected_digest: str | None = None) -> tuple[TechniqueModel | None, str]:
    """The model at ``path`` and '' — or None and why it cannot be used (missing, stale, broken)."""
    try:
        raw = path.read_bytes()  # json reads UTF-8 itself, without a decoded copy
    except FileNotFoundError:
        return None, f"{path}: no trained model (run make to train it); rules only"
    except OSError as error:
        return None, f"{path}: cannot read the trained model ({error.strerror}); rules only"
    try:
        model = TechniqueModel.from_json(raw)
    except (ValueError, KeyError, TypeError, OverflowError) as error:
        return None, f"{path}: the trained model is unreadable ({error}); rules only"
    if expected_digest is not None and model.digest != expected_digest:
        return None, f"{path}: the trained model is older than its training data (run make); rules only"
    return model, ""


def nearest(features: set[str], candidates: Sequence[tuple[str, set[str]]]) -> tuple[str, float]:
    """The candidate text whose features overlap most (Jaccard) with ``features``."""
    best, best_score = "", 0.0
    for text, other in candidates:
        union = len(features | other)
        score = len(features & other) / union if union else 0.0
        if score > best_score:
            best, best_score = text, score
    return best, best_score
