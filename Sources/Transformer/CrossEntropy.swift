import Foundation

/// Softmax + cross-entropy over the vocabulary, in place on the logits, with a per-position loss weight (mask).
public enum CrossEntropy {
    /// In place: logits[N, V] become probabilities; losses[r] = −log p[r, target[r]] for every row.
    public static func forward(
        probs logits: UnsafeMutablePointer<Float>, losses: UnsafeMutablePointer<Float>, targets: UnsafePointer<Int32>,
        rows N: Int, vocab V: Int
    ) {
        Threads.split(N, grain: 16) { _, rows in
            for r in rows {
                let p = logits + r * V
                let targetLogit = p[Int(targets[r])]
                let maxValue = Vector.max(p, V)
                let sum = Vector.expSum(p, V, shift: maxValue)
                Vector.scale(p, V, by: 1 / sum)
                losses[r] = logf(sum) + maxValue - targetLogit   // −log softmax, without underflow
            }
        }
    }

    /// Mean loss over the rows weighted by mask (all rows when mask is nil): Σ mask·loss / Σ mask (0 if Σ mask = 0).
    public static func meanLoss(losses: UnsafePointer<Float>, mask: UnsafePointer<Float>?, rows N: Int) -> Float {
        var total = 0.0, weight = 0.0
        for r in 0..<N {
            let m = Double(mask?[r] ?? 1)
            total += m * Double(losses[r])
            weight += m
        }
        return weight > 0 ? Float(total / weight) : 0
    }

    /// In place: probs[N, V] become dlogits = (p − onehot(target)) · mask[r] / Σ mask.
    public static func backward(
        dlogits probs: UnsafeMutablePointer<Float>, targets: UnsafePointer<Int32>, mask: UnsafePointer<Float>?,
        rows N: Int, vocab V: Int
    ) {
        var weight: Float = 0
        if let mask { for r in 0..<N { weight += mask[r] } } else { weight = Float(N) }
        let norm: Float = weight > 0 ? 1 / weight : 0
        Threads.split(N, grain: 16) { _, rows in
            for r in rows {
                let p = probs + r * V
                let w = (mask?[r] ?? 1) * norm
                for j in 0..<V { p[j] *= w }
                p[Int(targets[r])] -= w
            }
        }
    }
}
