import DataFiles

/// One batch of token sequences for a forward/backward pass, one after another in reusable buffers.
///
/// Sequence s holds `inputs[layout.offsets[s] ..< layout.offsets[s] + layout.lengths[s]]`; the target of input
/// position t is the next token of the same document, and `mask` says whether that target counts in the loss (1) or
/// not (0: the question tokens of an SFT example). Sequences keep their own lengths (no padding: `SequenceLayout`).
/// The loss of a batch is the mean cross-entropy over the counted targets. The arrays keep their capacity between
/// batches.
public struct TokenBatch: Sendable {
    /// The sequences' lengths and offsets.
    public private(set) var layout = SequenceLayout(lengths: [1])
    /// [N] input tokens.
    public private(set) var inputs: [Tokenizer.Token] = []
    /// [N] next-token targets.
    public private(set) var targets: [Tokenizer.Token] = []
    /// [N] 1 where the target counts in the loss, else 0.
    public private(set) var mask: [Float] = []
    /// Number of counted targets (the sum of `mask`).
    public private(set) var countedTargets = 0

    /// An empty batch with room for `rows` x `length` tokens.
    public init(rows: Int, length: Int) {
        inputs.reserveCapacity(rows * length)
        targets.reserveCapacity(rows * length)
        mask.reserveCapacity(rows * length)
    }

    /// Sequences in the batch (the last batch of an epoch may have fewer).
    public var rows: Int { layout.count }

    /// Starts a batch of sequences of the given input lengths; every position is `Tokenizer.pad`, uncounted,
    /// until its row is written.
    mutating func reset(lengths: [Int]) {
        layout = SequenceLayout(lengths: lengths)
        countedTargets = 0
        let n = layout.tokens
        inputs.removeAll(keepingCapacity: true)
        inputs.append(contentsOf: repeatElement(Tokenizer.pad, count: n))
        targets.removeAll(keepingCapacity: true)
        targets.append(contentsOf: repeatElement(Tokenizer.pad, count: n))
        mask.removeAll(keepingCapacity: true)
        mask.append(contentsOf: repeatElement(0, count: n))
    }

    /// Writes row `row` from `tokens` (inputs = tokens[0..<n-1], targets = tokens[1..<n], n - 1 = the row's length);
    /// the targets at positions `lossStart - 1 ..< n - 1` (i.e. the tokens from index `lossStart` on) count in the loss.
    mutating func write(row: Int, tokens: ArraySlice<Tokenizer.Token>, lossStart: Int) {
        let n = tokens.count - 1
        precondition(n == layout.lengths[row])
        let base = layout.offsets[row]
        var source = tokens.startIndex
        for t in 0..<n {
            inputs[base + t] = tokens[source]
            targets[base + t] = tokens[source + 1]
            if t + 1 >= lossStart {
                mask[base + t] = 1
                countedTargets += 1
            }
            source += 1
        }
    }
}

/// Where training batches come from: a fixed number of batches per epoch, each a pure function of
/// (seed, epoch, index), so a run resumed at any step sees exactly the batches of an uninterrupted run.
public protocol BatchSource {
    /// Batches in one pass over the data.
    var batchesPerEpoch: Int { get }
    /// Total counted targets per epoch.
    var tokensPerEpoch: Int { get }
    /// A hash of the data and its batching (not of the seed), stored in checkpoints so that a run is resumed
    /// only on the data it started with.
    var fingerprint: UInt64 { get }
    /// Writes batch `index` (0 ..< batchesPerEpoch) of epoch `epoch` into `batch`.
    mutating func fill(_ batch: inout TokenBatch, epoch: Int, index: Int)
}

/// The order of examples in each epoch: a permutation drawn from the seed and the epoch number, cached for the
/// epoch in use.
struct EpochOrder {
    let seed: UInt64
    let count: Int
    private var epoch = -1
    private var order: [Int] = []

    init(seed: UInt64, count: Int) {
        self.seed = seed
        self.count = count
    }

    mutating func permutation(epoch: Int) -> [Int] {
        if epoch != self.epoch {
            var random = SplitMix64(seed: seed, stream: UInt64(epoch))
            order = random.permutation(count)
            self.epoch = epoch
        }
        return order
    }
}

/// Pretraining batches: all documents concatenated into one token stream, cut into windows of T + 1 tokens
/// (window i starts at token i*T, so consecutive windows share one token), every target counted. Windows are
/// shuffled per epoch; the last batch of an epoch holds the remaining windows.
public struct PackedWindows: BatchSource {
    public let stream: [Tokenizer.Token]
    public let context: Int
    public let rowsPerBatch: Int
    public let windowCount: Int
    private var order: EpochOrder

    /// Packs `documents` (each already `<begin> ... <end>`) for context `context` and `rowsPerBatch` rows.
    /// Throws when the stream does not fill a single window.
    public init(documents: [[Tokenizer.Token]], context: Int, rowsPerBatch: Int, seed: UInt64) throws {
        stream = Array(documents.joined())
        self.context = context
        self.rowsPerBatch = rowsPerBatch
        windowCount = max(0, (stream.count - 1) / context)
        guard windowCount > 0 else {
            throw ToolError("the training text has \(stream.count) tokens, fewer than one window of \(context + 1)")
        }
        order = EpochOrder(seed: seed, count: windowCount)
    }

    public var batchesPerEpoch: Int { (windowCount + rowsPerBatch - 1) / rowsPerBatch }
    public var tokensPerEpoch: Int { windowCount * context }

    public var fingerprint: UInt64 {
        var hash = FNV1a64()
        hash.add(Array("packed \(context) \(rowsPerBatch)".utf8))
        stream.withUnsafeBytes { hash.add($0) }
        return hash.value
    }

    public mutating func fill(_ batch: inout TokenBatch, epoch: Int, index: Int) {
        let permutation = order.permutation(epoch: epoch)
        let first = index * rowsPerBatch
        let rows = min(rowsPerBatch, windowCount - first)
        batch.reset(lengths: Array(repeating: context, count: rows))
        for row in 0..<rows {
            let start = permutation[first + row] * context
            batch.write(row: row, tokens: stream[start ... start + context], lossStart: 1)
        }
    }
}

/// One training or evaluation sequence: its tokens and the index of the first token whose prediction
/// counts in the loss (1 for every token, the first solution token for SFT).
public struct MaskedSequence: Sendable, Equatable {
    public var tokens: [Tokenizer.Token]
    public var lossStart: Int

    public init(tokens: [Tokenizer.Token], lossStart: Int) {
        self.tokens = tokens
        self.lossStart = lossStart
    }

    /// `<begin> question <sep> solution <end>`, with the loss on the solution and `<end>` only when
    /// `maskQuestion` (SFT), else on every token after `<begin>`.
    public init(question: String, solution: String, maskQuestion: Bool, tokenizer: Tokenizer,
                unknown: Tokenizer.Unknown = .error) throws {
        let prompt = try tokenizer.encodePrompt(question: question, unknown: unknown)
        tokens = prompt + (try tokenizer.encode(solution, unknown: unknown)) + [Tokenizer.end]
        lossStart = maskQuestion ? prompt.count : 1
    }
}

/// SFT (and evaluation) batches: `rowsPerBatch` sequences each, every one at its own length (nothing is padded),
/// with the loss mask of each sequence. Sequences are shuffled per epoch when a seed is given, else kept in order.
public struct SequenceBatches: BatchSource {
    public let sequences: [MaskedSequence]
    public let rowsPerBatch: Int
    private var order: EpochOrder?

    /// Throws when a sequence is longer than `context + 1` tokens (T inputs and their targets), naming it by
    /// 1-based number.
    public init(sequences: [MaskedSequence], context: Int, rowsPerBatch: Int, shuffleSeed: UInt64?) throws {
        for (i, s) in sequences.enumerated() where s.tokens.count < 2 {
            throw ToolError("sequence \(i + 1) has \(s.tokens.count) token(s); training needs an input and a target")
        }
        for (i, s) in sequences.enumerated() where s.tokens.count > context + 1 {
            throw ToolError("sequence \(i + 1) has \(s.tokens.count) tokens; the context holds \(context) (+1 target)")
        }
        guard !sequences.isEmpty else { throw ToolError("no sequences to train on") }
        self.sequences = sequences
        self.rowsPerBatch = rowsPerBatch
        order = shuffleSeed.map { EpochOrder(seed: $0, count: sequences.count) }
    }

    public var batchesPerEpoch: Int { (sequences.count + rowsPerBatch - 1) / rowsPerBatch }
    public var tokensPerEpoch: Int { sequences.reduce(0) { $0 + $1.tokens.count - $1.lossStart } }

    public var fingerprint: UInt64 {
        var hash = FNV1a64()
        hash.add(Array("sequences \(rowsPerBatch) \(order == nil ? "in order" : "shuffled")".utf8))
        for s in sequences {
            hash.add(Array("\(s.lossStart) \(s.tokens.count)".utf8))
            s.tokens.withUnsafeBytes { hash.add($0) }
        }
        return hash.value
    }

    public mutating func fill(_ batch: inout TokenBatch, epoch: Int, index: Int) {
        let permutation = order?.permutation(epoch: epoch)
        let first = index * rowsPerBatch
        let chosen = (first ..< min(first + rowsPerBatch, sequences.count)).map { sequences[permutation?[$0] ?? $0] }
        batch.reset(lengths: chosen.map { $0.tokens.count - 1 })
        for (row, s) in chosen.enumerated() {
            batch.write(row: row, tokens: s.tokens[...], lossStart: s.lossStart)
        }
    }
}
