import Foundation

/// Checks a rendered handout as a browser would read it (through `HTMLTokenizer`), so that
/// what the template's text hides (a `<script>` put together across a comment or an empty
/// section, a policy inside a comment) is seen. A handout is refused when it has a script
/// element, an event-handler attribute (`on…`), a `javascript:`, `vbscript:` or non-image
/// `data:` URL in a URL attribute, an `srcdoc` or a `<meta http-equiv="refresh">`, or when
/// it has no active Content-Security-Policy `<meta>` in its head that forbids scripts.
enum RenderedHTMLCheck {
    /// What was found, and where in the rendered output.
    struct Finding: Equatable {
        /// What is wrong, in the house style.
        var message: String
        /// 1-based line and column in the rendered handout.
        var line: Int
        var column: Int
    }

    /// Attributes whose value is a URL (or, for `srcset` and SVG animation values, URLs).
    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "xlink:href", "background", "poster", "cite", "longdesc", "usemap", "data",
        "codebase", "classid", "archive", "profile", "manifest", "icon", "lowsrc", "dynsrc", "ping", "srcset", "imagesrcset",
        "itemtype", "to", "from", "values", "by",
    ]

    /// Elements that may come before `<body>` without opening it.
    static let headElements: Set<String> = [
        "html", "head", "meta", "link", "title", "style", "base", "noscript", "template", "script", "basefont", "bgsound",
    ]

    /// The first problem with `html`, or nil. The page is read twice: following `<svg>` and
    /// `<math>` as foreign content, and not (as at an integration point); a script, handler or
    /// URL seen either way is refused, and the policy must be active the first way.
    static func check(_ html: String) -> Finding? {
        if let finding = check(html, foreignAware: true) { return finding }
        if let finding = check(html, foreignAware: false), !finding.message.hasPrefix("no active") { return finding }
        return nil
    }

    private static func check(_ html: String, foreignAware: Bool) -> Finding? {
        var tokenizer = HTMLTokenizer(html, foreignAware: foreignAware)
        var inHead = true
        var templateDepth = 0
        var policyFound = false
        for token in tokenizer.tokens() {
            switch token.kind {
            case .startTag(let name, let attributes, let selfClosing):
                if name == "script" {
                    return Finding(message: "a script element (`<\(name)>`)", line: token.line, column: token.column)
                }
                if let problem = attributeProblem(name, attributes) { return problem }
                if name == "template", !selfClosing { templateDepth += 1 }
                if inHead, !headElements.contains(name) { inHead = false }
                if name == "meta", inHead, templateDepth == 0, forbidsScripts(attributes) { policyFound = true }
            case .endTag(let name):
                if name == "template", templateDepth > 0 { templateDepth -= 1 }
                if name == "head" || name == "html" { inHead = false }
            case .text(let text):
                // Text other than white space opens the body (the head's own text elements are
                // read whole by the tokenizer, so their content does not come here).
                if inHead, text.unicodeScalars.contains(where: { !HTMLTokenizer.isSpace($0) }) { inHead = false }
            case .comment, .doctype:
                break
            }
        }
        guard policyFound else {
            return Finding(
                message: "no active Content-Security-Policy `<meta>` in `<head>` that forbids scripts", line: 1, column: 1)
        }
        return nil
    }

    private static func attributeProblem(_ element: String, _ attributes: [HTMLTokenizer.Attribute]) -> Finding? {
        for attribute in attributes {
            let name = attribute.name
            if name.hasPrefix("on") {
                return Finding(
                    message: "an event-handler attribute (`\(name)` on `<\(element)>`)", line: attribute.line, column: attribute.column)
            }
            if name == "srcdoc" {
                return Finding(message: "an `srcdoc` attribute on `<\(element)>`", line: attribute.line, column: attribute.column)
            }
            if element == "meta", name == "http-equiv", trimmed(attribute.value).lowercased() == "refresh" {
                return Finding(message: "a `<meta http-equiv=\"refresh\">`", line: attribute.line, column: attribute.column)
            }
            let local = name.split(separator: ":").last.map(String.init) ?? name
            guard urlAttributes.contains(name) || local == "href" else { continue }
            let values: [String] =
                name.hasSuffix("srcset") || name == "values"
                ? attribute.value.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init) : [attribute.value]
            for value in values {
                if let scheme = refusedScheme(value) {
                    return Finding(
                        message: "a `\(scheme)` URL in `\(name)` on `<\(element)>`", line: attribute.line, column: attribute.column)
                }
            }
        }
        return nil
    }

    /// `javascript:`, `vbscript:` or a `data:` URL that is not an image, as a browser reads
    /// `url`: leading and trailing C0 controls and spaces stripped, tabs and newlines removed
    /// anywhere, the scheme compared without case. nil for any other URL.
    static func refusedScheme(_ url: String) -> String? {
        var scalars = Array(url.unicodeScalars)
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let colon = scalars.firstIndex(of: ":") else { return nil }
        let scheme = String(String.UnicodeScalarView(scalars[..<colon])).lowercased()
        switch scheme {
        case "javascript", "vbscript", "livescript": return scheme + ":"
        case "data":
            let rest = String(String.UnicodeScalarView(scalars[(colon + 1)...])).lowercased()
            let type = rest.prefix { $0 != ";" && $0 != "," }.trimmingCharacters(in: .whitespaces)
            let images = ["image/png", "image/jpeg", "image/gif", "image/webp"]
            return images.contains(type) ? nil : "data:" + (type.isEmpty ? "" : type)
        default: return nil
        }
    }

    /// Whether a `<meta>` with these attributes is a Content-Security-Policy whose script policy
    /// (`script-src`, else `default-src`) is `'none'` alone.
    static func forbidsScripts(_ attributes: [HTMLTokenizer.Attribute]) -> Bool {
        guard let equiv = attributes.first(where: { $0.name == "http-equiv" }),
            trimmed(equiv.value).lowercased() == "content-security-policy",
            let content = attributes.first(where: { $0.name == "content" })?.value
        else { return false }
        var directives: [String: [String]] = [:]
        for directive in content.split(separator: ";") {
            let words = directive.split(whereSeparator: { HTMLTokenizer.isSpace($0.unicodeScalars.first) }).map { String($0).lowercased() }
            guard let name = words.first, directives[name] == nil else { continue }  // the first of a name counts
            directives[name] = Array(words.dropFirst())
        }
        guard let sources = directives["script-src"] ?? directives["default-src"] else { return false }
        return sources == ["'none'"]
    }

    private static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
