import DataFiles
import Foundation
import XCTest
@testable import Transformer

final class CheckpointTests: XCTestCase {
    let config = try! GPTConfig(vocabSize: 101, contextLength: 8, width: 8, layers: 1, heads: 2)

    func sample(moments: Bool) -> Checkpoint {
        var random = SplitMix64(seed: 3)
        let n = config.parameterCount
        func values() -> [Float] { (0..<n).map { _ in random.nextFloat() * 2 - 1 } }
        var parameters = values()
        parameters[0] = -0.0
        parameters[1] = .leastNonzeroMagnitude
        return Checkpoint(config: config, tokenizerFingerprint: Tokenizer().fingerprint, step: 1234, runFingerprint: 0xABCD,
                          note: "{\"cmd\":\"scaling train ×\"}", parameters: parameters,
                          moments: moments ? (values(), values()) : nil)
    }

    func temporaryPath(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir.appendingPathComponent(name).path
    }

    func testRoundTripWithAndWithoutMomentsIsBitExact() throws {
        for moments in [false, true] {
            let original = sample(moments: moments)
            let path = try temporaryPath("model.ckpt")
            try original.write(to: path)
            let loaded = try Checkpoint.load(path)
            XCTAssertEqual(loaded, original)
            XCTAssertEqual(loaded.parameters[0].bitPattern, (-0.0 as Float).bitPattern)
            XCTAssertEqual(loaded.moments == nil, !moments)
            let files = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
            XCTAssertEqual(files, ["model.ckpt"], "no temporary file left behind")
        }
    }

    func testHeaderLayoutMatchesTheDocumentedFormat() {
        let data = [UInt8](sample(moments: true).encoded())
        var reader = BinaryReader(bytes: data, offset: 0)
        XCTAssertEqual(String(decoding: data[0..<8], as: UTF8.self), "SCGPTCKP")
        reader.offset = 8
        XCTAssertEqual(reader.u32(), 1)
        XCTAssertEqual(reader.u32(), 1, "flag: moments present")
        XCTAssertEqual((0..<5).map { _ in Int(reader.u32()) }, [101, 8, 8, 1, 2])
        XCTAssertEqual(reader.u64(), Tokenizer().fingerprint)
        XCTAssertEqual(reader.u64(), 1234)
        XCTAssertEqual(reader.u64(), 0xABCD)
        XCTAssertEqual(reader.u64(), UInt64(config.parameterCount))
        let noteLength = Int(reader.u32())
        XCTAssertEqual(reader.offset, 72)
        XCTAssertEqual(data.count, 72 + noteLength + 3 * 4 * config.parameterCount + 8)
        reader.offset = 72 + noteLength
        XCTAssertEqual(reader.floats(1)[0].bitPattern, (-0.0 as Float).bitPattern)
    }

    func testDamagedFilesAreOneLineErrorsNamingTheFile() throws {
        let good = [UInt8](sample(moments: true).encoded())
        func message(_ bytes: [UInt8]) -> String {
            do {
                _ = try Checkpoint(decoding: Data(bytes), file: "m.ckpt")
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(message(Array(good.dropLast(100))), "m.ckpt: truncated checkpoint: \(good.count - 100) bytes, expected \(good.count)")
        XCTAssertEqual(message(Array(good[0..<40])), "m.ckpt: truncated checkpoint: 40 bytes, the header alone needs 80")
        XCTAssertEqual(message(Array("hello world, not a model".utf8)), "m.ckpt: not a scaling checkpoint (bad magic bytes)")
        var flipped = good
        flipped[good.count / 2] ^= 0x10
        XCTAssertEqual(message(flipped), "m.ckpt: corrupted checkpoint: checksum mismatch")
        var version = good
        version[8] = 9
        XCTAssertEqual(message(version), "m.ckpt: checkpoint format version 9 is not supported (this build reads version 1)")
        var heads = good
        heads[32] = 3   // 3 heads do not divide width 8
        XCTAssertTrue(message(heads).hasPrefix("m.ckpt: invalid model configuration in header: "), message(heads))
        XCTAssertFalse(message(heads).contains("\n"))
        // A shape whose parameter count overflows 64-bit integers (V = d = 4e9) is refused before it is computed.
        var huge = good
        for offset in [16, 24] { huge.replaceSubrange(offset..<offset + 4, with: [0x00, 0x28, 0x6B, 0xEE]) }   // 4,000,000,000
        XCTAssertTrue(message(huge).hasPrefix("m.ckpt: header's model configuration has 2.08"), message(huge))
        XCTAssertTrue(message(huge).hasSuffix("parameters, more than the file's \(good.count) bytes hold"), message(huge))
        XCTAssertEqual(message(good + [0]), "m.ckpt: checkpoint has 1 unexpected trailing bytes (expected \(good.count))")
        XCTAssertThrowsError(try Checkpoint.load("/nonexistent/m.ckpt")) {
            XCTAssertEqual("\($0)", "/nonexistent/m.ckpt: no such checkpoint")
        }
    }

    func testVerifyRejectsAnotherTokenizerOrConfiguration() throws {
        var checkpoint = sample(moments: false)
        XCTAssertNoThrow(try checkpoint.verify(tokenizer: Tokenizer(), config: config, file: "m.ckpt"))
        var other = config
        other.layers = 2
        XCTAssertThrowsError(try checkpoint.verify(tokenizer: Tokenizer(), config: other, file: "m.ckpt")) {
            XCTAssertTrue("\($0)".hasPrefix("m.ckpt: checkpoint model "), "\($0)")
        }
        checkpoint.tokenizerFingerprint ^= 1
        XCTAssertThrowsError(try checkpoint.verify(tokenizer: Tokenizer(), file: "m.ckpt")) {
            XCTAssertTrue("\($0)".contains("different tokenizer"), "\($0)")
        }
    }

    func resumableRun(seed: UInt64 = 7) throws -> Trainer {
        let tokenizer = Tokenizer()
        let documents = try (0..<60).map { try tokenizer.encodeDocument(question: "\($0)+\($0 % 7)=", solution: "\($0 + $0 % 7)") }
        let config = try GPTConfig(vocabSize: tokenizer.vocabularySize, contextLength: 16, width: 16, layers: 2, heads: 2)
        var settings = TrainingSettings(steps: 12)
        settings.warmupSteps = 3
        settings.seed = seed
        settings.clipNorm = 0.5   // small enough to clip: clipping is part of what must resume exactly
        let source = try PackedWindows(documents: documents, context: 16, rowsPerBatch: 4, seed: settings.seed)
        return Trainer(model: GPT(config: config, maxBatch: 4, seed: seed), source: source, settings: settings)
    }

    func testResumeContinuesBitIdentically() throws {
        let uninterrupted = try resumableRun()
        var expected: [LossPoint] = []
        uninterrupted.run { expected.append($0) }
        XCTAssertGreaterThan(uninterrupted.optimizer.stepCount, 0)
        XCTAssertGreaterThan(expected.map(\.epoch).max()!, 0, "the run crosses an epoch boundary")

        let first = try resumableRun()
        try first.run(until: 5)
        let saved = try Checkpoint(decoding: first.checkpoint(tokenizer: Tokenizer()).encoded(), file: "run.ckpt")
        let second = try resumableRun()
        second.model.initialize(seed: 99)   // resume must overwrite every weight
        try second.resume(from: saved, file: "run.ckpt")
        var resumed: [LossPoint] = []
        second.run { resumed.append($0) }
        XCTAssertEqual(resumed, Array(expected[5...]))
        XCTAssertEqual(second.model.parameters.array, uninterrupted.model.parameters.array)

        XCTAssertThrowsError(try resumableRun(seed: 8).resume(from: saved, file: "run.ckpt")) {
            XCTAssertEqual("\($0)", "run.ckpt: cannot resume: the checkpoint was written by a run with other data or settings")
        }
        let weightsOnly = first.checkpoint(tokenizer: Tokenizer(), weightsOnly: true)
        XCTAssertThrowsError(try second.resume(from: weightsOnly, file: "run.ckpt")) {
            XCTAssertTrue("\($0)".contains("holds no optimizer state"), "\($0)")
        }
    }
}
