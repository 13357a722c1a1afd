/// The version of the generated data: bumped whenever the same seed and settings would produce different
/// problems, corpora or synthetic sets, so that caches keyed by a config hash (base checkpoints) can include it.
/// 3: the pretraining corpus uses the names and objects of both splits; the held-out opening "{name} keeps {v}
/// {object} in a box" became "puts", since "keeps" is also the wording of a division step.
public let taskGeneratorVersion = 3
