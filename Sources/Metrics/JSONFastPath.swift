/// A minimal JSON reader for one JSONL line, for the few fields `scaling eval` needs.
///
/// JSONSerialization on Linux builds an NSDictionary of NSStrings per line, which dominated the time to read
/// 340K samples; this reader validates the whole line but decodes only the fields asked for, straight into a
/// shared byte arena (completions are graded from their bytes and never become `String`s).
struct JSONFastPath {
    /// A decoded top-level field.
    enum Value {
        /// A string, as a range of the arena.
        case string(Range<Int>)
        /// A number, as its source text.
        case number(String)
        case bool(Bool)
        case null
        /// An array whose elements are all strings.
        case strings([Range<Int>])
        /// Any other array, as its source range (validated, not decoded: `parseArray` reads it).
        case list(Range<Int>)
        /// An object, as its source range (validated, not decoded: `parseObject` reads it).
        case object(Range<Int>)
    }

    struct SyntaxError: Error {
        var offset: Int
    }

    static let maximumDepth = 256

    private let s: Bytes
    private var i: Int
    private let end: Int

    private init(_ s: Bytes, _ start: Int, _ end: Int) {
        self.s = s
        i = start
        self.end = end
    }

    /// Parses the object in `s[start..<end]`; calls `field` with each key whose value `wanted(key)` says to
    /// decode (decoded strings are appended to `arena`). Keys are compared as raw bytes (no escapes in them).
    static func parseObject(_ s: Bytes, _ start: Int, _ end: Int, arena: inout [UInt8], wanted: (Bytes) -> Bool,
                            field: (Bytes, Value) throws -> Void) throws {
        try parseContainer(s, start, end, open: UInt8(ascii: "{"), close: UInt8(ascii: "}")) { p in
            guard p.peek == UInt8(ascii: "\"") else { throw SyntaxError(offset: p.i) }
            let keyStart = p.i + 1
            try p.skipString()
            let key = Bytes(rebasing: s[keyStart..<(p.i - 1)])
            p.skipSpaces()
            try p.expect(UInt8(ascii: ":"))
            p.skipSpaces()
            if wanted(key) {
                try field(key, try p.value(arena: &arena))
            } else {
                try p.skipValue(depth: 0)
            }
        }
    }

    /// Parses the array in `s[start..<end]` (e.g. the range of a `.list` value) and calls `element` with each
    /// element decoded as a top-level field's value is (strings into `arena`).
    static func parseArray(_ s: Bytes, _ start: Int, _ end: Int, arena: inout [UInt8],
                           element: (Value) throws -> Void) throws {
        try parseContainer(s, start, end, open: UInt8(ascii: "["), close: UInt8(ascii: "]")) { p in
            try element(try p.value(arena: &arena))
        }
    }

    /// The frame of an object or array filling `s[start..<end]`: `open`, items separated by commas, `close`;
    /// `item` reads one item (a member or an element) starting at a non-space.
    private static func parseContainer(_ s: Bytes, _ start: Int, _ end: Int, open: UInt8, close: UInt8,
                                       item: (inout JSONFastPath) throws -> Void) throws {
        var p = JSONFastPath(s, start, end)
        p.skipSpaces()
        try p.expect(open)
        p.skipSpaces()
        if p.peek == close {
            p.i += 1
        } else {
            while true {
                p.skipSpaces()
                try item(&p)
                p.skipSpaces()
                if p.peek == UInt8(ascii: ",") { p.i += 1; continue }
                try p.expect(close)
                break
            }
        }
        p.skipSpaces()
        guard p.i == end else { throw SyntaxError(offset: p.i) }
    }

    private var peek: UInt8? { i < end ? s[i] : nil }

    private mutating func skipSpaces() {
        while i < end, isJSONSpace(s[i]) { i += 1 }
    }

    private func isJSONSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    private mutating func expect(_ b: UInt8) throws {
        guard i < end, s[i] == b else { throw SyntaxError(offset: i) }
        i += 1
    }

    /// A top-level field's value, decoding strings and arrays of strings.
    private mutating func value(arena: inout [UInt8]) throws -> Value {
        guard let b = peek else { throw SyntaxError(offset: i) }
        switch b {
        case UInt8(ascii: "\""):
            return .string(try string(arena: &arena))
        case UInt8(ascii: "["):
            let start = i
            i += 1
            var items: [Range<Int>] = []
            skipSpaces()
            if peek == UInt8(ascii: "]") { i += 1; return .strings([]) }
            while true {
                skipSpaces()
                guard peek == UInt8(ascii: "\"") else {
                    i = start
                    try skipValue(depth: 0)
                    return .list(start..<i)
                }
                items.append(try string(arena: &arena))
                skipSpaces()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "]"))
                return .strings(items)
            }
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            let start = i
            try skipValue(depth: 0)
            switch i - start {
            case 4 where b == UInt8(ascii: "t"): return .bool(true)
            case 5: return .bool(false)
            default: return .null
            }
        case UInt8(ascii: "{"):
            let start = i
            try skipValue(depth: 0)
            return .object(start..<i)
        default:
            let start = i
            try skipValue(depth: 0)
            return .number(String(decoding: Bytes(rebasing: s[start..<i]), as: UTF8.self))
        }
    }

    /// Validates and skips any value.
    private mutating func skipValue(depth: Int) throws {
        guard depth < JSONFastPath.maximumDepth, let b = peek else { throw SyntaxError(offset: i) }
        switch b {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            i += 1
            skipSpaces()
            if peek == close { i += 1; return }
            while true {
                skipSpaces()
                if close == UInt8(ascii: "}") {
                    guard peek == UInt8(ascii: "\"") else { throw SyntaxError(offset: i) }
                    try skipString()
                    skipSpaces()
                    try expect(UInt8(ascii: ":"))
                    skipSpaces()
                }
                try skipValue(depth: depth + 1)
                skipSpaces()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                try expect(close)
                return
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            try skipNumber()
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard i + count <= end else { throw SyntaxError(offset: i) }
        let w = word.utf8Start
        for k in 0..<count where s[i + k] != w[k] { throw SyntaxError(offset: i + k) }
        i += count
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func skipNumber() throws {
        let start = i
        if peek == UInt8(ascii: "-") { i += 1 }
        guard let first = peek, isDigit(first) else { throw SyntaxError(offset: start) }
        i += 1
        if first != UInt8(ascii: "0") { while let d = peek, isDigit(d) { i += 1 } }
        if peek == UInt8(ascii: ".") {
            i += 1
            guard let d = peek, isDigit(d) else { throw SyntaxError(offset: i) }
            while let d = peek, isDigit(d) { i += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard let d = peek, isDigit(d) else { throw SyntaxError(offset: i) }
            while let d = peek, isDigit(d) { i += 1 }
        }
    }

    /// Skips a string starting at its opening quote (escapes validated for shape only).
    private mutating func skipString() throws {
        i += 1
        while i < end {
            let b = s[i]
            if b == UInt8(ascii: "\"") { i += 1; return }
            i += b == UInt8(ascii: "\\") ? 2 : 1
        }
        throw SyntaxError(offset: end)
    }

    /// Decodes a string starting at its opening quote into `arena`; returns its range there.
    private mutating func string(arena: inout [UInt8]) throws -> Range<Int> {
        let start = arena.count
        i += 1
        var runStart = i
        while i < end {
            let b = s[i]
            if b == UInt8(ascii: "\"") {
                arena.append(contentsOf: Bytes(rebasing: s[runStart..<i]))
                i += 1
                return start..<arena.count
            }
            if b != UInt8(ascii: "\\") { i += 1; continue }
            arena.append(contentsOf: Bytes(rebasing: s[runStart..<i]))
            guard i + 1 < end else { throw SyntaxError(offset: i) }
            let e = s[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): arena.append(10)
            case UInt8(ascii: "t"): arena.append(9)
            case UInt8(ascii: "r"): arena.append(13)
            case UInt8(ascii: "b"): arena.append(8)
            case UInt8(ascii: "f"): arena.append(12)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): arena.append(e)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar & 0xFC00 == 0xD800, i + 1 < end, s[i] == UInt8(ascii: "\\"), s[i + 1] == UInt8(ascii: "u") {
                    let save = i
                    i += 2
                    let low = try hex4()
                    if low & 0xFC00 == 0xDC00 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        i = save
                    }
                }
                appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &arena)
            default:
                throw SyntaxError(offset: i - 1)
            }
            runStart = i
        }
        throw SyntaxError(offset: end)
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= end else { throw SyntaxError(offset: i) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = s[i]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - 55
            default: throw SyntaxError(offset: i)
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    private func appendUTF8(_ scalar: Unicode.Scalar, to arena: inout [UInt8]) {
        UTF8.encode(scalar) { arena.append($0) }
    }
}

@inline(__always) private func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

typealias Bytes = UnsafeBufferPointer<UInt8>
