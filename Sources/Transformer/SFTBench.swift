extension Bench {
    /// The loss mask of a benchmark SFT step [B, T], the same rule as `benchmarks/torch_gpt.py --sft`: every row
    /// is a document whose question fills the first T/3 positions (their targets do not count, as in the study's
    /// SFT) and whose padding starts at T - b·T/(2B) for row b (rows of a padded batch end at different lengths).
    /// The work of a step does not depend on the mask's values; it makes the step use the masked loss the study's
    /// SFT uses (`PaddedSequences`, `MaskedSequence`).
    public static func sftMask(batch B: Int, length T: Int) -> [Float] {
        var mask = [Float](repeating: 0, count: B * T)
        for b in 0..<B {
            let end = T - b * T / (2 * B)
            for t in T / 3 ..< max(T / 3, end) { mask[b * T + t] = 1 }
        }
        return mask
    }
}
