import CKernels

/// The decode step's attention over the split KV cache (shared prompt keys, each sample's own keys).
extension Sampler {
    /// Causal attention of the fed tokens: per (group, head), the group's n queries against its P shared prompt
    /// keys (one sgemm on the transposed keys) and each row's own index + 1 generated keys (one product along the
    /// transposed keys, in whole vectors), softmax over both, and the matching weighted sums of values into
    /// `work.atty`.
    func attend(layer l: Int, spans: [Range<Int>], rows live: [Int], groups: [Group], prompts: [[Tokenizer.Token]],
                index: Int, cache: KVCache, work: DecodeWorkspace) {
        let config = model.config
        let (C, H, hs) = (config.width, config.heads, config.headSize)
        let scale = 1 / Float(hs).squareRoot()
        let qkv = work.qkv, atty = work.atty, ld = work.scratchWidth
        let own = index + 1
        // Own-key scores in whole 16-float vectors: lanes past `own` read unused cache columns and are ignored.
        let ownPadded = (own + 15) / 16 * 16
        Threads.split(groups.count * H) { worker, tasks in
            let scores = work.attentionScratch(worker: worker)
            for task in tasks {
                let (g, h) = (task / H, task % H)
                let span = spans[g]
                let n = span.count
                if n == 0 { continue }
                let P = prompts[groups[g].prompt].count
                let q = qkv + span.lowerBound * 3 * C + h * hs
                let y = atty + span.lowerBound * C + h * hs
                // scores[:, 0..<P] = scale · Q · Kp (Kp transposed: [hs, P], rows promptCapacity apart)
                GEMM.multiply(transA: false, transB: false, n, P, hs, alpha: scale, q, 3 * C,
                              cache.promptBlock(cache.promptKeys, layer: l, group: g, head: h), cache.promptCapacity,
                              beta: 0, scores, ld)
                for i in 0..<n {
                    let r = live[span.lowerBound + i], row = scores + i * ld
                    // row[P ..< P + own] = scale · q · Ks (Ks transposed: [hs, S], rows sampleStride apart)
                    sk_sgemv_t(Int32(hs), Int32(ownPadded), scale, cache.sampleBlock(cache.sampleKeys, layer: l, row: r, head: h),
                               Int32(cache.sampleStride), q + i * 3 * C, 0, row + P)
                    Attention.causalSoftmax(row, valid: P + own, width: P + own)
                }
                // y = probs[:, 0..<P] · Vp, then += probs[:, P...] · Vs per row
                GEMM.multiply(transA: false, transB: false, n, hs, P, alpha: 1, scores, ld,
                              cache.promptBlock(cache.promptValues, layer: l, group: g, head: h), hs, beta: 0, y, C)
                for i in 0..<n {
                    let r = live[span.lowerBound + i]
                    sk_sgemv_t(Int32(own), Int32(hs), 1, cache.sampleBlock(cache.sampleValues, layer: l, row: r, head: h),
                               Int32(hs), scores + i * ld + P, 1, y + i * C)
                }
            }
        }
    }
}
