import Foundation

/// The handout the HTML exporter wrote, taken apart to be shown inside the preview page: its
/// style sheet and its body, for a shadow root that keeps the handout's look to itself.
///
/// The exporter escapes every value it shows, so `</style>` and `<body>` in its output are the
/// template's own, never a programme's text.
public struct HandoutFragment: Sendable, Equatable {
    /// The handout's style sheet, with its document-level selectors (`:root`, `html`, `body`)
    /// moved onto the shadow root and the elements that stand in for `<html>` and `<body>`.
    public var style: String
    /// The markup of the handout's `<body>`.
    public var body: String

    /// The class of the element that stands in for the handout's `<html>`.
    static let htmlClass = "handout-html"
    /// The class of the element that stands in for the handout's `<body>`.
    static let bodyClass = "handout-body"

    /// The parts of `document`, or nil when it has no `<body>` (a custom template's odd shape).
    public init?(document: Data) {
        let html = String(decoding: document, as: UTF8.self)
        guard let bodyOpen = html.range(of: "<body"), let bodyStart = html[bodyOpen.upperBound...].firstIndex(of: ">") else {
            return nil
        }
        let contentStart = html.index(after: bodyStart)
        let bodyEnd = html.range(of: "</body>", options: .backwards, range: contentStart..<html.endIndex)?.lowerBound ?? html.endIndex
        body = String(html[contentStart..<bodyEnd])
        var styles: [String] = []
        var cursor = html.startIndex
        while cursor < bodyOpen.lowerBound, let open = html.range(of: "<style>", range: cursor..<bodyOpen.lowerBound),
            let close = html.range(of: "</style>", range: open.upperBound..<bodyOpen.lowerBound)
        {
            styles.append(String(html[open.upperBound..<close.lowerBound]))
            cursor = close.upperBound
        }
        style = Self.scoped(styles.joined(separator: "\n"))
    }

    /// `css` with the selectors of the document moved into the shadow root: `:root` becomes
    /// `:host`, and `html` and `body` the classes of the elements standing in for them.
    static func scoped(_ css: String) -> String {
        var out = css
        let replacements: [(pattern: String, with: String)] = [
            (#"(^|[\s,}])(:root)(?=\s*[{,])"#, "$1:host"),
            (#"(^|[\s,}])html(?=\s*[{,])"#, "$1.\(htmlClass)"),
            (#"(^|[\s,}])body(?=\s*[{,])"#, "$1.\(bodyClass)"),
        ]
        for replacement in replacements {
            guard let regex = try? NSRegularExpression(pattern: replacement.pattern, options: [.anchorsMatchLines]) else { continue }
            out = regex.stringByReplacingMatches(
                in: out, range: NSRange(out.startIndex..., in: out), withTemplate: replacement.with)
        }
        return out
    }

    /// The shadow root's markup: the style sheet, then the body inside its stand-ins.
    public var markup: String {
        "<style>\(style)</style><div class=\"\(Self.htmlClass)\"><div class=\"\(Self.bodyClass)\">\(body)</div></div>"
    }
}
