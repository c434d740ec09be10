import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A tiny HTTP server on 127.0.0.1 that records every connection made to it, so a test can show
/// that a page made no request at all (or, for a control page, that it did).
final class LoopbackServer: @unchecked Sendable {
    private let socketFD: Int32
    let port: UInt16
    private let lock = NSLock()
    private var requests: [String] = []
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CocoaError(.featureUnsupported) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw CocoaError(.featureUnsupported)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socketFD = fd
        port = UInt16(bigEndian: actual.sin_port)
        Thread { [self] in serve() }.start()
    }

    /// Everything asked of the server so far: each request's first line (or "connection" when a
    /// connection sent nothing).
    var received: [String] { lock.withLock { requests } }

    func stop() {
        lock.withLock { stopping = true }
        finished.wait()
        close(socketFD)
    }

    private func serve() {
        defer { finished.signal() }
        while !lock.withLock({ stopping }) {
            var poller = pollfd(fd: socketFD, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let client = accept(socketFD, nil, nil)
            guard client >= 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            var clientPoll = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            var line = "connection"
            if poll(&clientPoll, 1, 1000) > 0 {
                let count = recv(client, &buffer, buffer.count, 0)
                if count > 0 {
                    line = String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\r\n").first.map(String.init) ?? line
                }
            }
            lock.withLock { requests.append(line) }
            let response = Array("HTTP/1.1 204 No Content\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".utf8)
            _ = response.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(client)
        }
    }
}

/// The HTML handout against the OWASP XSS filter evasion cheat sheet: each payload in every text
/// field of a programme and its patient profile, exported by the real binary with the built-in
/// template and with a clinic template that puts the values in attributes, then loaded and
/// printed by headless Chromium. No script may run (a marker attribute), no request may leave
/// the page (a loopback server that the payloads point at), and the page must have exactly the
/// elements and attributes it has with harmless text in the same fields.
@Suite(.serialized, .enabled(if: Browser.installed || Browser.inCI, Comment(rawValue: Browser.missing)))
struct InjectionTests {
    /// `{js}` is replaced by a statement that marks the page (`data-pwned="N"` on <html>) and
    /// `{url}` by the loopback server's address with the payload's number.
    static let payloads: [String] = [
        // Script tags, in case variants and malformed.
        "<script>{js}</script>",
        "<ScRiPt>{js}</sCrIpT>",
        "<SCRIPT SRC={url}/xss.js></SCRIPT>",
        "<script/xss src={url}/slash.js></script>",
        "<<script>{js}//<</script>",
        "<IMG \"\"\"><SCRIPT>{js}</SCRIPT>\">",
        // A NUL inside the tag name is refused before any handout (RG107, EscapingTests); an
        // invisible character in its place is text.
        "<scr\u{200B}ipt>{js}</scr\u{200B}ipt>",
        "<svg><script>{js}</script></svg>",
        // Event handlers.
        "<img src={url}/img onerror={js}>",
        "<IMG SRC=/ onerror=\"{js}\"></img>",
        "<svg onload={js}>",
        "<svg/onload={js}>",
        "<body onload={js}>",
        "<input autofocus onfocus={js}>",
        "<details open ontoggle={js}>",
        "<video><source onerror={js}></video>",
        // javascript:, vbscript: and data: URLs, plain and encoded.
        "<IMG SRC=\"javascript:{js};\">",
        "<IMG SRC=javascript:{js}>",
        "<IMG SRC=\"jav&#x09;ascript:{js};\">",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;{js}>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A{js}>",
        "<a href=\"javascript:{js}\">tap</a><a href=\"vbscript:msgbox(1)\">tap</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">tap</a>",
        "&lt;script&gt;{js}&lt;/script&gt; &#60;img src={url}/entity onerror={js}&#62;",
        // Frames, objects and other ways to load something.
        "<iframe src={url}/frame></iframe>",
        "<iframe srcdoc=\"<script>{js}</script><img src={url}/srcdoc>\"></iframe>",
        "<object data={url}/object></object><object data=\"javascript:{js}\"></object>",
        "<embed src={url}/embed>",
        "<meta http-equiv=\"refresh\" content=\"0;url={url}/refresh\">",
        "<base href=\"{url}/base/\">",
        "<link rel=stylesheet href={url}/link.css><link rel=prefetch href={url}/prefetch>",
        "<form action={url}/form><button formaction={url}/formaction>go</button></form>",
        // CSS.
        "<style>@import '{url}/import.css'; body { background: url({url}/style-bg) }</style>",
        "<div style=\"background-image: url({url}/bg)\">x</div>",
        "<div style=\"width: expression({js});\">x</div>",
        // Breaking out of attributes, and of elements whose text is not markup.
        "\"><script>{js}</script>",
        "'><script>{js}</script>",
        "\"\u{301} autofocus onfocus={js} x=\"",
        "'\u{301} autofocus onfocus={js} x='",
        "`><img src={url}/backtick onerror={js}>",
        "</title><script>{js}</script>",
        "</style><script>{js}</script>",
        "</textarea><img src={url}/textarea onerror={js}>",
        "<!--<img src=\"--><img src={url}/comment onerror={js}>",
        "<![CDATA[<script>{js}</script>]]>",
        "<math><mtext><table><mglyph><style><img src={url}/mxss onerror={js}>",
        // And the template language itself.
        "{{title}} {{{title}}} {{=<% %>=}}<%title%> {{> partial}}",
    ]

    /// The payloads for a server at `port`.
    static func payloads(port: UInt16) -> [String] {
        payloads.enumerated().map { index, payload in
            payload.replacingOccurrences(of: "{js}", with: "top.document.documentElement.dataset.pwned=\(index + 1)")
                .replacingOccurrences(of: "{url}", with: "http://127.0.0.1:\(port)/\(index + 1)")
        }
    }

    /// A YAML double-quoted scalar holding `text` exactly (JSON's escapes are YAML's).
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    /// A programme and a patient profile with `texts` in every text field: the list fields hold
    /// every text, exercise and phase N hold text N in each of their fields (and the next one in
    /// their lists), and the fields that hold one value hold all the texts, one after another.
    static func documents(_ texts: [String]) -> (programme: String, patient: String) {
        let n = texts.count
        let all = quoted(texts.joined(separator: " | "))
        func list(_ indent: String, _ items: [String]) -> String { items.map { "\(indent)- \(quoted($0))\n" }.joined() }
        var yaml = """
            regimen: 1
            id: injection
            title: \(all)
            summary: \(all)
            notes: \(all)
            condition: [sciatica]
            clinician:
              name: \(all)
              role: \(all)
              contact: \(all)
            delivery:
              supervision: \(all)
              adverse-events: \(all)
              education:

            """
        yaml += list("    ", texts)
        yaml += "references:\n" + list("  ", texts)
        yaml += "red-flags:\n" + list("  ", texts)
        yaml += "restrictions:\n"
        for text in texts {
            yaml += "  - movement: loaded-lumbar-flexion\n    level: precaution\n    weeks: 1-2\n    why: \(quoted(text))\n"
        }
        yaml += "exercises:\n"
        for (i, text) in texts.enumerated() {
            let next = texts[(i + 1) % n]
            yaml += """
                  ex-\(i + 1):
                    name: \(quoted(text))
                    purpose: \(quoted(text))
                    position: \(quoted(text))
                    equipment: [\(quoted(text)), \(quoted(next))]
                    steps: [\(quoted(text)), \(quoted(next))]
                    cues: [\(quoted(text)), \(quoted(next))]
                    mistakes: [\(quoted(text)), \(quoted(next))]
                    images:
                      - { path: images/photo.png, alt: \(quoted(text)), credit: \(quoted(text)) }
                    precautions:
                      - { when: sciatica, level: precaution, why: \(quoted(text)), advice: \(quoted(next)) }

                """
            if i + 1 < n { yaml += "    progress-to: ex-\(i + 2)\n" }
        }
        yaml += "phases:\n"
        for (i, text) in texts.enumerated() {
            yaml += """
                  - id: phase-\(i + 1)
                    title: \(quoted(text))
                    goal: \(quoted(text))
                    notes: \(quoted(text))
                    weeks: \(i + 1)
                    sessions: daily
                    advance-when: [\(quoted(text)), \(quoted(texts[(i + 1) % n]))]
                    items:
                      - use: ex-\(i + 1)
                        dose: { reps: 10, hold: 5s }
                        notes: \(quoted(text))

                """
        }
        let patient = """
            regimen-patient: 1
            conditions: [sciatica]
            affected-side: left
            start: 2026-12-07
            language: en-GB
            notes: \(all)

            """
        return (yaml, patient)
    }

    /// A clinic template that puts every value in attributes, double- and single-quoted, as well
    /// as in text, in <title>, in a <textarea> and in <meta content>.
    static let attributeTemplate = """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta http-equiv="Content-Security-Policy" content="{{contentSecurityPolicy}}">
        <meta charset="utf-8">
        <meta name="description" content="{{summary}}">
        <title>{{title}}</title>
        </head>
        <body>
        <h1 title="{{title}}" data-notes='{{notes}}'>{{title}}</h1>
        <p data-supervision="{{supervision}}" aria-label='{{whenWorse}}'>{{summary}}</p>
        {{#clinician}}<p title="{{name}}" data-role='{{role}}' data-contact="{{contact}}">{{contact}}</p>{{/clinician}}
        {{#patient}}<p title="{{notes}}" data-start='{{start}}'><textarea>{{notes}}</textarea></p>{{/patient}}
        <ul>{{#redFlags}}<li title="{{.}}" data-flag='{{.}}'><input value="{{.}}"></li>{{/redFlags}}</ul>
        <ul>{{#cautions}}<li title="{{why}}" data-movement='{{movement}}'>{{why}}</li>{{/cautions}}</ul>
        {{#phases}}
        <section id="{{anchor}}" title="{{title}}" data-goal='{{goal}}' data-notes="{{notes}}">
        <h2 title='{{title}}'>{{title}}</h2>
        <ul>{{#advanceWhen}}<li data-when="{{.}}">{{.}}</li>{{/advanceWhen}}</ul>
        {{#cards}}
        <article id="{{anchor}}" title="{{name}}" data-purpose='{{purpose}}' data-position="{{position}}" data-equipment='{{equipment}}' data-notes="{{notes}}" data-dose="{{dose}}">
        <h3>{{name}}</h3>
        <ol>{{#steps}}<li title="{{.}}">{{.}}</li>{{/steps}}</ol>
        <ul>{{#cues}}<li data-cue='{{.}}'>{{.}}</li>{{/cues}}{{#mistakes}}<li data-mistake="{{.}}">{{.}}</li>{{/mistakes}}</ul>
        {{#images}}<figure><img src="{{src}}" alt="{{alt}}" title='{{credit}}'><figcaption data-credit="{{credit}}">{{credit}}</figcaption></figure>{{/images}}
        {{#precautions}}<p title="{{why}}" data-advice='{{advice}}' data-reason="{{reason}}">{{why}}</p>{{/precautions}}
        {{#easier}}<a href="#{{anchor}}" title="{{name}}">{{name}}</a>{{/easier}}
        {{#harder}}<a href="#{{anchor}}" title='{{name}}'>{{name}}</a>{{/harder}}
        </article>
        {{/cards}}
        </section>
        {{/phases}}
        <ul>{{#education}}<li title="{{.}}">{{.}}</li>{{/education}}</ul>
        <ul>{{#references}}<li data-reference='{{.}}'><cite title="{{.}}">{{.}}</cite></li>{{/references}}</ul>
        </body>
        </html>
        """

    /// Every start tag's name and attribute names, and every end tag, in order, from HTML as
    /// Chromium serializes it (attribute values in double quotes; `<` in text always `&lt;`).
    static func structure(_ html: String) -> [String] {
        let bytes = Array(html.utf8)
        var found: [String] = []
        var i = 0
        func word(_ stop: (UInt8) -> Bool) -> String {
            let start = i
            while i < bytes.count, !stop(bytes[i]) { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C }
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "!") {
                let end = html.utf8.count
                let rest = String(decoding: bytes[i..<end], as: UTF8.self)
                let close = rest.hasPrefix("!--") ? "-->" : ">"
                i += rest.range(of: close).map { rest.utf8.distance(from: rest.startIndex, to: $0.upperBound) } ?? (end - i)
                continue
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "/") {
                i += 1
                found.append("/" + word { $0 == UInt8(ascii: ">") || isSpace($0) })
                while i < bytes.count, bytes[i] != UInt8(ascii: ">") { i += 1 }
                continue
            }
            let name = word { $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "/") || isSpace($0) }
            var attributes: [String] = []
            while i < bytes.count, bytes[i] != UInt8(ascii: ">") {
                if isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "/") {
                    i += 1
                    continue
                }
                attributes.append(word { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: ">") || isSpace($0) })
                if i < bytes.count, bytes[i] == UInt8(ascii: "=") {
                    i += 1
                    if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                        i += 1
                        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += 1 }
                        i += 1
                    } else {
                        while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") { i += 1 }
                    }
                }
            }
            i += 1
            found.append(([name] + attributes).joined(separator: " "))
            // Raw text: the element's content is not markup.
            if name == "style" || name == "script" {
                let closing = Array("</\(name)".utf8)
                while i < bytes.count, !bytes[i...].starts(with: closing) { i += 1 }
            }
        }
        return found
    }

    struct Export {
        let html: URL
        let dom: String
    }

    /// Writes the programme and patient for `texts` into a new repository, exports the handout
    /// with `template` (nil: the built-in one), and loads it in Chromium.
    static func export(_ texts: [String], template: String?, name: String, in directory: URL) throws -> Export {
        let documents = Self.documents(texts)
        var files = ["programme.yaml": documents.programme, "patient.yaml": documents.patient]
        if let template { files["clinic.mustache"] = template }
        let root = try CLITests.repository(files)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")?
            .write(to: root.appendingPathComponent("images/photo.png"))
        let html = directory.appendingPathComponent("\(name).html")
        let arguments =
            ["export", "programme.yaml", "--patient", "patient.yaml", "--format", "html", "-o", html.path]
            + (template == nil ? [] : ["--template", "clinic.mustache"])
        let result = try Bounded.run(arguments, in: root)
        try #require(result.status == 0, "\(name): export failed (\(result.status)):\n\(result.err)")
        return Export(html: html, dom: try Browser.dumpDOM(html, in: directory))
    }

    @Test func owaspPayloadsInEveryFieldRunNothingAndLoadNothing() throws {
        try Browser.require()
        let directory = try BrowserTests.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try LoopbackServer()
        defer { server.stop() }
        let hostile = Self.payloads(port: server.port)
        let benign = hostile.indices.map { "Plain words number \($0 + 1)" }
        #expect(hostile.count >= 30)

        // The method works: the same payloads, written into a page as they are and without the
        // policy, do run script and do make requests.
        let control = directory.appendingPathComponent("control.html")
        try Data(
            ("<!DOCTYPE html><html><head><title>control</title></head><body>" + hostile.joined(separator: "\n") + "</body></html>").utf8
        )
        .write(to: control)
        let controlDOM = try Browser.dumpDOM(control, in: directory)
        #expect(controlDOM.contains("data-pwned="), "the payloads ran no script in the control page: the check proves nothing")
        #expect(!server.received.isEmpty, "the control page made no request: the check proves nothing")
        print("injection control: the raw payloads made \(server.received.count) requests: \(server.received.prefix(8))")
        let controlRequests = server.received.count

        for (name, template) in [("built-in", nil), ("attributes", Self.attributeTemplate)] as [(String, String?)] {
            let expected = try Self.export(benign, template: template, name: "\(name)-benign", in: directory)
            let before = server.received.count
            let attack = try Self.export(hostile, template: template, name: "\(name)-hostile", in: directory)
            let html = try String(contentsOf: attack.html, encoding: .utf8)

            // No script ran, nothing was requested.
            #expect(attack.dom.contains("</html>"), "\(name): chromium dumped no DOM")
            #expect(!attack.dom.contains("data-pwned"), "\(name): a payload ran script")
            #expect(server.received.count == before, "\(name): the page made requests: \(server.received.dropFirst(before))")
            // Nothing was added to the page: the same elements and attributes as with plain words.
            let shape = Self.structure(attack.dom)
            let plain = Self.structure(expected.dom)
            #expect(shape.count > 100, "\(name): \(shape.count) tags")
            let changed = Self.difference(shape, plain)
            #expect(changed == nil, "\(name): the payloads changed the page's elements or attributes: \(changed ?? "")")
            // In the file itself, every payload is escaped: none appears as written.
            for payload in hostile where payload.contains("<") || payload.contains("\"") || payload.contains("'") {
                #expect(!html.contains(payload), "\(name): a payload is in the page unescaped: \(payload)")
            }
            #expect(!html.lowercased().contains("<script"), "\(name)")
            // And the payloads are there, as text: the patient sees what was written.
            #expect(attack.dom.contains("&lt;svg onload=top.document.documentElement.dataset.pwned=11&gt;"), "\(name)")

            // Printed to PDF, still nothing requested, and the words readable.
            let pdf = try Browser.printToPDF(attack.html, in: directory)
            #expect(server.received.count == before, "\(name): printing made requests: \(server.received.dropFirst(before))")
            let text = try Browser.pages(pdf, in: directory).joined(separator: " ")
            #expect(
                text.contains("<svg onload=top.document.documentElement.dataset.pwned=11>"), "\(name): the payload is not readable in print"
            )
        }
        #expect(server.received.count == controlRequests)
    }

    /// The first place two tag lists differ, for a readable failure; nil when they are the same.
    static func difference(_ a: [String], _ b: [String]) -> String? {
        guard a != b else { return nil }
        guard let index = a.indices.first(where: { $0 >= b.count || a[$0] != b[$0] }) else {
            return "\(b.count - a.count) tags missing at the end"
        }
        guard index < b.count else { return "an extra `\(a[index].prefix(200))` at tag \(index)" }
        return "at tag \(index): `\(a[index].prefix(200))` where plain text gives `\(b[index].prefix(200))`"
    }

    @Test func theStructureReaderSeesInjectedMarkup() {
        #expect(Self.structure("<p title=\"a &quot;b\">x &lt;img&gt;</p>") == ["p title", "/p"])
        #expect(Self.structure("<p title=\"a\" onclick=\"x\">x</p><img src=x onerror=y>") == ["p title onclick", "/p", "img src onerror"])
        #expect(Self.structure("<!-- <b> --><style>a > b { }</style><br>") == ["style", "/style", "br"])
    }
}
