/// A character-level tokenizer for the task text: one token per character, digits included (so numbers are
/// spelled digit by digit), plus five special tokens.
///
/// Vocabulary (101 tokens, ids in this order):
///
///     0 <pad>   padding; never a target
///     1 <begin> starts every document
///     2 <sep>   ends the question: the solution follows
///     3 <end>   ends the document; sampling stops here
///     4 <unk>   a character outside the vocabulary (only when asked for, see `Unknown`)
///     5 "\n", then the 95 printable ASCII characters " " ... "~" in code order
///
/// A document (one SFT example, one sampling prompt, one unit of the pretraining stream) reads
/// `<begin> question <sep> solution <end>`; a prompt stops after `<sep>`.
public struct Tokenizer: Sendable {
    /// Token ids are stored as `Int32`, the width the model's embedding lookups and the batch buffers use.
    public typealias Token = Int32

    public static let pad: Token = 0
    public static let begin: Token = 1
    public static let separator: Token = 2
    public static let end: Token = 3
    public static let unknown: Token = 4

    /// What to do with a character outside the vocabulary.
    public enum Unknown: Sendable {
        /// Throw a `TokenizerError` naming the character and its offset.
        case error
        /// Map it to `<unk>`.
        case mapToUnknown
    }

    /// The display form of every token, indexed by id.
    public let symbols: [String]
    /// Unicode scalar value -> token id, for the scalars in the vocabulary (all below 128).
    private let idOfScalar: [Token]

    /// The standard vocabulary described above.
    public init() {
        let specials = ["<pad>", "<begin>", "<sep>", "<end>", "<unk>"]
        let characters = ["\n"] + (32...126).map { String(UnicodeScalar(UInt8($0))) }
        symbols = specials + characters
        var table = [Token](repeating: -1, count: 128)
        for (offset, character) in characters.enumerated() {
            table[Int(character.unicodeScalars.first!.value)] = Token(specials.count + offset)
        }
        idOfScalar = table
    }

    /// Number of tokens (the model's V).
    public var vocabularySize: Int { symbols.count }

    /// FNV-1a 64 of the symbols in id order (each followed by a 0 byte): stored in checkpoints so a model is
    /// never paired with a tokenizer whose ids mean other characters.
    public var fingerprint: UInt64 {
        var hash = FNV1a64()
        for symbol in symbols {
            hash.add(Array(symbol.utf8))
            hash.add([0])
        }
        return hash.value
    }

    /// The tokens of `text` (no special tokens added).
    public func encode(_ text: String, unknown: Unknown = .error) throws -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count)
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let v = Int(scalar.value)
            if v < idOfScalar.count, idOfScalar[v] >= 0 {
                tokens.append(idOfScalar[v])
            } else if unknown == .mapToUnknown {
                tokens.append(Tokenizer.unknown)
            } else {
                throw TokenizerError(scalar: scalar, offset: offset)
            }
        }
        return tokens
    }

    /// The text of `tokens`; special tokens are shown by their names (`<end>`), padding is dropped.
    public func decode<S: Sequence>(_ tokens: S) -> String where S.Element == Token {
        var text = ""
        for t in tokens where t != Tokenizer.pad {
            text += Int(t) < symbols.count && t >= 0 ? symbols[Int(t)] : "<\(t)?>"
        }
        return text
    }

    /// The prompt of an SFT document or a sampling request: `<begin> question <sep>`.
    public func encodePrompt(question: String, unknown: Unknown = .error) throws -> [Token] {
        [Tokenizer.begin] + (try encode(question, unknown: unknown)) + [Tokenizer.separator]
    }

    /// A whole document `<begin> question <sep> solution <end>`.
    public func encodeDocument(question: String, solution: String, unknown: Unknown = .error) throws -> [Token] {
        try encodePrompt(question: question, unknown: unknown) + (try encode(solution, unknown: unknown)) + [Tokenizer.end]
    }
}

/// A character outside the tokenizer's vocabulary: `character 'é' (U+00E9) at offset 17 is not in the vocabulary`.
public struct TokenizerError: Error, CustomStringConvertible, Equatable, Sendable {
    public var scalar: Unicode.Scalar
    /// 0-based offset of the character (in Unicode scalars) in the encoded text.
    public var offset: Int

    public var description: String {
        let code = String(scalar.value, radix: 16, uppercase: true)
        let shown = scalar.properties.isWhitespace || scalar.value < 32 ? "" : "'\(scalar)' "
        return "character \(shown)(U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)) at offset \(offset) is not in the vocabulary"
    }
}

/// The 64-bit FNV-1a hash (checkpoint checksums and the tokenizer fingerprint): simple, stable across platforms.
public struct FNV1a64: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        var h = value
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        value = h
    }
}
