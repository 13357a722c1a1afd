/// The document format of chain problems for character-level models.
public enum ChainFormat {
    /// A training/evaluation document: the question, a newline, the solution and a final newline (which marks
    /// the end of the answer for a model that generates it).
    public static func document(question: String, answer: String) -> String { question + "\n" + answer + "\n" }

    /// The longest document allowed for `steps` steps: 352 characters for up to 4 steps (the study's context),
    /// plus 88 per extra step for the longer chains the generator also supports.
    public static func maxCharacters(steps: Int) -> Int { 352 + 88 * max(0, steps - 4) }

    /// Every character a chain document (any domain, any style, including pretraining documents) may contain:
    /// newline, space, digits, letters and `#'()*+,-./:;<=>?`, all printable ASCII.
    public static let alphabet: [Character] = {
        var s = Set<Character>("\n #'()*+,-./:;<=>?")
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { s.insert(Character(UnicodeScalar(c))) }
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { s.insert(Character(UnicodeScalar(c))) }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { s.insert(Character(UnicodeScalar(c))) }
        return s.sorted()
    }()
}

extension ChainProblem {
    /// `ChainFormat.document` of the question and the reference solution.
    public var document: String { ChainFormat.document(question: question, answer: answer) }
}

extension TaskRecord {
    /// `ChainFormat.document` of the record: question, newline, answer, newline.
    public var document: String { ChainFormat.document(question: question, answer: answer) }
}
