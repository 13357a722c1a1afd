import XCTest
@testable import Transformer

final class TokenizerTests: XCTestCase {
    let tokenizer = Tokenizer()

    func testVocabularyHoldsSpecialsNewlineAndPrintableASCII() {
        XCTAssertEqual(tokenizer.vocabularySize, 5 + 1 + 95)
        XCTAssertLessThanOrEqual(tokenizer.vocabularySize, 128)
        XCTAssertEqual(tokenizer.symbols[Int(Tokenizer.pad)], "<pad>")
        XCTAssertEqual(tokenizer.symbols[Int(Tokenizer.begin)], "<begin>")
        XCTAssertEqual(tokenizer.symbols[Int(Tokenizer.separator)], "<sep>")
        XCTAssertEqual(tokenizer.symbols[Int(Tokenizer.end)], "<end>")
        XCTAssertEqual(tokenizer.symbols[Int(Tokenizer.unknown)], "<unk>")
        XCTAssertEqual(Set(tokenizer.symbols).count, tokenizer.vocabularySize, "every symbol once")
    }

    func testRoundTripAndDigitsAreSingleTokens() throws {
        let text = "Eve has 16 apples.\n(1) gives away 3: 16-3=<<16-3=13>>13.\n#### 13"
        let tokens = try tokenizer.encode(text)
        XCTAssertEqual(tokens.count, text.unicodeScalars.count)
        XCTAssertEqual(tokenizer.decode(tokens), text)
        let digits = try tokenizer.encode("1234567890")
        XCTAssertEqual(digits.count, 10)
        XCTAssertEqual(Set(digits).count, 10)
        XCTAssertEqual(tokenizer.decode(try tokenizer.encode("~ !")), "~ !")
    }

    func testDocumentLayout() throws {
        let doc = try tokenizer.encodeDocument(question: "1+2=", solution: "3")
        XCTAssertEqual(doc.first, Tokenizer.begin)
        XCTAssertEqual(doc[5], Tokenizer.separator)
        XCTAssertEqual(doc.last, Tokenizer.end)
        XCTAssertEqual(doc.count, 8)
        XCTAssertEqual(tokenizer.decode(doc), "<begin>1+2=<sep>3<end>")
        XCTAssertEqual(try tokenizer.encodePrompt(question: "1+2="), Array(doc[0...5]))
    }

    func testUnknownCharacterIsAnErrorNamingItOrMapsToUnk() throws {
        XCTAssertThrowsError(try tokenizer.encode("5 €, ok")) { error in
            let e = error as? TokenizerError
            XCTAssertEqual(e?.offset, 2)
            XCTAssertEqual(e?.description, "character '€' (U+20AC) at offset 2 is not in the vocabulary")
        }
        XCTAssertThrowsError(try tokenizer.encode("a\tb")) { error in
            XCTAssertEqual("\(error)", "character (U+0009) at offset 1 is not in the vocabulary")
        }
        let mapped = try tokenizer.encode("5 €", unknown: .mapToUnknown)
        XCTAssertEqual(mapped.last, Tokenizer.unknown)
        XCTAssertEqual(tokenizer.decode(mapped), "5 <unk>")
    }

    func testFNV1aKnownVectorsAndFingerprint() {
        func fnv(_ s: String) -> UInt64 { var h = FNV1a64(); h.add(Array(s.utf8)); return h.value }
        XCTAssertEqual(fnv(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(fnv("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(fnv("foobar"), 0x8594_4171_f739_67e8)
        XCTAssertEqual(Tokenizer().fingerprint, tokenizer.fingerprint)
        XCTAssertEqual(tokenizer.fingerprint, fnv(tokenizer.symbols.map { $0 + "\0" }.joined()))
    }
}
