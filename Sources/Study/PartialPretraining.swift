import DataFiles
import Foundation
import Transformer

/// The saved state of a base that is still pretraining: `<checkpoint>.partial` (weights, AdamW moments, step)
/// and `<checkpoint>.partial.json` (the loss curve so far). Pretraining is the longest unit of a study (tens of
/// minutes), so a killed build resumes from its last save instead of starting over; batches are a function of
/// the step, so the resumed base is the one an uninterrupted build makes (at the same thread count).
struct PartialPretraining {
    /// Seconds between saves.
    static let interval: TimeInterval = 120

    let statePath: String
    let curvePath: String

    init(checkpoint: String) {
        statePath = checkpoint + ".partial"
        curvePath = checkpoint + ".partial.json"
    }

    /// Writes the trainer's state, then the curve (both atomically; the curve last, so it never runs ahead).
    func save(_ trainer: Trainer, curve: Pipeline.Curve, tokenizer: Tokenizer) throws {
        try trainer.checkpoint(tokenizer: tokenizer, note: "partial base").write(to: statePath)
        let object: [String: Any] = ["step": trainer.step, "tokens": curve.tokens, "seconds": curve.seconds,
                                     "points": curve.points.map { [$0.step, $0.loss] as [Any] }]
        try FileIO.writeAtomically(try JSONLines.line(object) + "\n", to: curvePath)
    }

    /// Restores a saved state into `trainer` and returns its curve; an empty curve (fresh start) when there is
    /// none, or when it is unreadable or belongs to other settings (then it is set aside as `.unreadable` with a
    /// warning).
    func resume(_ trainer: Trainer, tokenizer: Tokenizer) -> Pipeline.Curve {
        guard FileManager.default.fileExists(atPath: statePath) else { return Pipeline.Curve() }
        do {
            let saved = try Checkpoint.load(statePath)
            let object = try JSONLines.object(fromFile: curvePath)
            guard let step = object["step"] as? Int, step == saved.step, let tokens = object["tokens"] as? Int,
                  let seconds = object["seconds"].flatMap(FieldReader.number),
                  let rows = (object["points"] as? [[Any]])?.map({ $0.compactMap(FieldReader.number) }),
                  rows.allSatisfy({ $0.count == 2 }) else {
                throw InputError(file: curvePath, "does not match \(statePath)")
            }
            try trainer.resume(from: saved, file: statePath)
            var curve = Pipeline.Curve()
            curve.points = rows.map { (Int($0[0]), $0[1]) }
            curve.tokens = tokens
            curve.seconds = seconds
            StandardError.write("resuming pretraining at step \(step) from \(statePath)\n")
            return curve
        } catch {
            let aside = setAside()
            StandardError.write("warning: starting pretraining over: \(error)" + (aside.isEmpty ? "" : " (kept as \(aside.joined(separator: ", ")))") + "\n")
            return Pipeline.Curve()
        }
    }

    /// Renames the saved state to `<file>.unreadable` (replacing an older one), so that a state that fails to load
    /// (hours of pretraining, perhaps only its curve damaged) can still be inspected; returns the new paths.
    func setAside() -> [String] {
        var kept: [String] = []
        for path in [statePath, curvePath] where FileManager.default.fileExists(atPath: path) {
            let target = path + ".unreadable"
            try? FileManager.default.removeItem(atPath: target)
            if (try? FileManager.default.moveItem(atPath: path, toPath: target)) != nil { kept.append(target) }
            else { try? FileManager.default.removeItem(atPath: path) }
        }
        return kept
    }

    func remove() {
        for path in [statePath, curvePath] { try? FileManager.default.removeItem(atPath: path) }
    }
}
