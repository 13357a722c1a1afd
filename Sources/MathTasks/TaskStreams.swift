import DataFiles

/// The named random streams of the math tasks, as labels for `SplitMix64.derived`: each part of generation draws
/// from its own stream, so adding draws to one part does not shift another's. The numbers are part of what a seed
/// means for every generated set (shipped test sets, pools, corpora), so they never change.
public enum TaskStream {
    /// The synthesizer's draws, from the seed it is given.
    public static let synthesis: UInt64 = 0x5EED
    /// The pretraining corpus's draws, from its seed.
    public static let pretrainingCorpus: UInt64 = 0xC0DE

    /// The stream of problem `index` of a regenerated list.
    static func regeneration(_ index: Int) -> UInt64 { UInt64(index) + 1 }

    /// The stream of one problem family, domain and split, so one seed gives unrelated train and test problems.
    static func problems(seed: UInt64, _ family: String, _ domain: Domain, _ split: Split) -> SplitMix64 {
        var label: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a of the names: stable across runs, unlike hashValue
        for byte in "\(family)/\(domain.rawValue)/\(split.rawValue)".utf8 { label = (label ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return SplitMix64(seed: seed).derived(label)
    }
}
