import DataFiles
import Foundation

/// A saved model: configuration, tokenizer fingerprint, parameters and (for resuming) the AdamW moments and the
/// step count. The binary format, all integers and floats little-endian:
///
///     offset  size  field
///          0     8  magic "SCGPTCKP"
///          8     4  u32 format version (1)
///         12     4  u32 flags: bit 0 = AdamW moments present
///         16    20  u32 x 5: vocabulary V, context T, width d, layers L, heads H
///         36     8  u64 tokenizer fingerprint (`Tokenizer.fingerprint`)
///         44     8  u64 optimizer steps taken
///         52     8  u64 run fingerprint: hash of the data order and schedule (0 = none), checked on resume
///         60     8  u64 parameter count N (must match the configuration)
///         68     4  u32 note length n
///         72     n  note: UTF-8 text (JSON by convention: the command and settings that made the model)
///     72 + n   4N   f32 parameters, in the model's flat layout
///             4N   f32 AdamW first moments m    (only with flag bit 0)
///             4N   f32 AdamW second moments v   (only with flag bit 0)
///      end-8     8  u64 FNV-1a 64 of every byte before it
///
/// The shuffling state needs no storage: the order of epoch e is drawn from (seed, e) and the step fixes the epoch
/// and the batch within it. Files are written atomically; a truncated, corrupted, foreign or mismatched file is a
/// one-line `InputError` naming the file.
public struct Checkpoint: Equatable, Sendable {
    public static let magic = Array("SCGPTCKP".utf8)
    public static let version: UInt32 = 1
    static let headerSize = 72

    public var config: GPTConfig
    public var tokenizerFingerprint: UInt64
    public var step: Int
    public var runFingerprint: UInt64
    public var note: String
    /// N parameters in the model's flat layout.
    public var parameters: [Float]
    /// AdamW moments (m, v), N each; nil for a weights-only checkpoint.
    public var moments: (m: [Float], v: [Float])?

    public init(config: GPTConfig, tokenizerFingerprint: UInt64, step: Int, runFingerprint: UInt64 = 0,
                note: String = "", parameters: [Float], moments: (m: [Float], v: [Float])? = nil) {
        self.config = config
        self.tokenizerFingerprint = tokenizerFingerprint
        self.step = step
        self.runFingerprint = runFingerprint
        self.note = note
        self.parameters = parameters
        self.moments = moments
    }

    public static func == (a: Checkpoint, b: Checkpoint) -> Bool {
        a.config == b.config && a.tokenizerFingerprint == b.tokenizerFingerprint && a.step == b.step
            && a.runFingerprint == b.runFingerprint && a.note == b.note && a.parameters == b.parameters
            && a.moments?.m == b.moments?.m && a.moments?.v == b.moments?.v
    }

    // MARK: Writing

    /// The encoded file contents.
    public func encoded() -> Data {
        let noteBytes = Array(note.utf8)
        var out = BinaryWriter()
        out.bytes(Checkpoint.magic)
        out.u32(Checkpoint.version)
        out.u32(moments == nil ? 0 : 1)
        for field in [config.vocabSize, config.contextLength, config.width, config.layers, config.heads] {
            out.u32(UInt32(field))
        }
        out.u64(tokenizerFingerprint)
        out.u64(UInt64(step))
        out.u64(runFingerprint)
        out.u64(UInt64(parameters.count))
        out.u32(UInt32(noteBytes.count))
        out.bytes(noteBytes)
        out.floats(parameters)
        if let moments {
            out.floats(moments.m)
            out.floats(moments.v)
        }
        var hash = FNV1a64()
        hash.add(out.data)
        out.u64(hash.value)
        return out.data
    }

    /// Writes the checkpoint atomically (temporary file + rename).
    public func write(to path: String) throws {
        try FileIO.writeAtomically(encoded(), to: path)
    }

    // MARK: Reading

    /// Reads and verifies a checkpoint file.
    public static func load(_ path: String) throws -> Checkpoint {
        guard FileManager.default.fileExists(atPath: path) else { throw InputError(file: path, "no such checkpoint") }
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, "cannot read checkpoint") }
        return try Checkpoint(decoding: data, file: path)
    }

    /// Decodes and verifies file contents; `file` names the source in errors.
    public init(decoding data: Data, file: String) throws {
        let bytes = [UInt8](data)
        func fail(_ message: String) -> InputError { InputError(file: file, message) }
        guard bytes.count >= Checkpoint.magic.count, Array(bytes[0..<Checkpoint.magic.count]) == Checkpoint.magic else {
            throw fail("not a scaling checkpoint (bad magic bytes)")
        }
        guard bytes.count >= Checkpoint.headerSize + 8 else {
            throw fail("truncated checkpoint: \(bytes.count) bytes, the header alone needs \(Checkpoint.headerSize + 8)")
        }
        var input = BinaryReader(bytes: bytes, offset: Checkpoint.magic.count)
        let version = input.u32()
        guard version == Checkpoint.version else {
            throw fail("checkpoint format version \(version) is not supported (this build reads version \(Checkpoint.version))")
        }
        let flags = input.u32()
        let shape = (0..<5).map { _ in Int(input.u32()) }
        let fingerprint = input.u64()
        let step = input.u64()
        let run = input.u64()
        let count = input.u64()
        let noteLength = Int(input.u32())
        let config: GPTConfig
        do {
            config = try GPTConfig(vocabSize: shape[0], contextLength: shape[1], width: shape[2], layers: shape[3], heads: shape[4])
        } catch {
            throw fail("invalid model configuration in header: \(error)")
        }
        // The parameters must fit in the file (4 bytes each) before their count is computed in integers: a
        // damaged header with a huge shape would overflow.
        let headerParameters = MemoryEstimate(config, batch: 1).parameters
        guard headerParameters <= Double(bytes.count) / 4 else {
            throw fail("header's model configuration has \(headerParameters) parameters, more than the file's \(bytes.count) bytes hold")
        }
        guard count == UInt64(config.parameterCount) else {
            throw fail("header says \(count) parameters but its configuration has \(config.parameterCount)")
        }
        let arrays = flags & 1 == 0 ? 1 : 3
        let expected = Checkpoint.headerSize + noteLength + arrays * 4 * config.parameterCount + 8
        guard bytes.count == expected else {
            throw fail(bytes.count < expected
                ? "truncated checkpoint: \(bytes.count) bytes, expected \(expected)"
                : "checkpoint has \(bytes.count - expected) unexpected trailing bytes (expected \(expected))")
        }
        var hash = FNV1a64()
        hash.add(bytes[0 ..< bytes.count - 8])
        var trailer = BinaryReader(bytes: bytes, offset: bytes.count - 8)
        guard trailer.u64() == hash.value else { throw fail("corrupted checkpoint: checksum mismatch") }
        guard let note = String(bytes: bytes[input.offset ..< input.offset + noteLength], encoding: .utf8) else {
            throw fail("corrupted checkpoint: note is not UTF-8")
        }
        input.offset += noteLength
        self.config = config
        tokenizerFingerprint = fingerprint
        self.step = Int(step)
        runFingerprint = run
        self.note = note
        parameters = input.floats(config.parameterCount)
        if arrays == 3 {
            let m = input.floats(config.parameterCount)
            moments = (m, input.floats(config.parameterCount))
        } else {
            moments = nil
        }
    }

    /// Checks that this checkpoint fits a tokenizer (and, when given, a model configuration); the error names
    /// the file and what differs.
    public func verify(tokenizer: Tokenizer, config expected: GPTConfig? = nil, file: String) throws {
        guard tokenizerFingerprint == tokenizer.fingerprint else {
            throw InputError(file: file, "checkpoint was made with a different tokenizer (fingerprint \(hex(tokenizerFingerprint)), this build's is \(hex(tokenizer.fingerprint)))")
        }
        if let expected, expected != config {
            throw InputError(file: file, "checkpoint model \(config.summary) does not match the requested \(expected.summary)")
        }
    }
}

private func hex(_ value: UInt64) -> String { String(value, radix: 16) }

extension GPTConfig {
    /// `V101 T352 d64 L2 H4`, for messages and logs.
    public var summary: String { "V\(vocabSize) T\(contextLength) d\(width) L\(layers) H\(heads)" }
}

/// Little-endian encoding into a growing byte buffer.
struct BinaryWriter {
    var data = Data()

    mutating func bytes(_ b: [UInt8]) { data.append(contentsOf: b) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func floats(_ values: [Float]) {
        var little = values
        for i in little.indices { little[i] = Float(bitPattern: little[i].bitPattern.littleEndian) }
        little.withUnsafeBytes { data.append(contentsOf: $0) }
    }
}

/// Little-endian decoding from a byte array whose length was checked beforehand.
struct BinaryReader {
    let bytes: [UInt8]
    var offset: Int

    mutating func u32() -> UInt32 {
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * i) }
        offset += 4
        return v
    }

    mutating func u64() -> UInt64 {
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * i) }
        offset += 8
        return v
    }

    mutating func floats(_ count: Int) -> [Float] {
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBytes { target in
            bytes.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset ..< offset + 4 * count]))
            }
        }
        for i in values.indices { values[i] = Float(bitPattern: UInt32(littleEndian: values[i].bitPattern)) }
        offset += 4 * count
        return values
    }
}
