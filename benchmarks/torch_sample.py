"""The PyTorch reference of `scaling`'s KV-cache sampler, for `make bench`: the model of torch_gpt.py (fp32, CPU,
random GPT-2 initialisation) sampling the same workload as `scaling bench --sampling-workload evaluation`.

The workload is the JSON that `scaling bench --sampling-workload evaluation --print-workload` prints (the study's
evaluation: 200 test prompts of the study's lengths, one greedy pass, then 16 samples per prompt at temperature
0.7). Every continuation is exactly `new_tokens` long: nothing stops at <end> (a random model would end samples
at random, so the two samplers would do different work); `scaling` does the same with `stopAtEnd` false.
Prompts are random tokens of the given lengths.

The algorithm is the one of Sources/Transformer/Sampler.swift, with PyTorch's kernels: prompts in chunks sized
to a KV-cache budget (256 MB); per chunk, the prompts go through the model once (prefill, batches of
`prefill_batch` prompts padded at the end, which causal attention never looks at) and their keys and values are
kept once per prompt; then every step feeds the newest token of all samples of the chunk at once ([rows, d]
linear layers); attention runs per (prompt, head) over the prompt's shared keys (one batched matmul for its
samples) plus each sample's own generated keys, with one softmax over both. Greedy picks the argmax; sampling
draws from softmax(logits / temperature) with torch.multinomial.

Prints ONE JSON line with `tokens_per_s` = generated tokens / wall seconds of both passes (prefill included),
after a tiny untimed warm-up generation.

    python benchmarks/torch_sample.py --workload workload.json --d 128 --layers 2 --heads 4 --ctx 352 --vocab 101
"""
import argparse
import json
import math
import os
import sys
import time
import warnings

warnings.filterwarnings('ignore', message='Failed to initialize NumPy')
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_gpt import GPT  # noqa: E402  (the same model as the training benchmark)


class KVSampler:
    """Batched generation with a KV cache whose prompt part is shared by the samples of a prompt."""

    def __init__(self, model, cache_bytes=256 << 20):
        self.model = model
        self.cache_bytes = cache_bytes
        blk = model.blocks[0]
        self.L, self.H = len(model.blocks), blk.h
        self.d = model.wte.weight.shape[1]
        self.hs = self.d // self.H
        self.T = model.wpe.weight.shape[0]

    def chunks(self, lengths, samples, new_tokens):
        """Prompt index ranges whose KV cache (shared prompt part + per-sample part) fits the budget."""
        row = 2 * self.L * max(1, new_tokens - 1) * self.d * 4
        group = 2 * self.L * max(lengths) * self.d * 4
        out, first, used = [], 0, 0
        for p in range(len(lengths)):
            need = group + samples * row
            if p > first and used + need > self.cache_bytes:
                out.append(range(first, p))
                first, used = p, 0
            used += need
        out.append(range(first, len(lengths)))
        return out

    def prefill(self, prompts, batch):
        """Runs the prompts (batches of `batch`, padded at the end) through the model. Returns the prompt keys and
        values per layer, each [G, H, Pmax, hs], and the logits at each prompt's last token [G, V]."""
        m, G = self.model, len(prompts)
        Pmax = max(len(p) for p in prompts)
        keys = [torch.zeros(G, self.H, Pmax, self.hs) for _ in range(self.L)]
        values = [torch.zeros(G, self.H, Pmax, self.hs) for _ in range(self.L)]
        logits = torch.empty(G, m.wte.weight.shape[0])
        for first in range(0, G, batch):
            group = prompts[first:first + batch]
            b, P = len(group), max(len(p) for p in group)
            idx = torch.zeros(b, P, dtype=torch.long)
            for i, p in enumerate(group):
                idx[i, :len(p)] = p
            x = m.wte(idx) + m.wpe(m.pos[:P])
            for l, blk in enumerate(m.blocks):
                q, k, v = blk.qkv(blk.ln1(x)).split(self.d, dim=2)
                q, k, v = (t.view(b, P, self.H, self.hs).transpose(1, 2) for t in (q, k, v))
                keys[l][first:first + b, :, :P] = k
                values[l][first:first + b, :, :P] = v
                y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
                x = x + blk.proj(y.transpose(1, 2).reshape(b, P, self.d))
                x = x + blk.fc2(F.gelu(blk.fc1(blk.ln2(x)), approximate='tanh'))
            last = torch.tensor([len(p) - 1 for p in group])
            h = m.ln_f(x[torch.arange(b), last])
            logits[first:first + b] = F.linear(h, m.wte.weight)
        return keys, values, logits

    def choose(self, logits, temperature, generator):
        if temperature == 0:
            return torch.argmax(logits, dim=-1)
        probs = torch.softmax(logits / temperature, dim=-1)
        return torch.multinomial(probs, 1, generator=generator).squeeze(1)

    def generate_chunk(self, prompts, samples, temperature, new_tokens, batch, generator):
        """All `samples` continuations of each prompt, `new_tokens` tokens each; returns the tokens [G*S, N]."""
        m, L, H, hs, d = self.model, self.L, self.H, self.hs, self.d
        G, S = len(prompts), samples
        R = G * S
        lengths = torch.tensor([len(p) for p in prompts])
        pk, pv, first_logits = self.prefill(prompts, batch)
        Pmax = pk[0].shape[2]
        # Prompt positions past a prompt's end are padding: -inf before the softmax.
        pad = (torch.arange(Pmax)[None, :] >= lengths[:, None]).view(G, 1, 1, Pmax)
        sk = [torch.empty(R, H, max(1, new_tokens - 1), hs) for _ in range(L)]
        sv = [torch.empty(R, H, max(1, new_tokens - 1), hs) for _ in range(L)]
        out = torch.empty(R, new_tokens, dtype=torch.long)
        out[:, 0] = self.choose(first_logits.repeat_interleave(S, dim=0), temperature, generator)
        positions = lengths.repeat_interleave(S)
        scale = 1.0 / math.sqrt(hs)
        for i in range(new_tokens - 1):         # feed token i at position P + i; the last token is not fed back
            x = m.wte(out[:, i]) + m.wpe(positions + i)                       # [R, d]
            for l, blk in enumerate(m.blocks):
                q, k, v = blk.qkv(blk.ln1(x)).split(d, dim=1)
                q = q.view(R, H, hs)
                sk[l][:, :, i] = k.view(R, H, hs)
                sv[l][:, :, i] = v.view(R, H, hs)
                qg = q.view(G, S, H, hs).transpose(1, 2)                     # [G, H, S, hs]
                prompt_scores = (qg @ pk[l].transpose(-1, -2)) * scale       # [G, H, S, Pmax]
                prompt_scores = prompt_scores.masked_fill(pad, float('-inf'))
                own_keys = sk[l][:, :, :i + 1]                                # [R, H, i+1, hs]
                own_scores = (own_keys @ q.unsqueeze(-1)).squeeze(-1) * scale  # [R, H, i+1]
                own_scores = own_scores.view(G, S, H, i + 1).transpose(1, 2)  # [G, H, S, i+1]
                att = torch.softmax(torch.cat([prompt_scores, own_scores], dim=-1), dim=-1)
                y = att[..., :Pmax] @ pv[l]                                   # [G, H, S, hs]
                own_att = att[..., Pmax:].transpose(1, 2).reshape(R, H, 1, i + 1)
                y = y.transpose(1, 2).reshape(R, H, hs) + (own_att @ sv[l][:, :, :i + 1]).view(R, H, hs)
                x = x + blk.proj(y.reshape(R, d))
                x = x + blk.fc2(F.gelu(blk.fc1(blk.ln2(x)), approximate='tanh'))
            logits = F.linear(m.ln_f(x), m.wte.weight)
            out[:, i + 1] = self.choose(logits, temperature, generator)
        return out

    @torch.inference_mode()
    def generate(self, prompts, samples, temperature, new_tokens, batch, generator):
        """Generates every prompt's continuations chunk by chunk; returns the number of generated tokens."""
        for p in prompts:
            if len(p) + new_tokens > self.T + 1:
                raise SystemExit(f'error: a prompt of {len(p)} tokens with {new_tokens} new tokens does not fit '
                                 f'the context of {self.T}')
        tokens = 0
        for chunk in self.chunks([len(p) for p in prompts], samples, new_tokens):
            out = self.generate_chunk([prompts[p] for p in chunk], samples, temperature, new_tokens, batch, generator)
            tokens += out.numel()
        return tokens


def load_workload(path):
    try:
        with open(path) as f:
            w = json.load(f)
        lengths = [int(n) for n in w['prompt_lengths']]
        return lengths, int(w['samples']), float(w['temperature']), int(w['new_tokens']), int(w['prefill_batch'])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise SystemExit(f'error: {path}: not a sampling workload ({e})')


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--workload', required=True, help='JSON of `scaling bench --sampling-workload evaluation '
                   '--print-workload`')
    p.add_argument('--d', type=int, default=128, help='model width')
    p.add_argument('--layers', type=int, default=2)
    p.add_argument('--heads', type=int, default=4)
    p.add_argument('--ctx', type=int, default=352, help='context length T')
    p.add_argument('--vocab', type=int, default=101, help='vocabulary size V')
    p.add_argument('--threads', type=int, default=2, help='torch.set_num_threads')
    p.add_argument('--seed', type=int, default=0)
    a = p.parse_args()
    if a.d % a.heads != 0:
        p.error('--d must be divisible by --heads')
    lengths, samples, temperature, new_tokens, batch = load_workload(a.workload)
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    model = GPT(a.vocab, a.ctx, a.d, a.layers, a.heads).eval()
    n_params = sum(q.numel() for q in model.parameters())
    prompts = [torch.randint(0, a.vocab, (n,)) for n in lengths]
    sampler = KVSampler(model)
    generator = torch.Generator().manual_seed(a.seed + 1)

    sampler.generate(prompts[:1], 1, 0.0, min(2, new_tokens), batch, generator)     # untimed warm-up
    t0 = time.perf_counter()
    tokens = sampler.generate(prompts, 1, 0.0, new_tokens, batch, generator)                  # greedy pass
    tokens += sampler.generate(prompts, samples, temperature, new_tokens, batch, generator)   # sampled pass
    dt = time.perf_counter() - t0
    print(json.dumps({
        'impl': 'pytorch', 'torch': torch.__version__, 'workload': os.path.basename(a.workload), 'params': n_params,
        'd': a.d, 'layers': a.layers, 'heads': a.heads, 'ctx': a.ctx, 'vocab': a.vocab, 'threads': a.threads,
        'prompts': len(prompts), 'samples': samples, 'temperature': temperature, 'new_tokens': new_tokens,
        'generated_tokens': tokens, 'seconds': round(dt, 3), 'tokens_per_s': round(tokens / dt, 1),
    }))
    sys.stdout.flush()


if __name__ == '__main__':
    main()
