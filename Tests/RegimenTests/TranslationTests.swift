import Foundation
import LanguageServerProtocol
import RegimenCompile
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import RegimenReport
import RegimenTranslate
import RegimenValidate
import Testing

/// PO files read and written: our own output round-trips byte for byte, positions are kept,
/// and malformed or hostile input gives findings, never a crash.
@Suite struct POFileTests {
    /// Entries of every shape Regimen writes or keeps.
    static let sample: POFile = {
        var header = Extractor().header(for: "walking.yaml", project: "walking", language: "es")
        header.translatorComments.append("")
        var plain = POEntry(context: "title", id: "Walking for back pain", translation: "Caminar para el dolor de espalda")
        plain.references = ["walking.yaml:3"]
        var long = POEntry(
            context: "summary",
            id: String(repeating: "A long sentence about walking, which wraps at spaces like gettext does. ", count: 4),
            translation: "Una frase \"con comillas\", una barra \\ y un\ttabulador.\nY una segunda línea.")
        long.extractedComments = ["Safety text (red flag): the patient must understand it exactly."]
        long.translatorComments = ["Checked by Ana."]
        var fuzzy = POEntry(context: "red-flags[0]", id: "Call 999 now.", translation: "Llame al 999.")
        fuzzy.isFuzzy = true
        fuzzy.previousID = "Call 999."
        fuzzy.references = (1...30).map { "walking.yaml:\($0)" }
        var plural = POEntry(context: nil, id: "one day", translation: "un día")
        plural.idPlural = "%d days"
        plural.strings = ["un día", "%d días"]
        var obsolete = POEntry(context: "phases[old].notes", id: "Gone.", translation: "Ya no está.")
        obsolete.isObsolete = true
        obsolete.previousID = "Older."
        let unicode = POEntry(context: "exercises.bird-dog.name", id: "Bird dog 🐕 — ١٢٣", translation: "Perro de caza 🐕 — ١٢٣")
        return POFile(entries: [header, plain, long, fuzzy, plural, unicode, obsolete])
    }()

    /// The values of an entry, without where it was read.
    static func values(_ entry: POEntry) -> [String] {
        [
            entry.translatorComments.joined(separator: "|"), entry.extractedComments.joined(separator: "|"),
            entry.references.joined(separator: " "), entry.flags.joined(separator: ","), entry.previousContext ?? "-",
            entry.previousID ?? "-", entry.context ?? "-", entry.id, entry.idPlural ?? "-", entry.strings.joined(separator: "|"),
            entry.isObsolete ? "obsolete" : "live",
        ]
    }

    @Test func ourOwnOutputRoundTripsByteForByte() {
        let written = POWriter().write(Self.sample)
        let read = POParser().parse(written, path: "t.po")
        #expect(read.diagnostics.isEmpty, "\(read.diagnostics.map(\.message))")
        #expect(read.file.entries.map(Self.values) == Self.sample.entries.map(Self.values))
        #expect(POWriter().write(read.file) == written)
        // Long lines are wrapped, and no line is wider than 79 unless a word is.
        #expect(written.split(separator: "\n").allSatisfy { $0.count <= 79 })
        #expect(written.contains("#~ msgctxt \"phases[old].notes\"\n#~ msgid \"Gone.\""))
        #expect(written.contains("#~| msgid \"Older.\""))
        #expect(written.contains("#, fuzzy\n#| msgid \"Call 999.\"\n"))
    }

    @Test func entriesKeepTheirLineAndColumn() {
        let text = """
            msgid ""
            msgstr "Language: es\\n"

            # A comment
            #, fuzzy
            msgctxt "title"
            msgid "Walking"
            msgstr "Caminar"

              msgctxt "notes"
              msgid ""
              "Two "
              "lines"
              msgstr "Dos líneas"
            """
        let read = POParser().parse(text, path: "t.po")
        #expect(read.diagnostics.isEmpty)
        let title = read.file.byContext["title"]
        #expect(title?.position == SourcePosition(line: 4, column: 1))
        #expect(title?.fuzzyPosition == SourcePosition(line: 5, column: 1))
        #expect(title?.contextPosition == SourcePosition(line: 6, column: 1))
        #expect(title?.idPosition == SourcePosition(line: 7, column: 1))
        #expect(title?.stringPosition == SourcePosition(line: 8, column: 1))
        let notes = read.file.byContext["notes"]
        #expect(notes?.id == "Two lines")
        #expect(notes?.contextPosition == SourcePosition(line: 10, column: 3))
        #expect(read.file.headerField("language") == "es")
    }

    /// Malformed input: the finding's message, line and column.
    @Test(arguments: [
        ("msgid \"a\"\nmsgstr \"b", "no closing quote", 2, 8),
        ("msgid \"a\"\nmsgstr \"b\\q\"", "unknown escape `\\q`", 2, 10),
        ("msgid \"a\"\nmsgstr \"b\" trailing", "unexpected text after the closing quote", 2, 12),
        ("msgid \"a\"\nmsgtsr \"b\"", "cannot read `msgtsr` here", 2, 1),
        ("msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"c\"", "this entry has no `msgstr`", 1, 1),
        ("\"loose\"", "a string outside an entry", 1, 1),
        ("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"", "a second entry with the same `msgid`", 4, 1),
        ("msgctxt \"t\"\nmsgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"", "out of order, or given twice", 4, 1),
        ("msgid \"a\"\nmsgstr[0] \"b\"", "no `msgid_plural`", 2, 1),
        ("msgid\nmsgstr \"b\"", "`msgid` needs a quoted string", 1, 6),
        ("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"", "charset=ISO-8859-1", 2, 1),
        ("#| msgstr \"x\"\nmsgid \"a\"\nmsgstr \"b\"", "cannot read this `#|` line", 1, 4),
    ])
    func malformedLinesAreReportedWhereTheyAre(_ input: String, _ message: String, _ line: Int, _ column: Int) {
        let read = POParser().parse(input, path: "t.po")
        let finding = read.diagnostics.first { $0.message.contains(message) }
        #expect(finding != nil, "\(read.diagnostics.map(\.message))")
        #expect(finding?.code == "RG701")
        #expect(finding?.range.start == SourcePosition(line: line, column: column))
    }

    @Test func aFindingShowsItsLineWithACaret() {
        let text = "msgid \"a\"\nmsgstr \"b\\q\"\n"
        let read = POParser().parse(text, path: "t.po")
        var sources = SourceMap()
        sources.add(SourceFile(path: "t.po", text: text))
        let shown = TextRenderer(colour: false).render(read.diagnostics, sources: sources)
        #expect(shown.contains("error[RG701]: unknown escape `\\q`\n --> t.po:2:10"))
        #expect(shown.contains("2 | msgstr \"b\\q\"\n  |          ^^"))
    }

    @Test func bytesThatAreNotUTF8AreOneFinding() {
        let bytes = Array("msgid \"a\"\nmsgstr \"".utf8) + [0xFF, 0xFE] + Array("\"\n".utf8)
        let read = POParser().parse(bytes: bytes, path: "t.po")
        #expect(read.diagnostics.map(\.message) == ["this translation file is not UTF-8 text"])
        #expect(read.diagnostics.first?.range.start.line == 2)
    }

    @Test func hostileInputStaysWithinItsBounds() {
        var limits = POParser.Limits()
        limits.maxEntries = 100
        limits.maxStringBytes = 1000
        limits.maxDiagnostics = 10
        let parser = POParser(limits: limits)
        // Too many entries, too long a string, too many problems, a huge plural index, a NUL.
        let many = (0..<500).map { "msgctxt \"c\($0)\"\nmsgid \"a\"\nmsgstr \"b\"\n" }.joined(separator: "\n")
        #expect(parser.parse(many, path: "t.po").file.entries.count == 100)
        let long = "msgid \"a\"\nmsgstr \"" + String(repeating: "x", count: 5000) + "\"\n"
        let longRead = parser.parse(long, path: "t.po")
        #expect(longRead.file.entries.first?.translation.utf8.count ?? 0 <= 1004)
        #expect(longRead.diagnostics.contains { $0.message.contains("longer than 1000 bytes") })
        let noisy = String(repeating: "garbage\n", count: 1000)
        let noisyRead = parser.parse(noisy, path: "t.po")
        #expect(noisyRead.diagnostics.count == 11)
        #expect(noisyRead.diagnostics.last?.message == "990 more problems in this translation file are not shown")
        let plural = "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[99999999999999999999] \"c\"\n"
        #expect(!parser.parse(plural, path: "t.po").diagnostics.isEmpty)
        let nul = "msgid \"a\u{0}\"\nmsgstr \"\\000\\x41\"\n"
        #expect(parser.parse(nul, path: "t.po").file.entries.first?.translation == "\u{0}A")
        let tooBig = [UInt8](repeating: 0x41, count: 100)
        var small = POParser.Limits()
        small.maxBytes = 10
        #expect(POParser(limits: small).parse(bytes: tooBig, path: "t.po").diagnostics.first?.message.contains("more than the 10") == true)
    }

    /// Two thousand random corruptions of a valid file: findings, never a crash, and every
    /// finding inside the file.
    @Test func randomCorruptionsNeverCrash() {
        let valid = Array(POWriter().write(Self.sample).utf8)
        var generator = SplitMix(seed: 20)
        let pieces: [[UInt8]] = ["\"", "\\", "\n", "#~ ", "#| ", "msgstr[", "msgid ", "\r", "\u{2028}", "\\x", "\\7777"].map {
            Array($0.utf8)
        }
        for _ in 0..<2000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(contentsOf: pieces[Int.random(in: 0..<pieces.count, using: &generator)], at: at)
                default: bytes[at] = UInt8.random(in: 0...255, using: &generator)
                }
            }
            let read = POParser().parse(bytes: bytes, path: "t.po")
            #expect(read.diagnostics.count <= 51)
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count + bytes.filter { $0 == 0x0D }.count
            for finding in read.diagnostics { #expect(finding.range.start.line <= lines) }
            // What could be read is written again, and reads back the same.
            let rewritten = POWriter().write(read.file)
            #expect(
                POParser().parse(rewritten, path: "t.po").file.entries.map(POFileTests.values) == read.file.entries.map(POFileTests.values))
        }
    }
}

/// A seeded generator, so that a failure can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `translate extract`: new files, updates that keep translations, fuzzy on changed source,
/// obsolete entries kept; paths as docs/languages.md defines them.
@Suite struct ExtractTests {
    static let programme = """
        regimen: 1
        id: walking-plan
        title: Walking for back pain
        summary: >-
          A gentle start for
          people with back pain.
        red-flags:
          - Numbness around your genitals or bottom. Call 999.
        restrictions:
          - movement: lumbar-flexion
            level: precaution
            why: Bending forwards can irritate the nerve.
        exercises:
          walking:
            name: Walking
            steps: [Walk at a comfortable pace, Walk a little further each week]
            precautions:
              - when: osteoporosis
                level: precaution
                why: A fall could break a bone.
                advice: Walk on level ground.
        phases:
          - id: settle
            title: Settle the pain
            weeks: 1-4
            items:
              - use: walking
                dose: { duration: 10 min }
                notes: Rest if your leg pain builds up.
            advance-when: [You can walk for 15 minutes]
        """

    static func extract(_ files: [String: String], language: String?) -> TranslationExtraction.Result {
        var all = ["/repo/.git/HEAD": "ref: refs/heads/main\n"]
        for (path, text) in files { all["/repo/" + path] = text }
        let fs = MemoryFileSystem(files: all, currentDirectory: "/repo")
        return TranslationExtraction(loader: Loader(fileSystem: fs, root: "/repo")).run(files: ["walking.yaml"], language: language)
    }

    @Test func pathsAreTheScheme() throws {
        let result = Self.extract(["walking.yaml": Self.programme], language: nil)
        let output = try #require(result.outputs.first)
        #expect(output.path == "walking.pot")
        let file = POParser().parse(output.text, path: "walking.pot").file
        #expect(
            file.messages.map { $0.context ?? "" } == [
                "title", "summary", "red-flags[0]", "restrictions[0].why", "exercises.walking.name", "exercises.walking.steps[0]",
                "exercises.walking.steps[1]", "exercises.walking.precautions[0].why", "exercises.walking.precautions[0].advice",
                "phases[settle].title", "phases[settle].items[0].notes", "phases[settle].advance-when[0]",
            ])
        // Folded as the loader reads it.
        #expect(file.byContext["summary"]?.id == "A gentle start for people with back pain.")
        #expect(file.byContext["red-flags[0]"]?.extractedComments.first?.contains("red flag") == true)
        #expect(file.byContext["title"]?.references == ["walking.yaml:3"])
        #expect(file.headerField("X-Generator") == "Regimen")
    }

    @Test func updatingKeepsTranslationsMarksChangedTextFuzzyAndKeepsWhatIsGone() throws {
        let first = try #require(Self.extract(["walking.yaml": Self.programme], language: "es").outputs.first)
        #expect(first.path == "walking.es.po" && first.isNew)
        // A translator fills in three entries.
        var file = POParser().parse(first.text, path: "walking.es.po").file
        for index in file.entries.indices {
            switch file.entries[index].context {
            case "title": file.entries[index].translation = "Caminar para el dolor de espalda"
            case "exercises.walking.steps[0]": file.entries[index].translation = "Camine a un ritmo cómodo"
            case "phases[settle].advance-when[0]": file.entries[index].translation = "Puede caminar 15 minutos"
            default: break
            }
        }
        file.entries[1].translatorComments = ["Revisado."]
        let translated = POWriter().write(file)
        // The clinician edits a step and removes the criterion.
        let edited = Self.programme.replacingOccurrences(of: "Walk at a comfortable pace", with: "Walk at an easy pace")
            .replacingOccurrences(of: "    advance-when: [You can walk for 15 minutes]\n", with: "").replacingOccurrences(
                of: "    advance-when: [You can walk for 15 minutes]", with: "")
        let second = try #require(Self.extract(["walking.yaml": edited, "walking.es.po": translated], language: "es").outputs.first)
        #expect(!second.isNew && second.translated == 1 && second.fuzzy == 1 && second.obsolete == 1)
        let updated = POParser().parse(second.text, path: "walking.es.po").file
        #expect(updated.byContext["title"]?.translation == "Caminar para el dolor de espalda")
        #expect(updated.byContext["title"]?.translatorComments == ["Revisado."])
        let step = try #require(updated.byContext["exercises.walking.steps[0]"])
        #expect(step.isFuzzy && step.id == "Walk at an easy pace" && step.previousID == "Walk at a comfortable pace")
        #expect(step.translation == "Camine a un ritmo cómodo")
        let gone = try #require(updated.entries.last)
        #expect(gone.isObsolete && gone.context == "phases[settle].advance-when[0]" && gone.translation == "Puede caminar 15 minutos")
        #expect(second.text.contains("#~ msgctxt \"phases[settle].advance-when[0]\""))
        // Once more with nothing changed: the same bytes.
        let third = try #require(Self.extract(["walking.yaml": edited, "walking.es.po": second.text], language: "es").outputs.first)
        #expect(third.text == second.text)
    }

    @Test func aPOFileThatCannotBeReadIsNotRewritten() {
        let result = Self.extract(["walking.yaml": Self.programme, "walking.es.po": "msgid \"a\nmsgstr \"b\"\n"], language: "es")
        #expect(result.outputs.isEmpty)
        #expect(result.diagnostics.first?.code == "RG701")
    }

    /// gettext's own tools and polib read what Regimen writes.
    @Test func msgfmtMsgmergeAndPolibReadOurFiles() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/msgfmt") else {
            print("skipped: msgfmt is not installed (Debian package gettext)")
            return
        }
        let result = Self.extract(["walking.yaml": Self.programme], language: "es")
        let template = Self.extract(["walking.yaml": Self.programme], language: nil)
        let root = try CLITests.repository([
            "walking.es.po": try #require(result.outputs.first).text, "walking.pot": try #require(template.outputs.first).text,
            "sample.po": POWriter().write(POFileTests.sample),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["walking.es.po", "walking.pot", "sample.po"] {
            let check = try Self.tool("/usr/bin/msgfmt", ["--check-format", "-c", "-o", "/dev/null", name], in: root)
            #expect(check.status == 0, "\(name): \(check.out)")
        }
        let merged = try Self.tool("/usr/bin/msgmerge", ["-q", "-o", "merged.po", "walking.es.po", "walking.pot"], in: root)
        #expect(merged.status == 0, "\(merged.out)")
        let remerged = try String(contentsOf: root.appendingPathComponent("merged.po"), encoding: .utf8)
        #expect(remerged == (try #require(result.outputs.first).text), "msgmerge rewrites our file differently")
        let polib = try Python.run(
            """
            import sys
            try:
                import polib
            except ImportError:
                print("skipped"); sys.exit(0)
            p = polib.pofile(sys.stdin.read())
            print(len(p), len(p.obsolete_entries()), p.metadata.get("Language"), [e.msgctxt for e in p][:2])
            """, input: POWriter().write(POFileTests.sample))
        #expect(polib.status == 0)
        #expect(polib.out.hasPrefix("skipped") || polib.out.hasPrefix("6 1 es ['title', 'summary']"), "\(polib.out)")
    }

    static func tool(_ path: String, _ arguments: [String], in directory: URL) throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// What `validate` reports about translation files, in every output.
@Suite struct TranslationCheckTests {
    static let po = """
        msgid ""
        msgstr "Language: es\\nContent-Type: text/plain; charset=UTF-8\\n"

        msgctxt "title"
        msgid "Walking for back pain"
        msgstr "Caminar para el dolor de espalda"

        msgctxt "exercises.walking.steps[0]"
        msgid "Walk at an easy pace"
        msgstr "Camine a un ritmo tranquilo"

        msgctxt "exercises.walking.steps[1]"
        msgid "Walk a little further each week"
        msgstr "Camine un poco más cada semana, 20 minutos"

        #, fuzzy
        msgctxt "phases[settle].title"
        msgid "Settle the pain"
        msgstr "Calmar"

        msgctxt "phases[gone].notes"
        msgid "Old"
        msgstr "Viejo"
        """

    static func report() -> ValidationPipeline.Report {
        Harness.validate(ExtractTests.programme, path: "walking.yaml", files: ["walking.es.po": po])
    }

    @Test func eachKindIsFoundWhereItIs() {
        let found = Harness.summary(Self.report())
        #expect(found.contains("RG703@16:13"), "stale, at the YAML step: \(found)")
        #expect(found.contains("RG706@14:1"), "placeholders, at the msgstr: \(found)")
        #expect(found.contains("RG704@16:1"), "fuzzy, at the flag: \(found)")
        #expect(found.contains("RG705@21:1"), "orphaned, at the msgctxt: \(found)")
        #expect(found.contains("RG702@4:10"), "missing, at the first missing text (the summary): \(found)")
        let missing = Self.report().diagnostics.first { $0.code == "RG702" }
        #expect(
            missing?.message.hasPrefix("8 of 12 texts have no es translation (4 of them safety text): `summary`, `red-flags[0]`") == true)
    }

    @Test func aStaleTranslationIsShownAtBothPlacesInTextJSONAndSARIF() throws {
        let report = Self.report()
        let stale = try #require(report.diagnostics.first { $0.code == "RG703" })
        #expect(stale.range.file == "walking.yaml" && stale.range.start == SourcePosition(line: 16, column: 13))
        #expect(stale.notes.first?.range?.file == "walking.es.po")
        #expect(stale.notes.first?.range?.start == SourcePosition(line: 9, column: 1))
        let text = TextRenderer(colour: false).render([stale], sources: report.sources)
        #expect(text.contains("--> walking.yaml:16:13"))
        #expect(text.contains("--> walking.es.po:9:1"))
        #expect(text.contains("9  | msgid \"Walk at an easy pace\"") || text.contains("9 | msgid \"Walk at an easy pace\""))
        let input = ReportInput(
            diagnostics: report.diagnostics, files: report.load.fileOrder, sources: report.sources, registry: .builtIn,
            repositoryRoot: "/repo", workingDirectory: "/repo", toolVersion: "0.1.0", failLevel: .error)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(Reports.render(.sarif, input).utf8)) as? [String: Any])
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        let staleResult = try #require(results.first { ($0["ruleId"] as? String) == "RG703" })
        let related = try #require(staleResult["relatedLocations"] as? [[String: Any]])
        let physical = try #require(related.first?["physicalLocation"] as? [String: Any])
        #expect(((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)?.hasSuffix("walking.es.po") == true)
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 9)
        let json = Reports.render(.json, input)
        #expect(json.contains("walking.es.po"))
    }

    @Test func placeholdersCompareNumbersLinksAndMarkup() {
        #expect(Placeholders.tokens(in: "Pain up to 3/10, call 999, see https://nhs.uk.") == ["3/10", "999", "https://nhs.uk"])
        #expect(Placeholders.tokens(in: "Hold 1.5 min") == Placeholders.tokens(in: "Mantenga 1,5 min"))
        #expect(Placeholders.tokens(in: "Hello {name}, %s and <b>this</b>") == ["{name}", "%s", "<b>", "</b>"])
        #expect(Placeholders.tokens(in: "2 sets of 2") == ["2", "2#2"])
        #expect(Placeholders.tokens(in: "50% slower") == ["50"])
    }

    @Test func theSampleProgrammesHaveNoTranslationFindings() {
        // No PO files beside them yet: nothing is reported, and nothing is slower to find.
        let report = Harness.validate(ExtractTests.programme, path: "walking.yaml")
        #expect(report.diagnostics.isEmpty, "\(Harness.summary(report))")
    }
}

/// Compiling and exporting in another language.
@Suite struct LanguageExportTests {
    static let translation = """
        msgid ""
        msgstr "Language: es\\nContent-Type: text/plain; charset=UTF-8\\n"

        msgctxt "title"
        msgid "Walking for back pain"
        msgstr "Caminar para el dolor de espalda"

        msgctxt "exercises.walking.name"
        msgid "Walking"
        msgstr "Caminar"

        msgctxt "restrictions[0].why"
        msgid "Bending forwards can irritate the nerve."
        msgstr "Inclinarse hacia delante puede irritar el nervio."

        msgctxt "exercises.walking.precautions[0].why"
        msgid "A fall could break a bone."
        msgstr "Una caída podría romper un hueso."

        msgctxt "exercises.walking.precautions[0].advice"
        msgid "Walk on level ground."
        msgstr "Camine por terreno llano."
        """

    static let mexican = """
        msgid ""
        msgstr "Language: es-MX\\nContent-Type: text/plain; charset=UTF-8\\n"

        msgctxt "exercises.walking.name"
        msgid "Walking"
        msgstr "Caminata"
        """

    static func compile(_ files: [String: String], language: String?, strict: Bool = false, patient: String? = nil)
        -> CompilePipeline.Result
    {
        var all = ["/repo/.git/HEAD": "ref: refs/heads/main\n", "/repo/walking.yaml": ExtractTests.programme]
        for (path, text) in files { all["/repo/" + path] = text }
        if let patient { all["/repo/patient.yaml"] = patient }
        let fs = MemoryFileSystem(files: all, currentDirectory: "/repo")
        return CompilePipeline(loader: Loader(fileSystem: fs, root: "/repo")).run(
            programme: "walking.yaml", patient: patient == nil ? nil : "patient.yaml",
            language: CompilePipeline.LanguageRequest(tag: language, strict: strict))
    }

    @Test func translatedTextsAppearAndTheRestAreReported() throws {
        let result = Self.compile(["walking.es.po": Self.translation], language: "es")
        let plan = try #require(result.plan, "\(result.diagnostics.map(\.message))")
        #expect(plan.programme.title == "Caminar para el dolor de espalda")
        #expect(plan.exercises["walking"]?.name == "Caminar")
        #expect(plan.restrictions.first?.why == "Inclinarse hacia delante puede irritar el nervio.")
        #expect(plan.redFlags == ["Numbness around your genitals or bottom. Call 999."])
        let language = try #require(plan.language)
        #expect(language.requested == "es" && language.used == "es" && language.source == "en-GB")
        #expect(language.untranslated.first == "summary")
        // The translation is an input of the plan.
        #expect(plan.inputs.files.map(\.role) == [.programme, .translation])
        #expect(plan.inputs.files.last?.path == "walking.es.po")
        #expect(language.untranslated.contains("red-flags[0]") && language.untranslated.contains("exercises.walking.steps[1]"))
        #expect(!language.untranslated.contains("title"))
        let warning = try #require(result.diagnostics.first { $0.code == "RG702" })
        #expect(warning.severity == .warning)
        #expect(warning.message.hasPrefix("7 texts are not translated into es; the handout shows them in en-GB: `summary`, `red-flags[0]`"))
        // Translation warnings are the plan's language, not screening's.
        #expect(!plan.screening.warnings.contains { $0.code == "RG702" })
    }

    @Test func theFallbackChainGoesFromRegionToLanguageToSource() throws {
        let result = Self.compile(["walking.es.po": Self.translation, "walking.es_MX.po": Self.mexican], language: "es-MX")
        let plan = try #require(result.plan)
        #expect(plan.exercises["walking"]?.name == "Caminata", "es-MX first")
        #expect(plan.programme.title == "Caminar para el dolor de espalda", "then es")
        #expect(plan.phases.first?.items.first?.notes == "Rest if your leg pain builds up.", "then the source")
        #expect(plan.language?.used == "es-MX" && plan.language?.requested == "es-MX")
        // Only es: used is es.
        #expect(Self.compile(["walking.es.po": Self.translation], language: "es-MX").plan?.language?.used == "es")
        // Nothing at all: the source, everything listed.
        let none = Self.compile([:], language: "fr")
        #expect(none.plan?.language?.used == "en-GB" && none.plan?.language?.untranslated.count == 12)
        // The source language itself, or another English: nothing is untranslated.
        let english = Self.compile([:], language: "en-US")
        #expect(english.plan?.language?.untranslated == [] && english.diagnostics.isEmpty)
        // No language asked for: no record, as before.
        #expect(Self.compile([:], language: nil).plan?.language == nil)
    }

    @Test func plansWithALanguageMatchTheSchema() throws {
        let plan = try #require(Self.compile(["walking.es.po": Self.translation], language: "es-MX").plan)
        try PlanSchema.expectValid(try plan.encoded())
        var wrong = plan
        wrong.language?.requested = "not a tag"
        #expect(try !PlanSchema.violations(try wrong.encoded()).isEmpty)
    }

    @Test func thePatientsLanguageIsUsedAndTheFlagWins() throws {
        let patient = "regimen-patient: 1\nlanguage: es\n"
        let byPatient = Self.compile(["walking.es.po": Self.translation], language: nil, patient: patient)
        #expect(byPatient.plan?.programme.title == "Caminar para el dolor de espalda")
        let byFlag = Self.compile(["walking.es.po": Self.translation], language: "en-GB", patient: patient)
        #expect(byFlag.plan?.programme.title == "Walking for back pain")
    }

    @Test func strictLanguageRefusesAnUntranslatedRedFlag() throws {
        let result = Self.compile(["walking.es.po": Self.translation], language: "es", strict: true)
        #expect(result.plan == nil)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["RG702"])
        #expect(errors.first?.range.start == SourcePosition(line: 8, column: 5))
        #expect(errors.first?.message == "this red flag text has no usable es translation; the patient may not understand it")
        // A fuzzy translation is not usable either; a filled-in one is.
        let fuzzy =
            Self.translation
            + "\n\n#, fuzzy\nmsgctxt \"red-flags[0]\"\nmsgid \"Numbness around your genitals or bottom. Call 999.\"\nmsgstr \"Entumecimiento. Llame al 999.\"\n"
        #expect(Self.compile(["walking.es.po": fuzzy], language: "es", strict: true).plan == nil)
        let done = fuzzy.replacingOccurrences(of: "#, fuzzy\n", with: "")
        let passed = Self.compile(["walking.es.po": done], language: "es", strict: true)
        #expect(passed.plan?.redFlags == ["Entumecimiento. Llame al 999."], "\(passed.diagnostics.map(\.message))")
    }

    /// The binary: a Spanish handout, the warning on standard error, and strict mode's exit 1
    /// that leaves an earlier handout as it was.
    @Test func theBinaryExportsInSpanishAndStrictModeLeavesEarlierOutputsAlone() throws {
        let root = try CLITests.repository(["walking.yaml": ExtractTests.programme, "walking.es.po": Self.translation])
        defer { try? FileManager.default.removeItem(at: root) }
        let handout = try BinaryTests.run(["export", "walking.yaml", "--format", "text", "--language", "es-MX"], in: root)
        #expect(handout.status == 0, "\(handout.err)")
        #expect(handout.out.contains("Caminar para el dolor de espalda"))
        #expect(handout.out.contains("Numbness around your genitals or bottom. Call 999."))
        #expect(handout.err.contains("warning[RG702]: 7 texts are not translated into es-MX"))
        let plan = try BinaryTests.run(["compile", "walking.yaml", "--language", "es", "-o", "plan.json"], in: root)
        #expect(plan.status == 0)
        let before = try Data(contentsOf: root.appendingPathComponent("plan.json"))
        let strict = try BinaryTests.run(["compile", "walking.yaml", "--language", "es", "--strict-language", "-o", "plan.json"], in: root)
        #expect(strict.status == 1)
        #expect(strict.err.contains("error[RG702]: this red flag text has no usable es translation"))
        #expect(try Data(contentsOf: root.appendingPathComponent("plan.json")) == before)
        let html = try BinaryTests.run(
            ["export", "walking.yaml", "--format", "html", "--language", "es", "--strict-language", "-o", "plan.json"], in: root)
        #expect(html.status == 1)
        #expect(try Data(contentsOf: root.appendingPathComponent("plan.json")) == before)
        let wrong = try BinaryTests.run(["compile", "walking.yaml", "--language", "not a tag"], in: root)
        #expect(wrong.status == 2)
    }

    /// docs/languages.md's sessions print what the binary prints.
    @Test func theLanguagesPageShowsRealOutput() throws {
        #expect(try DocsTests.checkSessions(in: "docs/languages.md") == 3)
    }

    /// A translation file that is a link is not read: it could lead out of the repository, and
    /// findings would show its target's lines.
    @Test func aLinkedTranslationFileIsNotRead() throws {
        let root = try CLITests.repository(["walking.yaml": ExtractTests.programme, "secret.txt": "msgid \"root:x:0:0\"\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("walking.es.po"), withDestinationURL: root.appendingPathComponent("secret.txt"))
        let validate = try BinaryTests.run(["validate", "walking.yaml"], in: root)
        #expect(validate.status == 0 && !validate.out.contains("root:x"), "\(validate.out)")
        let export = try BinaryTests.run(["export", "walking.yaml", "--format", "text", "--language", "es"], in: root)
        #expect(export.status == 0 && !export.err.contains("root:x") && !export.out.contains("root:x"))
    }

    @Test func theBinaryExtractsAndValidatesDirectories() throws {
        let root = try CLITests.repository(["p/walking.yaml": ExtractTests.programme, "p/walking.es.po": Self.translation])
        defer { try? FileManager.default.removeItem(at: root) }
        let extract = try BinaryTests.run(["translate", "extract", "-l", "es", "p"], in: root)
        #expect(extract.status == 0, "\(extract.err)")
        #expect(extract.out == "updated p/walking.es.po: 12 texts, 5 translated\n")
        let template = try BinaryTests.run(["translate", "extract", "p/walking.yaml"], in: root)
        #expect(template.out == "wrote p/walking.pot: 12 texts\n")
        let validate = try BinaryTests.run(["validate", "p", "--format", "sarif"], in: root)
        #expect(validate.status == 0)
        #expect(validate.out.contains("\"ruleId\" : \"RG702\"") || validate.out.contains("\"ruleId\":\"RG702\""))
    }
}

/// The language server shows a stale translation in the programme's buffer, with the PO
/// entry as related information, as it shows any other finding.
@Suite struct TranslationLanguageServerTests {
    @Test func aStaleTranslationIsPublishedWithItsPOEntry() throws {
        let root = try LSPSession.repository(["walking.yaml": ExtractTests.programme, "walking.es.po": TranslationCheckTests.po])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (messages, _) = LSPSession.run(
            LSPSession.initialize(root: root) + LSPSession.open(root + "/walking.yaml", ExtractTests.programme)
                + LSPSession.request(2, "shutdown") + LSPSession.notification("exit"))
        let published = LSPSession.diagnostics(messages).filter { $0["params"]?["uri"] == .string("file://\(root)/walking.yaml") }
        let found = published.last?["params"]?["diagnostics"]?.arrayValue ?? []
        let stale = try #require(found.first { $0["code"] == .string("RG703") }, "\(found)")
        #expect(stale["range"]?["start"]?["line"] == .integer(15))
        let related = stale["relatedInformation"]?.arrayValue?.first
        #expect(related?["location"]?["uri"] == .string("file://\(root)/walking.es.po"))
        #expect(related?["location"]?["range"]?["start"]?["line"] == .integer(8))
    }
}
