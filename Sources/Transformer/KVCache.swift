import CKernels

/// The attention keys and values of a sampling chunk, split in two so that the N samples of one prompt share
/// their prompt's keys and values instead of holding N copies:
///
///     prompt part  keys [L, G, H, P'/16, hs, 16], values [L, G, H, P', hs]  per prompt group g (filled by the prefill)
///     sample part  keys [L, R, H, S/16, hs, 16],  values [L, R, H, S, hs]   per sample row (one per fed-back token)
///
/// with L layers, G prompt groups, R sample rows, H heads, P' the longest prompt and S the most generated tokens fed
/// back, both rounded up to whole key blocks of 16 (`SK_KEY_BLOCK`; `promptStride`, `sampleStride`), hs = d / H.
/// Keys are stored in transposed blocks (`sk_key_offset`), so the scores of a query are products along the keys
/// (whole vectors of keys per step, no horizontal sums) and a row's keys are one contiguous stream; values stay
/// row-major, so the weighted sum runs along the head. Each (layer, group or row, head) block is contiguous.
public final class KVCache {
    public let config: GPTConfig
    public let groups: Int
    public let promptCapacity: Int
    public let rows: Int
    public let sampleCapacity: Int
    /// Keys room per sample row and head: sampleCapacity rounded up to whole key blocks, so that the scores of a
    /// row's own keys can be computed in whole vectors of the widest path (the extra lanes are never used).
    public let sampleStride: Int
    /// Keys room per prompt and head: promptCapacity rounded up to whole key blocks, likewise.
    public let promptStride: Int
    let promptKeys: FloatBuffer
    let promptValues: FloatBuffer
    let sampleKeys: FloatBuffer
    let sampleValues: FloatBuffer

    /// Room for `groups` prompts of up to `promptCapacity` tokens and `rows` samples of up to `sampleCapacity`
    /// fed-back tokens each.
    public init(config: GPTConfig, groups: Int, promptCapacity: Int, rows: Int, sampleCapacity: Int) {
        self.config = config
        self.groups = groups
        self.promptCapacity = promptCapacity
        self.rows = rows
        self.sampleCapacity = sampleCapacity
        sampleStride = KVCache.wholeKeyBlocks(sampleCapacity)
        promptStride = KVCache.wholeKeyBlocks(promptCapacity)
        let promptFloats = config.layers * groups * promptStride * config.width
        let sampleFloats = config.layers * rows * sampleStride * config.width
        promptKeys = FloatBuffer(count: promptFloats)
        promptValues = FloatBuffer(count: promptFloats)
        sampleKeys = FloatBuffer(count: sampleFloats)
        sampleValues = FloatBuffer(count: sampleFloats)
    }

    /// `count` keys rounded up to whole key blocks.
    static func wholeKeyBlocks(_ count: Int) -> Int {
        let block = Int(SK_KEY_BLOCK)
        return (count + block - 1) / block * block
    }

    /// Bytes of one sample row's keys and values (all layers), for sizing chunks to a memory budget.
    public static func bytesPerRow(config: GPTConfig, sampleCapacity: Int) -> Int {
        2 * config.layers * sampleCapacity * config.width * MemoryLayout<Float>.stride
    }

    /// Start of the prompt keys (blocked) or values [P, hs] of layer l, group g, head h.
    @inline(__always)
    func promptBlock(_ buffer: FloatBuffer, layer l: Int, group g: Int, head h: Int) -> UnsafeMutablePointer<Float> {
        let hs = config.headSize
        return buffer.base + (((l * groups + g) * config.heads + h) * promptStride) * hs
    }

    /// Start of the generated-token keys (blocked) or values [S, hs] of layer l, sample row r, head h.
    @inline(__always)
    func sampleBlock(_ buffer: FloatBuffer, layer l: Int, row r: Int, head h: Int) -> UnsafeMutablePointer<Float> {
        let hs = config.headSize
        return buffer.base + (((l * rows + r) * config.heads + h) * sampleStride) * hs
    }

    /// Copies keys and values of `length` positions of one prompt from a qkv activation ([length, 3d] rows:
    /// q | k | v) into group g's prompt part for layer l.
    func storePrompt(layer l: Int, group g: Int, qkv: UnsafePointer<Float>, length: Int) {
        let C = config.width, hs = config.headSize
        for h in 0..<config.heads {
            let keys = promptBlock(promptKeys, layer: l, group: g, head: h)
            let values = promptBlock(promptValues, layer: l, group: g, head: h)
            for t in 0..<length {
                let row = qkv + t * 3 * C + h * hs
                for d in 0..<hs { keys[sk_key_offset(Int32(t), Int32(d), Int32(hs))] = row[C + d] }
                (values + t * hs).update(from: row + 2 * C, count: hs)
            }
        }
    }

    /// Stores head h's key and value of sample row r's fed-back token number `index` from its qkv row ([3d]).
    /// Called by the attention right before it reads the row (SamplerAttention), so the lines written are in cache
    /// when read (the stores cost ~10% of d64 sampling either way: each new key lands in lines not touched since
    /// the previous step; together with the blocked keys, 0.94x the CPU time, docs/engine.md).
    @inline(__always)
    func storeSample(layer l: Int, row r: Int, head h: Int, index: Int, qkv: UnsafePointer<Float>) {
        let C = config.width, hs = config.headSize
        let keys = sampleBlock(sampleKeys, layer: l, row: r, head: h), key = qkv + C + h * hs
        let block = keys + sk_key_offset(Int32(index), 0, Int32(hs))
        for d in 0..<hs { block[d * Int(SK_KEY_BLOCK)] = key[d] }
        // A loop, not update(from:): one libc memmove per 16-64 floats cost more than the copy.
        let values = sampleBlock(sampleValues, layer: l, row: r, head: h) + index * hs, value = qkv + 2 * C + h * hs
        for d in 0..<hs { values[d] = value[d] }
    }
}
