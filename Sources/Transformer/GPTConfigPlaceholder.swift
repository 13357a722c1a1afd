// TEMPORARY stand-in until the trainer helper's GPTConfig lands; not to be landed.
public struct GPTConfig: Equatable, Sendable, CustomStringConvertible {
    public var vocabularySize: Int
    public var context: Int
    public var width: Int
    public var layers: Int
    public var heads: Int
    public init(vocabularySize: Int, context: Int, width: Int, layers: Int, heads: Int) {
        self.vocabularySize = vocabularySize; self.context = context; self.width = width; self.layers = layers; self.heads = heads
    }
    public var problem: String? {
        if [vocabularySize, context, width, layers, heads].contains(where: { $0 <= 0 }) { return "all sizes must be positive" }
        if width % heads != 0 { return "width \(width) is not divisible by heads \(heads)" }
        return nil
    }
    public var parameterCount: Int {
        let d = width
        return vocabularySize * d + context * d + layers * (12 * d * d + 13 * d) + 2 * d
    }
    public var description: String { "V\(vocabularySize) T\(context) d\(width) L\(layers) H\(heads)" }
}
