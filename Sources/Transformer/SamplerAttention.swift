import CKernels

/// The decode step's attention over the split KV cache (shared prompt keys, each sample's own keys).
extension Sampler {
    /// Causal attention of the fed tokens: per (group, head), the rows' new keys and values go into the cache, then
    /// one `sk_decode_attention` call: each of the group's queries against its P shared prompt keys and its own
    /// index + 1 generated keys (products along the transposed keys, in whole vectors), one softmax over both, and
    /// the weighted sums of values into `work.atty`.
    func attend(layer l: Int, spans: [Range<Int>], rows live: [Int], groups: [Group], prompts: [[Tokenizer.Token]],
                index: Int, cache: KVCache, work: DecodeWorkspace) {
        let config = model.config
        let (C, H, hs) = (config.width, config.heads, config.headSize)
        let scale = 1 / Float(hs).squareRoot()
        let qkv = work.qkv, atty = work.atty
        let own = index + 1
        // Floats from one sample row's block to the next row's (same layer and head).
        let rowStride = H * cache.sampleStride * hs
        live.withUnsafeBufferPointer { rows in
            Threads.split(groups.count * H) { worker, tasks in
                let scratch = work.attentionScratch(worker: worker)
                for task in tasks {
                    let (g, h) = (task / H, task % H)
                    let span = spans[g]
                    if span.isEmpty { continue }
                    for i in span { cache.storeSample(layer: l, row: rows[i], head: h, index: index, qkv: qkv + i * 3 * C) }
                    sk_decode_attention(
                        Int32(span.count), Int32(prompts[groups[g].prompt].count), Int32(own), Int32(hs), scale,
                        qkv + span.lowerBound * 3 * C + h * hs, Int32(3 * C),
                        cache.promptBlock(cache.promptKeys, layer: l, group: g, head: h),
                        cache.promptBlock(cache.promptValues, layer: l, group: g, head: h),
                        cache.sampleBlock(cache.sampleKeys, layer: l, row: 0, head: h),
                        cache.sampleBlock(cache.sampleValues, layer: l, row: 0, head: h),
                        rows.baseAddress! + span.lowerBound, rowStride,
                        atty + span.lowerBound * C + h * hs, Int32(C), scratch)
                }
            }
        }
    }
}
