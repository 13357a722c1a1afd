import Foundation

/// The learning rate per step: linear warm-up to the peak, then a cosine decay to a floor at the last step.
///
///     step < warmup:  lr = peak * (step + 1) / warmup
///     after:          lr = floor + (peak - floor) * (1 + cos(pi * progress)) / 2,
///                     progress = (step - warmup) / (totalSteps - warmup) in [0, 1]
///
/// with floor = peak * floorFraction (0.1 for the prototype's pretraining, 0 for its SFT). Steps count from 0;
/// as in Hugging Face's cosine schedule the floor is reached at step `totalSteps`, one past the last step, so
/// no step is wasted at learning rate 0.
public struct LRSchedule: Sendable, Equatable {
    public var peak: Double
    public var warmupSteps: Int
    public var totalSteps: Int
    public var floorFraction: Double

    public init(peak: Double, warmupSteps: Int, totalSteps: Int, floorFraction: Double) {
        self.peak = peak
        self.warmupSteps = max(0, warmupSteps)
        self.totalSteps = totalSteps
        self.floorFraction = floorFraction
    }

    /// The learning rate of optimizer step `step` (0-based).
    public func rate(at step: Int) -> Double {
        if step < warmupSteps { return peak * Double(step + 1) / Double(warmupSteps) }
        let floor = peak * floorFraction
        let decaySteps = totalSteps - warmupSteps
        guard decaySteps > 0 else { return peak }
        let progress = min(1, Double(step - warmupSteps) / Double(decaySteps))
        return floor + (peak - floor) * 0.5 * (1 + cos(Double.pi * progress))
    }
}
