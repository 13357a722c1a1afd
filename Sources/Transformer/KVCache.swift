/// The attention keys and values of a sampling chunk, split in two so that the N samples of one prompt share
/// their prompt's keys and values instead of holding N copies:
///
///     prompt part  [L, G, H, P, hs]  per prompt group g (filled once by the prefill forward pass)
///     sample part  [L, R, H, S, hs]  per sample row (one key/value per generated token fed back)
///
/// with L layers, G prompt groups, R sample rows, H heads, P the longest prompt, S the most generated tokens fed
/// back, hs = d / H. Each (layer, group or row, head) block is contiguous, so attention over it is one sgemm
/// (shared prompt) or sgemv (a row's own suffix).
public final class KVCache {
    public let config: GPTConfig
    public let groups: Int
    public let promptCapacity: Int
    public let rows: Int
    public let sampleCapacity: Int
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
        let promptFloats = config.layers * groups * promptCapacity * config.width
        let sampleFloats = config.layers * rows * sampleCapacity * config.width
        promptKeys = FloatBuffer(count: promptFloats)
        promptValues = FloatBuffer(count: promptFloats)
        sampleKeys = FloatBuffer(count: sampleFloats)
        sampleValues = FloatBuffer(count: sampleFloats)
    }

    /// Bytes of one sample row's keys and values (all layers), for sizing chunks to a memory budget.
    public static func bytesPerRow(config: GPTConfig, sampleCapacity: Int) -> Int {
        2 * config.layers * sampleCapacity * config.width * MemoryLayout<Float>.stride
    }

    /// Start of the [P, hs] prompt keys (or values) of layer l, group g, head h.
    @inline(__always)
    func promptBlock(_ buffer: FloatBuffer, layer l: Int, group g: Int, head h: Int) -> UnsafeMutablePointer<Float> {
        let hs = config.headSize
        return buffer.base + (((l * groups + g) * config.heads + h) * promptCapacity) * hs
    }

    /// Start of the [S, hs] generated-token keys (or values) of layer l, sample row r, head h.
    @inline(__always)
    func sampleBlock(_ buffer: FloatBuffer, layer l: Int, row r: Int, head h: Int) -> UnsafeMutablePointer<Float> {
        let hs = config.headSize
        return buffer.base + (((l * rows + r) * config.heads + h) * sampleCapacity) * hs
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
                (keys + t * hs).update(from: row + C, count: hs)
                (values + t * hs).update(from: row + 2 * C, count: hs)
            }
        }
    }

    /// Stores the key and value of sample row r's fed-back token number `index` from its qkv row ([3d]).
    @inline(__always)
    func storeSample(layer l: Int, row r: Int, index: Int, qkv: UnsafePointer<Float>) {
        let C = config.width, hs = config.headSize
        for h in 0..<config.heads {
            (sampleBlock(sampleKeys, layer: l, row: r, head: h) + index * hs).update(from: qkv + C + h * hs, count: hs)
            (sampleBlock(sampleValues, layer: l, row: r, head: h) + index * hs).update(from: qkv + 2 * C + h * hs, count: hs)
        }
    }
}
