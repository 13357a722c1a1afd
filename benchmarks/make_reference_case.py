"""Writes Tests/TransformerTests/Data/reference_case.json: two training steps of a tiny GPT computed by the
PyTorch reference model (torch_gpt.GPT) in float64, for TransformerTests to compare `scaling`'s fp32 model against.

Command that made the checked-in file (from the repository root):
    /tmp/peer/bin/python benchmarks/make_reference_case.py > Tests/TransformerTests/Data/reference_case.json

Case: V=11, T=5, d=8, L=2, H=2, B=2; weights drawn N(0, 0.3) (LayerNorm weights 1 + N(0, 0.3)) so that every
gradient is far from zero; a loss mask with zeros and a fractional weight; AdamW lr 0.01, betas 0.9/0.95,
eps 1e-8, weight decay 0.1 on 2-D tensors; gradients clipped to global norm 0.5. Step 2 uses new tokens.
All parameter, gradient and moment vectors are flat, in `scaling`'s layout order (ParameterLayout.swift).
"""
import json
import sys

import torch

sys.path.insert(0, __file__.rsplit('/', 1)[0])
from torch_gpt import GPT  # noqa: E402

V, T, d, L, H, B = 11, 5, 8, 2, 2, 2
LR, BETAS, EPS, WD, CLIP = 0.01, (0.9, 0.95), 1e-8, 0.1, 0.5

torch.manual_seed(1234)
torch.set_default_dtype(torch.float64)
model = GPT(V, T, d, L, H)
with torch.no_grad():
    for name, p in model.named_parameters():
        p.copy_(torch.randn_like(p) * 0.3 + (1.0 if name.endswith(('ln1.weight', 'ln2.weight', 'ln_f.weight')) else 0.0))


def flat(tensors):
    """Concatenate in layout order; per-layer lists are stacked (layer-major)."""
    out = []
    for _, t in tensors:
        ts = t if isinstance(t, list) else [t]
        out.extend(x.detach().reshape(-1) for x in ts)
    return torch.cat(out).tolist()


def grads():
    return flat([(n, [x.grad for x in t] if isinstance(t, list) else t.grad) for n, t in model.layout_tensors()])


opt = torch.optim.AdamW(model.optimizer_groups(WD), lr=LR, betas=BETAS, eps=EPS)
case = {'config': {'vocab': V, 'ctx': T, 'd': d, 'layers': L, 'heads': H, 'batch': B},
        'adamw': {'lr': LR, 'beta1': BETAS[0], 'beta2': BETAS[1], 'eps': EPS, 'weight_decay': WD, 'clip': CLIP},
        'params0': flat(model.layout_tensors()), 'steps': []}
gen = torch.Generator().manual_seed(99)
for step in range(2):
    tokens = torch.randint(0, V, (B, T + 1), generator=gen)
    mask = torch.tensor([[0, 1, 1, 1, 0.5], [1, 1, 0, 1, 1]], dtype=torch.float64) if step == 0 else None
    loss = model(tokens[:, :-1], tokens[:, 1:], mask)
    opt.zero_grad()
    loss.backward()
    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
    g = grads()   # after clipping: undo the scale to report the raw gradient
    scale = min(1.0, CLIP / (float(norm) + 1e-6))
    opt.step()
    case['steps'].append({
        'inputs': tokens[:, :-1].reshape(-1).tolist(), 'targets': tokens[:, 1:].reshape(-1).tolist(),
        'mask': None if mask is None else mask.reshape(-1).tolist(),
        'loss': float(loss.detach()), 'grad_norm': float(norm), 'grads': [x / scale for x in g],
        'params': flat(model.layout_tensors()),
    })
json.dump(case, sys.stdout)
print()
