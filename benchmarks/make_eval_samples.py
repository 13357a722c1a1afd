#!/usr/bin/env python3
"""Writes a synthetic `scaling eval` input: N samples per GSM8K test question, made from the reference
solutions with perturbations (standard library only, deterministic from --seed).

    python3 benchmarks/make_eval_samples.py --reference test.jsonl --samples 256 --out /tmp/samples.jsonl

Each sample is the reference solution, kept as is (40%), with one annotation result changed and the change
carried into the final answer (calculation error, 20%), with the final answer changed only (reasoning error, 15%),
rewritten to end in "The answer is N." (10%), or "Answer: N" (5%), or without any answer (format error, 10%).
"""
import argparse
import json
import random
import re

ANNOTATION = re.compile(r"<<([^=<>]*)=([^<>]*)>>([^\s]*)")


def perturb(answer, rng):
    body, _, final = answer.rpartition("####")
    final = final.strip()
    r = rng.random()
    if r < 0.40:
        return answer
    if r < 0.60:
        steps = list(ANNOTATION.finditer(body))
        if steps:
            m = rng.choice(steps)
            wrong = m.group(2) + "1"
            body = body[:m.start()] + f"<<{m.group(1)}={wrong}>>{wrong}" + body[m.end():]
        return f"{body}#### {final}1"
    if r < 0.75:
        return f"{body}#### {final}0"
    if r < 0.85:
        return f"{body}The answer is {final}."
    if r < 0.90:
        return f"{body}Answer: {final}"
    return re.sub(r"[0-9]", "", body) + "I am not sure."


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", required=True)
    parser.add_argument("--samples", type=int, default=256)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.reference) as f:
        references = [json.loads(line) for line in f if line.strip()]
    with open(args.out, "w") as out:
        for index, ref in enumerate(references):
            out.write(json.dumps({"id": index, "completion": ref["answer"], "model": "synthetic", "greedy": True}) + "\n")
            for _ in range(args.samples):
                out.write(json.dumps({"id": index, "completion": perturb(ref["answer"], rng), "model": "synthetic"}) + "\n")


if __name__ == "__main__":
    main()
