import Foundation

/// The study configs shipped with the tool (`scaling sweep --preset NAME`). `quick` pretrains on gsm text with
/// seed 1 (its bases are shipped in notebooks-data/bases); `paper` pretrains on gsm and math text with three seeds.
///
/// The shared settings are here; each experiment's entry under "experiments" (its arms, models, sizes and seeds) is
/// declared by the experiment itself (`ExperimentDesign.presets`, Sources/Study/Experiments) and assembled here in
/// registry order.
public enum Presets {
    /// The shipped presets.
    public enum Name: String, CaseIterable, Sendable {
        case quick, paper
    }

    public static let names = Name.allCases.map(\.rawValue)

    public static func text(_ name: String) -> String? {
        switch Name(rawValue: name) {
        case .quick: return quick
        case .paper: return paper
        case nil: return nil
        }
    }

    /// The "experiments" member of a preset: every registered experiment's entry for it, in registry order.
    static func experiments(_ preset: Name) -> String {
        "  \"experiments\": {\n" + ExperimentRegistry.all.compactMap { $0.presets[preset] }.joined(separator: ",\n") + "\n  }"
    }

    /// The replicates of every paper experiment on one base (E2, E6-E10): the smallest model's first base and three SFT
    /// seeds. There the SFT seed is the only replicated level, and two seeds leave the bootstrap's seed level a t
    /// interval on 1 degree of freedom (t = 12.7), up to 6.5 times as wide as a normal one.
    static let oneBase = #""models": ["d64L2"], "pretrain_seeds": [1], "seeds": [1, 2, 3]"#

    /// The fourth base of every model size for the experiments across bases (E1, E3, E4, E5): pretraining seed 4 as
    /// an extra arm with SFT sizes cut to 0, 64 and 4096 (two SFT seeds), 15 runs, to stay near the 90-minute budget
    /// (issue 15 cuts sizes before seeds). Three bases put the base level on a t interval with 2 degrees of freedom
    /// (t = 4.3); d128L2's greedy gain +0.12 [-0.03, +0.25] rested on three bases. Decided before its runs
    /// (docs/presets.md).
    static let fourthBase = #""arms": [{}, {"pretrain_seeds": [4], "sizes": [0, 64, 4096]}]"#

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
    \(experiments(.quick))
    }
    """

    /// All ten experiments with seeds as a dimension (issue 15): three model sizes, each pretrained with four seeds
    /// on gsm and math text (the fourth at SFT sizes 0, 64 and 4096 only: `fourthBase`); two SFT seeds per arm of
    /// E1, E3, E4, E5 (their replicated level is the bases), three for every experiment on one base (`oneBase`);
    /// 800 held-out questions per domain, the same for every arm. The verdict rules are fixed in docs/presets.md
    /// ("The paper preset"). SFT sizes are cut to five (0, 64, 256, 1024, 4096) to pay for the seeds. Bases see
    /// 120M tokens, three times the gsm-only budget, since two domains share them: pilots of d64L2 seed 1 on gsm +
    /// math reached a units-digit probe of 0.485 at 40M tokens and 0.88 at 80M (the gsm-only base: 0.95 at 40M).
    /// Fixed before any run of the study, for every size and seed alike. The old single-seed preset's results stay
    /// readable: `scaling report` and `scaling plot` use the config stored in the study directory.
    public static let paper = """
    {
      "name": "paper",
      "description": "E1-E10 in miniature with seeds as a dimension: d64L2, d96L2, d128L2 bases pretrained on gsm and math text (120M tokens, 4 pretraining seeds each, the fourth at SFT sizes 0, 64 and 4096), SFT 64-4096 (synthetic to 8192) with 2-3 SFT seeds per arm, 800 paired test questions per domain.",
      "seed": 1,
      "models": ["d64L2", "d96L2", "d128L2"],
      "seeds": [1, 2],
    \(pretrain.replacingOccurrences(of: "\"seed\": 1, \"domains\": [\"gsm\"]", with: "\"seeds\": [1, 2, 3], \"domains\": [\"gsm\", \"math\"]")
               .replacingOccurrences(of: "\"tokens\": 40000000", with: "\"tokens\": 120000000")
               .replacingOccurrences(of: "[0, 64, 256, 1024]", with: "[0, 64, 256, 1024, 4096]"))
      "data": {"pool_size": 4096, "teacher_calc_error_rate": 0.05, "teacher_reasoning_error_rate": 0.05},
      "eval": {"test_size": 800, "samples": 16, "temperature": 0.7, "pass_at_k": [1, 4], "regen_size": 200},
    \(experiments(.paper))
    }
    """
}
