import RegimenFormat

/// The libFuzzer dictionary of the format (`Tests/Fuzz/regimen.dict`): tokens that mutations
/// splice into inputs, so that the fuzzer writes keys and quantities the loader knows instead of
/// guessing them a byte at a time. Made from `FormatSpec`, so it follows the format; the tests
/// check that the committed file is current (`make fuzz-dict` rewrites it).
public enum FuzzDictionary {
    /// The tokens, sorted, without duplicates.
    public static var tokens: [String] {
        var tokens = Set<String>()
        for spec in FormatSpec.objects.values {
            for key in spec.keys {
                tokens.insert(key.name + ":")
                tokens.insert(key.name)
                collect(key.shape, into: &tokens)
            }
        }
        for kind in QuantityKind.allCases {
            // The forms between backticks: `30s`, `2 per day`, `RPE 5-7`, `+1 kg`…
            for (index, part) in kind.acceptedForms.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            where index % 2 == 1 {
                tokens.insert(String(part))
            }
        }
        tokens.formUnion(quantityWords)
        tokens.formUnion(yamlSyntax)
        tokens.formUnion(bundleSyntax)
        return tokens.sorted()
    }

    /// The words quantities are made of, beyond the examples.
    static let quantityWords = [
        "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "h", "hour", "hours", "x", "X", "/", "per",
        "day", "days", "week", "weeks", "month", "a", "times", "once", "twice", "daily", "weekly", "kg", "lb", "lbs", "RPE", "rpe",
        "pain up to", "/10", "lower", "lift", "pause", "band", "light", "medium", "heavy", "bodyweight", "+", "-", "1-2", "3-6", "104",
        "105", "0", "-1",
        "2026-12-01", "2026-02-29", "0000-01-01", "9999-12-31",
    ]

    /// YAML's own syntax, including what the loader refuses (tags, merge keys, documents).
    static let yamlSyntax = [
        ": ", "- ", "? ", "---", "...", "[", "]", "{", "}", ", ", "&a ", "*a", "&b ", "*b", "<<: ", "!!", "!!str ", "!!int ",
        "!!python/object:os.system ", "!shout ", "|", "|-", ">", ">-", "\"", "'", "#", "%YAML 1.1", "%TAG ! tag:x,2000:", "\t",
        "\r\n", "\r", "\u{FEFF}", "\u{85}", "\u{2028}", "~", "null", "yes", "no", "on", "off", "true", "false", ".nan", ".inf",
        "-.inf", "0x1F", "0o17", "1e309", "99999999999999999999", "9223372036854775807", "-9223372036854775808", "1_000",
        "\\u0000", "\\x00",
    ]

    /// The harness's own syntax: the lines that start the files of a bundle.
    static let bundleSyntax = [
        "\n#@ patient.yaml\nregimen-patient: 1\n", "\n#@ library/lib.yaml\nregimen-library: 1\n", "\n#@ library/other.yaml\n",
        "\n#@ programme.yaml\n", "\n#@ .embed-images\n", "library/lib.yaml", "images/bridge-1.png", "bridge", "single-leg-bridge",
        "knee-hug",
        "total-hip-replacement", "spondylolisthesis", "affected", "unaffected",
    ]

    private static func collect(_ shape: ValueShape, into tokens: inout Set<String>) {
        switch shape {
        case .choice(let words): tokens.formUnion(words)
        case .list(let inner), .oneOrList(let inner): collect(inner, into: &tokens)
        case .integer(let range):
            tokens.formUnion([range.lowerBound, range.upperBound, range.upperBound + 1].map(String.init))
        default: break
        }
    }

    /// The dictionary file: a comment, then one quoted token a line, escaped as libFuzzer reads it.
    public static var file: String {
        var lines = [
            "# The libFuzzer dictionary of the programme format, made from FormatSpec by",
            "# `make fuzz-dict` (.build/debug/RegimenFuzz --dictionary). Do not edit: the tests check it is current.",
        ]
        for token in tokens { lines.append("\"" + escape(token) + "\"") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `token` as libFuzzer's dictionary parser reads it: `\\`, `\"` and `\xNN` for every byte
    /// outside printable ASCII.
    static func escape(_ token: String) -> String {
        var out = ""
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "\""): out += "\\\""
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
