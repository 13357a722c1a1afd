"""The PyTorch reference of `scaling`'s GPT: the same GPT-2-shaped model (fp32, CPU), used by `make bench` to
compare training speed and by make_reference_case.py to produce the exact-numbers test case.

Architecture (identical to Sources/Transformer and to shared/peers/gpt_torch.py): token embedding (V x d) +
learned positional embedding (T x d); L blocks of
  x = x + proj(causal_mha(LN1(x)))        qkv: Linear(d, 3d, bias), proj: Linear(d, d, bias), H heads
  x = x + fc2(gelu_tanh(fc1(LN2(x))))     fc1: Linear(d, 4d, bias), fc2: Linear(4d, d, bias)
final LayerNorm; LM head tied to the token embedding (no bias).

As a script it measures training tokens/s like `scaling bench`: AdamW(lr 1e-3, betas 0.9/0.95, weight decay 0.1),
cross-entropy over all positions (with --sft: the masked loss of an SFT step, see sft_mask), random tokens
generated once up front; wall clock over --steps timed steps
(forward + backward + optimizer step) after --warmup untimed ones. Prints ONE JSON line with `tokens_per_s`.
Attention is explicit softmax(QK^T/sqrt(hd) + causal mask) V, or F.scaled_dot_product_attention with --sdpa.
"""
import argparse
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, d, h, T, sdpa):
        super().__init__()
        self.h, self.sdpa = h, sdpa
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d, bias=True)
        self.proj = nn.Linear(d, d, bias=True)
        self.ln2 = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, 4 * d, bias=True)
        self.fc2 = nn.Linear(4 * d, d, bias=True)
        self.register_buffer('mask', torch.ones(T, T, dtype=torch.bool).tril().view(1, 1, T, T), persistent=False)

    def attn(self, x):
        B, T, C = x.shape
        hd = C // self.h
        q, k, v = self.qkv(x).split(C, dim=2)
        q = q.view(B, T, self.h, hd).transpose(1, 2)      # (B, H, T, hd)
        k = k.view(B, T, self.h, hd).transpose(1, 2)
        v = v.view(B, T, self.h, hd).transpose(1, 2)
        if self.sdpa:
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hd))
            att = att.masked_fill(~self.mask[:, :, :T, :T], float('-inf'))
            att = F.softmax(att, dim=-1)
            y = att @ v
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        return self.proj(y)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        x = x + self.fc2(F.gelu(self.fc1(self.ln2(x)), approximate='tanh'))
        return x


class GPT(nn.Module):
    def __init__(self, V, T, d, L, H, sdpa=False):
        super().__init__()
        self.wte = nn.Embedding(V, d)
        self.wpe = nn.Embedding(T, d)
        self.blocks = nn.ModuleList(Block(d, H, T, sdpa) for _ in range(L))
        self.ln_f = nn.LayerNorm(d)
        self.register_buffer('pos', torch.arange(T), persistent=False)
        for name, m in self.named_modules():              # GPT-2 init
            if isinstance(m, nn.Linear):
                std = 0.02 / math.sqrt(2 * L) if name.endswith(('proj', 'fc2')) else 0.02
                nn.init.normal_(m.weight, mean=0.0, std=std)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Embedding):
                nn.init.normal_(m.weight, mean=0.0, std=0.02)

    def losses(self, idx, targets):
        """Per-position cross-entropy, shape (B*T,)."""
        B, T = idx.shape
        x = self.wte(idx) + self.wpe(self.pos[:T])
        for blk in self.blocks:
            x = blk(x)
        x = self.ln_f(x)
        logits = F.linear(x, self.wte.weight)            # tied LM head, no bias
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.reshape(-1), reduction='none')

    def forward(self, idx, targets, mask=None):
        """Mean loss over positions weighted by mask (all positions when mask is None)."""
        losses = self.losses(idx, targets)
        if mask is None:
            return losses.mean()
        mask = mask.reshape(-1).to(losses.dtype)
        return (losses * mask).sum() / mask.sum()

    def layout_tensors(self):
        """The parameters in `scaling`'s flat layout order (Sources/Transformer/ParameterLayout.swift):
        a list of (name, tensor-or-list-of-per-layer-tensors); per-layer tensors are stacked along a new first axis."""
        b = self.blocks
        return [
            ('tokenEmbedding', self.wte.weight), ('positionEmbedding', self.wpe.weight),
            ('ln1Weight', [x.ln1.weight for x in b]), ('ln1Bias', [x.ln1.bias for x in b]),
            ('qkvWeight', [x.qkv.weight for x in b]), ('qkvBias', [x.qkv.bias for x in b]),
            ('attnProjWeight', [x.proj.weight for x in b]), ('attnProjBias', [x.proj.bias for x in b]),
            ('ln2Weight', [x.ln2.weight for x in b]), ('ln2Bias', [x.ln2.bias for x in b]),
            ('fc1Weight', [x.fc1.weight for x in b]), ('fc1Bias', [x.fc1.bias for x in b]),
            ('fc2Weight', [x.fc2.weight for x in b]), ('fc2Bias', [x.fc2.bias for x in b]),
            ('lnfWeight', self.ln_f.weight), ('lnfBias', self.ln_f.bias),
        ]

    def optimizer_groups(self, weight_decay):
        """AdamW groups as `scaling` uses them: decay on 2-D tensors (embeddings, linear weights), none on
        LayerNorm parameters and biases."""
        params = list(self.parameters())
        return [{'params': [p for p in params if p.dim() >= 2], 'weight_decay': weight_decay},
                {'params': [p for p in params if p.dim() < 2], 'weight_decay': 0.0}]


def sft_mask(B, T):
    """The loss mask [B, T] of a benchmark SFT step, the rule of `scaling bench --sft` (Bench.sftMask): each row's
    question fills the first T/3 positions (not counted) and row b's padding starts at T - b*T/(2B)."""
    mask = torch.zeros(B, T)
    for b in range(B):
        mask[b, T // 3:max(T // 3, T - b * T // (2 * B))] = 1
    return mask


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--d', type=int, default=128, help='model width')
    p.add_argument('--layers', type=int, default=4)
    p.add_argument('--heads', type=int, default=4)
    p.add_argument('--ctx', type=int, default=128, help='context length T')
    p.add_argument('--batch', type=int, default=32, help='batch size B')
    p.add_argument('--vocab', type=int, default=128, help='vocabulary size V')
    p.add_argument('--steps', type=int, default=20, help='timed steps')
    p.add_argument('--warmup', type=int, default=3, help='untimed steps before timing')
    p.add_argument('--threads', type=int, default=2, help='torch.set_num_threads')
    p.add_argument('--sdpa', action='store_true', help='use F.scaled_dot_product_attention')
    p.add_argument('--sft', action='store_true', help='masked loss of an SFT step (questions and padding not counted)')
    p.add_argument('--seed', type=int, default=0)
    a = p.parse_args()
    assert a.d % a.heads == 0, '--d must be divisible by --heads'
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    model = GPT(a.vocab, a.ctx, a.d, a.layers, a.heads, a.sdpa)
    n_params = sum(q.numel() for q in model.parameters())
    opt = torch.optim.AdamW(model.optimizer_groups(0.1), lr=1e-3, betas=(0.9, 0.95))
    n_total = a.warmup + a.steps
    data = torch.randint(0, a.vocab, (n_total, a.batch, a.ctx + 1))
    mask = sft_mask(a.batch, a.ctx) if a.sft else None

    def step(i):
        loss = model(data[i, :, :-1], data[i, :, 1:], mask)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss

    for i in range(a.warmup):
        step(i)
    t0 = time.perf_counter()
    for i in range(a.warmup, n_total):
        loss = step(i)
    dt = time.perf_counter() - t0

    tokens_per_s = a.steps * a.batch * a.ctx / dt
    flops_per_token = 6 * n_params + 12 * a.layers * a.d * a.ctx
    print(json.dumps({
        'impl': 'pytorch', 'torch': torch.__version__, 'params': n_params,
        'd': a.d, 'layers': a.layers, 'heads': a.heads, 'ctx': a.ctx, 'batch': a.batch, 'vocab': a.vocab,
        'threads': a.threads, 'attn': 'sdpa' if a.sdpa else 'explicit', 'sft': a.sft,
        'tokens_per_s': round(tokens_per_s, 1), 'step_ms': round(dt / a.steps * 1e3, 2),
        'flops_per_token': flops_per_token, 'gflops': round(flops_per_token * tokens_per_s / 1e9, 2),
        'steps': a.steps, 'warmup': a.warmup, 'loss': round(float(loss.detach()), 4),
    }))
    sys.stdout.flush()


if __name__ == '__main__':
    main()
