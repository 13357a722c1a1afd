import Foundation

/// The study configs shipped with the tool (`scaling sweep --preset NAME`). Both pretrain their bases with the
/// same config, so `quick` starts from the bases the `paper` preset made (shipped in notebooks-data/bases).
public enum Presets {
    public static let names = ["quick", "paper"]

    public static func text(_ name: String) -> String? {
        switch name {
        case "quick": return quick
        case "paper": return paper
        default: return nil
        }
    }

    /// Shared by both presets: the prototype's recipe (PAPER.md). 40M tokens puts d64L2 safely past its
    /// arithmetic jump (~23-30M); equal tokens for every size, since E3 compares sizes at equal data.
    static let pretrain = """
      "pretrain": {"tokens": 40000000, "batch": 16, "context": 352, "lr": 0.003, "warmup_steps": 100,
                   "final_lr_fraction": 0.1, "weight_decay": 0.1, "seed": 1, "domains": ["gsm"]},
      "sft": {"sizes": [0, 64, 256, 1024], "epochs": 3, "batch": 16, "lr": 0.0005, "warmup_steps": 10},
    """

    /// The default main job: E1-E4 on two shipped bases in a few minutes.
    public static let quick = """
    {
      "name": "quick",
      "description": "E1-E4 in miniature from the shipped d64L2 and d128L2 bases: SFT on 64-1024 examples, one seed (the paper preset continues synthetic data past the pool).",
      "seed": 1,
      "models": ["d64L2", "d128L2"],
      "seeds": [1],
    \(pretrain)
      "data": {"pool_size": 1024, "teacher_calc_error_rate": 0.05, "teacher_reasoning_error_rate": 0.05},
      "eval": {"test_size": 200, "samples": 16, "temperature": 0.7, "pass_at_k": [1, 4]},
      "experiments": {
        "E1": {"note": "Pass@N stays high, PassRatio@N and greedy accuracy rise with SFT data", "models": ["d128L2"]},
        "E2": {"note": "real vs synthetic at equal sizes; synthetic continues past the pool", "models": ["d64L2"],
               "arms": [{"data": "real", "sizes": [256, 1024]},
                        {"data": "synthetic", "method": "mixed", "sizes": [256, 1024]}]},
        "E3": {"note": "accuracy vs SFT size for each model size at equal pretraining tokens"},
        "E4": {"note": "accuracy by number of steps, fitted Acc_step, first-error position", "models": ["d128L2"]}
      }
    }
    """

    /// All ten experiments with three model sizes and seven SFT sizes.
    public static let paper = """
    {
      "name": "paper",
      "description": "E1-E10 in miniature: d64L2, d96L2, d128L2 bases at 40M tokens; SFT 64-4096 (synthetic to 8192).",
      "seed": 1,
      "models": ["d64L2", "d96L2", "d128L2"],
      "seeds": [1],
    \(pretrain.replacingOccurrences(of: "[0, 64, 256, 1024]", with: "[0, 64, 128, 256, 512, 1024, 2048, 4096]"))
      "data": {"pool_size": 4096, "teacher_calc_error_rate": 0.05, "teacher_reasoning_error_rate": 0.05},
      "eval": {"test_size": 200, "samples": 16, "temperature": 0.7, "pass_at_k": [1, 4], "regen_size": 200},
      "experiments": {
        "E1": {"note": "Pass@N stays high, PassRatio@N and greedy accuracy rise with SFT data"},
        "E2": {"note": "real vs synthetic at equal sizes; synthetic continues past the pool", "models": ["d64L2"], "seeds": [1, 2],
               "arms": [{"data": "real", "sizes": [64, 256, 1024, 4096]},
                        {"data": "synthetic", "method": "mixed", "sizes": [64, 256, 1024, 4096, 8192]}]},
        "E3": {"note": "accuracy vs SFT size for three model sizes at equal pretraining tokens"},
        "E4": {"note": "accuracy by number of steps, fitted Acc_step, first-error position"},
        "E5": {"note": "calculation vs reasoning errors vs SFT size"},
        "E6": {"note": "synthesis methods at equal size", "models": ["d64L2"], "seeds": [1, 2], "data": "synthetic", "sizes": [1024],
               "arms": [{"method": "numbers"}, {"method": "background"}, {"method": "constraint"},
                        {"method": "numbers+background"}, {"method": "rephrase"}, {"method": "mixed"}]},
        "E7": {"note": "synthetic data with and without verification", "models": ["d64L2"], "seeds": [1, 2],
               "data": "synthetic", "method": "mixed", "sizes": [1024, 4096],
               "arms": [{"verified": false}, {"verified": true}]},
        "E8": {"note": "SFT on gsm, math or the mix, evaluated on both", "models": ["d64L2"], "seeds": [1, 2], "sizes": [1024],
               "eval_domains": ["gsm", "math"], "arms": [{"domain": "gsm"}, {"domain": "math"}, {"domain": "mix"}]},
        "E9": {"note": "contamination check: LM-loss deltas, with a deliberately contaminated control", "models": ["d64L2"],
               "data": "synthetic", "method": "mixed", "sizes": [1024], "lm_loss": true,
               "arms": [{"contaminate": 0}, {"contaminate": 200}]},
        "E10": {"note": "resampling toward long solutions vs uniform at equal size", "models": ["d64L2"], "seeds": [1, 2],
                "sizes": [1024], "arms": [{"resample": "uniform"}, {"resample": "long"}]}
      }
    }
    """
}
