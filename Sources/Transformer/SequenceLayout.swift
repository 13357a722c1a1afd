/// How the N token rows of a forward pass divide into sequences: sequence s holds rows
/// `offsets[s] ..< offsets[s] + lengths[s]`, its first row at position 0. Every per-token layer (embeddings,
/// LayerNorm, the linear layers, GELU, the loss) sees N rows; attention runs within each sequence only.
///
/// Pretraining windows all have the context's length (`uniform`, the classic [B, T] batch). SFT examples keep their
/// own lengths, so a batch costs the tokens it holds rather than B × its longest row: on the study's SFT data
/// (16 examples of 103-349 tokens) that is 1.48x fewer rows through the linear layers and 2x less attention work
/// than padding every row to the longest.
public struct SequenceLayout: Equatable, Sendable {
    /// Tokens of each sequence (each ≥ 1).
    public let lengths: [Int]
    /// First row of each sequence: offsets[s] = lengths[0] + ... + lengths[s - 1].
    public let offsets: [Int]
    /// N: rows in all (the sum of `lengths`).
    public let tokens: Int
    /// The longest sequence (attention's per-(sequence, head) blocks are sized by it).
    public let longest: Int

    /// Sequences of the given lengths, laid out one after another.
    public init(lengths: [Int]) {
        precondition(!lengths.isEmpty && lengths.allSatisfy { $0 >= 1 }, "SequenceLayout: every sequence needs a token")
        self.lengths = lengths
        var offsets: [Int] = []
        offsets.reserveCapacity(lengths.count)
        var next = 0
        for n in lengths {
            offsets.append(next)
            next += n
        }
        self.offsets = offsets
        tokens = next
        longest = lengths.max()!
    }

    /// B sequences of T tokens each: row b·T + t is position t of sequence b.
    public static func uniform(batch B: Int, length T: Int) -> SequenceLayout {
        SequenceLayout(lengths: Array(repeating: T, count: B))
    }

    /// Number of sequences.
    public var count: Int { lengths.count }

    /// Whether every sequence has the same length.
    public var isUniform: Bool { lengths.allSatisfy { $0 == longest } }

    /// The position of every row within its sequence, [N].
    public var positions: [Int32] {
        var positions: [Int32] = []
        positions.reserveCapacity(tokens)
        for n in lengths { positions.append(contentsOf: (0..<Int32(n))) }
        return positions
    }
}
