#!/usr/bin/env python3
"""Writes the lm-evaluation-harness fixtures of this directory (standard library only).

The lines follow what lm-evaluation-harness writes with `--log_samples` (lm_eval/evaluator.py builds each
record, lm_eval/loggers/evaluation_tracker.py writes it): one JSON line per document *and filter*, with
`doc_id`, `doc`, `target`, `arguments` ({"gen_args_0": {"arg_0": prompt, "arg_1": generation kwargs}}),
`resps` (one list per request with every repeat's text), `filtered_resps`, `filter`, `metrics`, the SHA-256
`doc_hash` / `prompt_hash` / `target_hash`, and the metric values. The documents are GSM8K test records 0-3
(../gsm8k/test-subset.jsonl, MIT License: ../gsm8k/LICENSE); the model responses are written by hand.
The filters and exact_match imitate the harness's gsm8k and gsm8k_cot_self_consistency tasks (a regex, then
take_first or majority_vote), so filtered_resps and exact_match look like the real thing; `scaling eval` does not
read them.

    python3 Tests/Data/harness/make_fixtures.py      # rewrites the .jsonl files here
"""
import hashlib
import json
import os
import re
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = [json.loads(line) for line in open(os.path.join(HERE, "..", "gsm8k", "test-subset.jsonl"), encoding="utf-8")][:4]


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def regex_first(pattern, text, group=0):
    found = re.findall(pattern, text)
    if not found:
        return "[invalid]"
    match = found[group]
    if isinstance(match, tuple):
        match = next((m for m in match if m), "[invalid]")
    return match.strip()


def exact_match(prediction, target):
    # gsm8k.yaml: ignore_case, regexes_to_ignore ",", "\$", "(?s).*#### ", "\.$"
    for ignore in [",", r"\$", r"(?s).*#### ", r"\.$"]:
        prediction, target = re.sub(ignore, "", prediction), re.sub(ignore, "", target)
    return float(prediction.lower() == target.lower())


def write(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) + "\n")


def record(doc_id, target, prompt, kwargs, resps, filter_name, filtered):
    doc = DOCS[doc_id]
    return {
        "doc_id": doc_id, "doc": doc, "target": target,
        "arguments": {"gen_args_0": {"arg_0": prompt, "arg_1": kwargs}},
        "resps": [resps], "filtered_resps": [filtered], "filter": filter_name, "metrics": ["exact_match"],
        "doc_hash": sha(json.dumps(doc, indent=2, ensure_ascii=False)), "prompt_hash": sha(prompt),
        "target_hash": sha(str(target)), "exact_match": exact_match(filtered, target),
    }


# gsm8k (greedy, one response per document): right, wrong, right with a thousands comma, no answer at all.
GREEDY = [
    "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 18",
    "It takes 2/2=<<2/2=1>>1 bolt of white fiber.\nSo the total is 2+2=<<2+2=4>>4 bolts.\n#### 4",
    "The repairs add 80,000*1.5=<<80000*1.5=120000>>120,000.\nSo the house is worth 120,000+80,000=<<120000+80000=200000>>200,000."
    "\nHe spent 80,000+50,000=<<80000+50000=130000>>130,000.\nSo he made a profit of 200,000-130,000=<<200000-130000=70000>>70,000.\n#### 70,000",
    "James runs sprints every week. He runs a lot of sprints.",
]
greedy_kwargs = {"until": ["Question:", "</s>", "<|im_end|>"], "do_sample": False, "temperature": 0.0}
single = []
for doc_id, response in enumerate(GREEDY):
    prompt = "Question: " + DOCS[doc_id]["question"] + "\nAnswer:"
    for name, pattern, group in [("strict-match", r"#### (\-?[0-9\.\,]+)", 0),
                                 ("flexible-extract", r"(-?[$0-9.,]{2,})|(-?[0-9]+)", -1)]:
        single.append(record(doc_id, DOCS[doc_id]["answer"], prompt, greedy_kwargs, [response], name,
                             regex_first(pattern, response, group)))
single.sort(key=lambda r: (r["filter"] != "strict-match", r["doc_id"]))  # the harness writes one filter after the other
write(os.path.join(HERE, "pythia-160m", "samples_gsm8k_2026-01-05T10-11-12.345678.jsonl"), single)


# gsm8k_cot_self_consistency with repeats: 16 (sampled): 12, 4 and 0 of 16 right; the target is the bare number.
def cot(answer):
    return f"We work it out step by step. The answer is {answer}."


REPEATS = [
    [cot(18)] * 12 + [cot(20)] * 2 + [cot(9)] * 2,
    [cot(4)] * 8 + [cot(3)] * 4 + [cot(2)] * 3 + ["Two bolts of blue and one of white."],
    [cot(130000)] * 9 + [cot(200000)] * 7,
]
sampled_kwargs = {"until": ["Q:", "\n\n"], "do_sample": True, "temperature": 0.2}
answer_is = r"The answer is (\-?[0-9\.\,]*[0-9]+)"
repeats = []
for name in ["score-first", "maj@16"]:
    for doc_id, responses in enumerate(REPEATS):
        target = DOCS[doc_id]["answer"].split("####")[-1].strip()
        prompt = "Q: " + DOCS[doc_id]["question"] + "\nA:"
        answers = [regex_first(answer_is, r) for r in responses]
        filtered = answers[0] if name == "score-first" else Counter(answers).most_common(1)[0][0]
        repeats.append(record(doc_id, target, prompt, sampled_kwargs, responses, name, filtered))
write(os.path.join(HERE, "pythia-410m", "samples_gsm8k_cot_self_consistency_2026-01-05T12-00-00.000000.jsonl"), repeats)

# A malformed line: line 2's resps is a string, not a list of lists (as if a tool had flattened it).
bad = [single[0], json.dumps({**single[1], "resps": GREEDY[1]}, ensure_ascii=False) + "\n", single[2]]
write(os.path.join(HERE, "malformed", "samples_gsm8k_2026-01-05T10-11-12.345678.jsonl"), bad)
