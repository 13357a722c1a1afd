/// A stable JSON text for hashing: keys sorted, no spaces, numbers in Swift's shortest round-trip form.
///
/// Run and base-checkpoint hashes are SHA-256 of this text, so they must not depend on dictionary order or on
/// how a JSON library happens to print `0.0005`. Values are built from Swift types only (never read back).
enum CanonicalJSON {
    static func encode(_ value: Any) -> String {
        switch value {
        case let b as Bool: return b ? "true" : "false"
        case let i as Int: return String(i)
        case let d as Double: return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
        case let s as String: return quote(s)
        case let list as [Any]: return "[" + list.map(encode).joined(separator: ",") + "]"
        case let object as [String: Any]:
            return "{" + object.keys.sorted().map { quote($0) + ":" + encode(object[$0]!) }.joined(separator: ",") + "}"
        default: preconditionFailure("CanonicalJSON: unsupported value \(type(of: value))")
        }
    }

    /// The first `length` hex digits of the SHA-256 of the canonical text.
    static func hash(_ value: Any, length: Int = 12) -> String {
        String(SHA256.hex(encode(value)).prefix(length))
    }

    private static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 { out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
