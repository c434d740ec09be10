/// A small HTML tokenizer, after the HTML Living Standard's tokenization (§13.2.5), for checking
/// what a rendered handout contains as a browser would read it, not as its text looks: comments
/// (with their abrupt endings), bogus comments (`<!…>`, `<?…>`, `</…`), CDATA sections in SVG
/// and MathML, raw text and RCDATA elements (`<style>`, `<title>`, `<noscript>`…), attribute
/// values quoted or not, character references in attribute values, and ASCII case-insensitive
/// names. It does not build a tree; `RenderedHTMLCheck` follows the little nesting it needs.
struct HTMLTokenizer {
    /// One token, with where it starts (1-based line and column, in Unicode scalars).
    struct Token {
        enum Kind: Equatable {
            case startTag(name: String, attributes: [Attribute], selfClosing: Bool)
            case endTag(name: String)
            case text(String)
            case comment
            case doctype
        }

        var kind: Kind
        var line: Int
        var column: Int
    }

    /// An attribute: its lower-cased name and its value with character references decoded.
    struct Attribute: Equatable {
        var name: String
        var value: String
        var line: Int
        var column: Int
    }

    /// Elements whose content is text up to their end tag (raw text or RCDATA), in HTML content.
    /// `noscript` is one as scripting is on in the browsers that open handouts.
    static let textElements: Set<String> = [
        "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title", "plaintext",
    ]

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    /// Whether `<svg>` and `<math>` change how their content is read. A browser leaves foreign
    /// content at integration points (`<foreignObject>`, `<mi>`…) and at some HTML tags, which
    /// this tokenizer does not follow; so the checker reads a page both ways, and a problem seen
    /// either way counts.
    private let foreignAware: Bool
    /// The `<svg>` and `<math>` elements open: inside them, `<![CDATA[` is CDATA and raw-text
    /// elements are not.
    private var foreign: [String] = []

    init(_ text: String, foreignAware: Bool = true) {
        scalars = Array(text.unicodeScalars)
        self.foreignAware = foreignAware
    }

    /// Every token of the text.
    mutating func tokens() -> [Token] {
        var out: [Token] = []
        var text = String.UnicodeScalarView()
        var textLine = 1
        var textColumn = 1
        func flushText() {
            if !text.isEmpty { out.append(Token(kind: .text(String(text)), line: textLine, column: textColumn)) }
            text = String.UnicodeScalarView()
        }
        while index < scalars.count {
            let startLine = line
            let startColumn = column
            if scalars[index] == "<", let token = markup() {
                flushText()
                var token = token
                token.line = startLine
                token.column = startColumn
                out.append(token)
                if case .startTag(let name, _, let selfClosing) = token.kind {
                    if foreignAware, name == "svg" || name == "math", !selfClosing { foreign.append(name) }
                    if foreign.isEmpty, Self.textElements.contains(name) {
                        let contentLine = line
                        let contentColumn = column
                        let content = rawText(until: name)
                        if !content.isEmpty { out.append(Token(kind: .text(content), line: contentLine, column: contentColumn)) }
                    }
                } else if case .endTag(let name) = token.kind, foreign.last == name {
                    foreign.removeLast()
                }
                continue
            }
            if text.isEmpty {
                textLine = line
                textColumn = column
            }
            text.append(advance())
        }
        flushText()
        return out
    }

    // MARK: Reading

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    @discardableResult
    private mutating func advance() -> Unicode.Scalar {
        let scalar = scalars[index]
        index += 1
        if scalar == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        return scalar
    }

    private func lookingAt(_ text: String, caseInsensitive: Bool = false) -> Bool {
        var offset = 0
        for expected in text.unicodeScalars {
            guard let scalar = peek(offset) else { return false }
            let matches = caseInsensitive ? Self.lower(scalar) == Self.lower(expected) : scalar == expected
            guard matches else { return false }
            offset += 1
        }
        return true
    }

    private mutating func skip(_ count: Int) {
        for _ in 0..<count where index < scalars.count { advance() }
    }

    /// Skips to just past `end`, or to the end of the text.
    private mutating func skip(past end: String) {
        while index < scalars.count, !lookingAt(end) { advance() }
        skip(end.unicodeScalars.count)
    }

    static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    static func isSpace(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\u{0C}" || scalar == "\r"
    }

    /// The markup at `<`, or nil when the `<` is text (the index is then unchanged).
    private mutating func markup() -> Token? {
        let none = Token(kind: .comment, line: 0, column: 0)
        if lookingAt("<!--") {
            skip(4)
            // `<!-->` and `<!--->` end at once; otherwise the comment ends at `-->` or `--!>`.
            if lookingAt(">") {
                skip(1)
                return none
            }
            if lookingAt("->") {
                skip(2)
                return none
            }
            while index < scalars.count, !lookingAt("-->"), !lookingAt("--!>") { advance() }
            skip(lookingAt("--!>") ? 4 : 3)
            return none
        }
        if lookingAt("<![CDATA[") {
            if !foreign.isEmpty {
                skip(9)
                let start = index
                while index < scalars.count, !lookingAt("]]>") { advance() }
                let content = String(String.UnicodeScalarView(scalars[start..<index]))
                skip(3)
                return Token(kind: .text(content), line: 0, column: 0)
            }
            skip(past: ">")
            return none
        }
        if lookingAt("<!doctype", caseInsensitive: true) {
            skip(past: ">")
            return Token(kind: .doctype, line: 0, column: 0)
        }
        if lookingAt("<!") || lookingAt("<?") {
            skip(past: ">")  // a bogus comment
            return none
        }
        if lookingAt("</") {
            if Self.isASCIILetter(peek(2)) {
                skip(2)
                let name = tagName()
                _ = attributes()
                return Token(kind: .endTag(name: name), line: 0, column: 0)
            }
            if peek(2) == ">" {
                skip(3)  // `</>` is dropped
                return none
            }
            if peek(2) == nil { return nil }
            skip(past: ">")  // `</` then anything else is a bogus comment
            return none
        }
        guard Self.isASCIILetter(peek(1)) else { return nil }
        skip(1)
        let name = tagName()
        let (attributes, selfClosing) = attributes()
        return Token(kind: .startTag(name: name, attributes: attributes, selfClosing: selfClosing), line: 0, column: 0)
    }

    private mutating func tagName() -> String {
        var name = String.UnicodeScalarView()
        while let scalar = peek(), !Self.isSpace(scalar), scalar != "/", scalar != ">" {
            name.append(Self.lower(advance()))
        }
        return String(name)
    }

    /// The attributes up to and including the tag's `>`; the first of a name wins, as in HTML.
    private mutating func attributes() -> ([Attribute], Bool) {
        var out: [Attribute] = []
        var selfClosing = false
        while index < scalars.count {
            while Self.isSpace(peek()) { advance() }
            guard let scalar = peek() else { break }
            if scalar == ">" {
                advance()
                return (out, selfClosing)
            }
            if scalar == "/" {
                advance()
                selfClosing = peek() == ">"
                continue
            }
            selfClosing = false
            let nameLine = line
            let nameColumn = column
            var name = String.UnicodeScalarView()
            name.append(Self.lower(advance()))  // may be `=`, as the standard allows
            while let next = peek(), !Self.isSpace(next), next != "/", next != ">", next != "=" {
                name.append(Self.lower(advance()))
            }
            while Self.isSpace(peek()) { advance() }
            var value = ""
            if peek() == "=" {
                advance()
                while Self.isSpace(peek()) { advance() }
                var raw = String.UnicodeScalarView()
                if let quote = peek(), quote == "\"" || quote == "'" {
                    advance()
                    while let next = peek(), next != quote { raw.append(advance()) }
                    if index < scalars.count { advance() }
                } else {
                    while let next = peek(), !Self.isSpace(next), next != ">" { raw.append(advance()) }
                }
                value = HTMLEntities.decode(String(raw), inAttribute: true)
            }
            let attributeName = String(name)
            if !out.contains(where: { $0.name == attributeName }) {
                out.append(Attribute(name: attributeName, value: value, line: nameLine, column: nameColumn))
            }
        }
        return (out, selfClosing)
    }

    /// The content of a raw text or RCDATA element up to its end tag (left for the caller to
    /// read as a token), or to the end of the text.
    private mutating func rawText(until name: String) -> String {
        var content = String.UnicodeScalarView()
        while index < scalars.count {
            if lookingAt("</" + name, caseInsensitive: true), name != "plaintext" {
                let after = peek(2 + name.unicodeScalars.count)
                if after == nil || Self.isSpace(after) || after == "/" || after == ">" { break }
            }
            content.append(advance())
        }
        return String(content)
    }
}

/// Character references, as a browser decodes them in attribute values: numeric ones with or
/// without `;`, and the named ones that stand for ASCII (the only ones that can spell a URL
/// scheme or its colon).
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "tab": "\t", "newline": "\n",
        "excl": "!", "num": "#", "dollar": "$", "percnt": "%", "lpar": "(", "rpar": ")", "ast": "*", "midast": "*", "plus": "+",
        "comma": ",", "period": ".", "sol": "/", "colon": ":", "semi": ";", "equals": "=", "quest": "?", "commat": "@",
        "lsqb": "[", "lbrack": "[", "bsol": "\\", "rsqb": "]", "rbrack": "]", "hat": "^", "lowbar": "_", "underbar": "_",
        "grave": "`", "diacriticalgrave": "`", "lcub": "{", "lbrace": "{", "verbar": "|", "vert": "|", "verticalline": "|",
        "rcub": "}", "rbrace": "}", "zwsp": "\u{200B}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
    ]
    /// Named references a browser decodes without their `;` (the legacy ones, in short).
    static let legacy: Set<String> = ["amp", "lt", "gt", "quot", "nbsp"]

    /// `text` with its character references decoded. In an attribute, a legacy reference without
    /// `;` followed by a letter, digit or `=` is left as it is, as browsers do.
    static func decode(_ text: String, inAttribute: Bool) -> String {
        guard text.unicodeScalars.contains("&") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "&" else {
                out.append(scalars[index])
                index += 1
                continue
            }
            if index + 1 < scalars.count, scalars[index + 1] == "#" {
                var cursor = index + 2
                let hex = cursor < scalars.count && (scalars[cursor] == "x" || scalars[cursor] == "X")
                if hex { cursor += 1 }
                var value: UInt32 = 0
                var digits = 0
                while cursor < scalars.count, let digit = hexDigit(scalars[cursor], hex: hex) {
                    value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
                    digits += 1
                    cursor += 1
                }
                if digits > 0 {
                    if cursor < scalars.count, scalars[cursor] == ";" { cursor += 1 }
                    let decoded = value == 0 || value > 0x10FFFF ? "\u{FFFD}" : Unicode.Scalar(value) ?? "\u{FFFD}"
                    out.append(decoded)
                    index = cursor
                    continue
                }
            }
            var cursor = index + 1
            var name = ""
            while cursor < scalars.count, HTMLTokenizer.isASCIILetter(scalars[cursor]) || ("0"..."9").contains(scalars[cursor]),
                name.count < 32
            {
                name.unicodeScalars.append(HTMLTokenizer.lower(scalars[cursor]))
                cursor += 1
            }
            let terminated = cursor < scalars.count && scalars[cursor] == ";"
            if let replacement = named[name], terminated || legacy.contains(name) {
                let next = terminated ? nil : (cursor < scalars.count ? scalars[cursor] : nil)
                let blocked =
                    inAttribute && !terminated
                    && (next == "=" || HTMLTokenizer.isASCIILetter(next) || next.map { ("0"..."9").contains($0) } == true)
                if !blocked {
                    out.append(contentsOf: replacement.unicodeScalars)
                    index = terminated ? cursor + 1 : cursor
                    continue
                }
            }
            out.append("&")
            index += 1
        }
        return String(out)
    }

    private static func hexDigit(_ scalar: Unicode.Scalar, hex: Bool) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 48
        case "a"..."f" where hex: return scalar.value - 87
        case "A"..."F" where hex: return scalar.value - 55
        default: return nil
        }
    }
}
