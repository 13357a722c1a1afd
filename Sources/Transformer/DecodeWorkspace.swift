/// The decode step's flat buffers: one allocation sized for the largest chunk.
final class DecodeWorkspace {
    let buffer: FloatBuffer
    let x, ln, qkv, atty, residual2, fch, logits, groupLogits: UnsafeMutablePointer<Float>
    private let attentionScratchBase: UnsafeMutablePointer<Float>
    private let attentionScratchSize: Int
    private let choiceScratchBase: UnsafeMutablePointer<Float>
    private let vocab: Int

    /// `scratchWidth`: the floats of one worker's attention scratch (sk_decode_attention's).
    init(config: GPTConfig, rows R: Int, groups G: Int, scratchWidth: Int) {
        let (C, V) = (config.width, config.vocabSize)
        vocab = V
        attentionScratchSize = scratchWidth
        let sizes = [R * C, R * C, R * 3 * C, R * C, R * C, R * 4 * C, R * V, G * V,
                     Threads.maximum * attentionScratchSize, Threads.maximum * V]
        buffer = FloatBuffer(count: sizes.reduce(0, +))
        var pointers: [UnsafeMutablePointer<Float>] = []
        var next = buffer.base
        for size in sizes {
            pointers.append(next)
            next += size
        }
        (x, ln, qkv, atty, residual2, fch, logits, groupLogits) =
            (pointers[0], pointers[1], pointers[2], pointers[3], pointers[4], pointers[5], pointers[6], pointers[7])
        attentionScratchBase = pointers[8]
        choiceScratchBase = pointers[9]
    }

    /// [scratchWidth] attention scores and sums of one worker.
    func attentionScratch(worker: Int) -> UnsafeMutablePointer<Float> { attentionScratchBase + worker * attentionScratchSize }
    /// [V] of one worker, for top-k and sampling weights.
    func choiceScratch(worker: Int) -> UnsafeMutablePointer<Float> { choiceScratchBase + worker * vocab }
}
