/// The version of the generated data: bumped whenever the same seed and settings would produce different
/// problems, corpora or synthetic sets, so that caches keyed by a config hash (base checkpoints) can include it.
public let taskGeneratorVersion = 2
