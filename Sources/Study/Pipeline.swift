import DataFiles

/// The science of one unit: pretraining a base, and fine-tuning plus evaluating a run. Kept apart from the
/// bookkeeping in RunRunner (locks, records) so each reads top to bottom.
enum Pipeline {
    struct Outcome {
        var metrics: [MetricValue]
        var params: Int
        var timings: [String: Double]
        var extra: [String: Any]
    }

    /// Pretrains `base` and writes its checkpoint to `path`; returns sidecar fields (final loss, probe, speed).
    static func pretrain(_ base: BaseSpec, to path: String, threads: Int?, report: (RunProgress) -> Void) throws -> [String: Any] {
        throw ToolError("pretraining is not wired to the trainer yet")
    }

    static func fineTuneAndEvaluate(_ run: RunSpec, study: StudyDirectory, baseCheckpoint: String, threads: Int?,
                                    report: (RunProgress) -> Void) throws -> Outcome {
        throw ToolError("fine-tuning is not wired to the trainer yet")
    }
}
