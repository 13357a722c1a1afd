extension Bench {
    /// The rows of a benchmark SFT step, the same documents as `benchmarks/torch_gpt.py --sft`: row b is a document
    /// of T - b·T/(2B) tokens (rows of an SFT batch end at different lengths) whose question fills the first T/3
    /// positions (their targets do not count, as in the study's SFT). PyTorch pads every row to T; our trainer runs
    /// each row at its own length (`SequenceLayout`), as the study's SFT does (`SequenceBatches`). The layout and the
    /// loss mask [N] of the rows one after another.
    public static func sftRows(batch B: Int, length T: Int) -> (layout: SequenceLayout, mask: [Float]) {
        let lengths = (0..<B).map { b in max(1, T - b * T / (2 * B)) }
        var mask: [Float] = []
        for n in lengths {
            for t in 0..<n { mask.append(t >= T / 3 ? 1 : 0) }
        }
        return (SequenceLayout(lengths: lengths), mask)
    }
}
