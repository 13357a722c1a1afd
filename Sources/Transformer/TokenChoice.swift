import DataFiles
import Foundation

/// Picks the next token from one row of logits [V]: the argmax when greedy (ties: the lowest id), else a draw
/// from softmax(logits / temperature) over the tokens at or above the k-th largest logit. `scratch` holds V floats.
func chooseToken(_ logits: UnsafePointer<Float>, vocab V: Int, settings: SamplingSettings, random: inout SplitMix64,
                 scratch: UnsafeMutablePointer<Float>) -> Tokenizer.Token {
    var best = 0
    for j in 1..<V where logits[j] > logits[best] { best = j }
    if settings.temperature == 0 { return Tokenizer.Token(best) }
    var threshold = -Float.infinity
    if let k = settings.topK, k < V {
        scratch.update(from: logits, count: V)
        var sorted = UnsafeMutableBufferPointer(start: scratch, count: V)
        sorted.sort(by: >)
        threshold = sorted[max(k, 1) - 1]
    }
    let top = logits[best], inverse = 1 / settings.temperature
    var total: Float = 0
    for j in 0..<V {
        let weight = logits[j] >= threshold ? expf((logits[j] - top) * inverse) : 0
        scratch[j] = weight
        total += weight
    }
    let u = random.nextFloat() * total
    var cumulative: Float = 0
    for j in 0..<V where scratch[j] > 0 {
        cumulative += scratch[j]
        if u < cumulative { return Tokenizer.Token(j) }
    }
    return Tokenizer.Token(best)   // only reached through rounding at the very top of the range
}
