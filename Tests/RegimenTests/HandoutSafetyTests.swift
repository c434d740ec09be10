import Foundation
import RegimenCompile
import RegimenExport
import RegimenFormat
import RegimenLoad
import RegimenVocabulary
import Testing

/// Both handouts say the same about safety: every sample programme, compiled without a patient
/// and for risky patients, is rendered as text and as HTML, and the red flags, restrictions and
/// precautions read out of each must be the same sentences. The sentences themselves come from
/// one place, `SafetyWording`, tested here word for word.
@Suite struct HandoutSafetyTests {
    // MARK: Profiles

    /// Patients whose conditions (written as ids and as synonyms, some more specific than what
    /// the exercises name) bring precautions, or versions to leave out. A profile that makes a
    /// programme's own items contraindicated does not compile for it, and is skipped there;
    /// every programme must compile for at least one, and find something to screen.
    static let profiles: [(name: String, yaml: String)] = [
        ("left-sciatica", "@docs/examples/patients/left-sciatica.yaml"),
        ("hip-replacement", "@docs/examples/patients/hip-replacement.yaml"),
        (
            "older-adult",
            """
            regimen-patient: 1
            conditions: [PMO, history of falls, orthostatic hypotension, peripheral-neuropathy]
            affected-side: right
            start: 2027-01-04
            """
        ),
        (
            "pregnant",
            """
            regimen-patient: 1
            conditions: [pregnant, PGP, tummy gap]
            affected-side: both
            """
        ),
        (
            "knee",
            """
            regimen-patient: 1
            conditions: [total-knee-replacement, knee-osteoarthritis, balance-impairment]
            affected-side: left
            start: 2026-12-07
            """
        ),
        (
            "shoulder",
            """
            regimen-patient: 1
            conditions: [rotator-cuff-repair, shoulder-dislocation, rheumatoid-arthritis]
            affected-side: right
            start: 2027-02-01
            """
        ),
        (
            "neck",
            """
            regimen-patient: 1
            conditions: [cervical radiculopathy, PMO, poor balance]
            affected-side: left
            """
        ),
    ]

    /// A profile's path: a repository file, or the text written to a temporary file.
    static func profilePath(_ profile: (name: String, yaml: String), in directory: URL) throws -> String {
        if profile.yaml.hasPrefix("@") { return Harness.repositoryRoot.appendingPathComponent(String(profile.yaml.dropFirst())).path }
        let url = directory.appendingPathComponent("\(profile.name).yaml")
        try Data((profile.yaml + "\n").utf8).write(to: url)
        return url.path
    }

    /// The plan of `programme` (relative to the repository), screened against `patient` if
    /// given; nil, with the errors, when it does not compile.
    static func compile(_ programme: String, patient: String? = nil) -> (plan: Plan?, errors: [String]) {
        let root = Harness.repositoryRoot.path
        let pipeline = CompilePipeline(loader: Loader(root: root), compiler: Compiler(options: CompileOptions(outputDirectory: root)))
        let result = pipeline.run(programme: Harness.repositoryRoot.appendingPathComponent(programme).path, patient: patient)
        let errors = result.inputErrors + result.diagnostics.filter { $0.severity == .error }.map { "\($0.code): \($0.message)" }
        return (result.plan, errors)
    }

    /// Images are read as a few bytes: these tests are about words.
    static let options = ExportOptions(planDirectory: Harness.repositoryRoot.path, readFile: { _ in Data([0xFF, 0xD8, 0xFF, 0xE0]) })

    // MARK: Reading the handouts

    /// What a handout says about safety, in the order it says it, with white space made single.
    struct Said: Equatable, CustomStringConvertible {
        var redFlags: [String] = []
        var restrictions: [String] = []
        var precautions: [String] = []

        var description: String {
            "red flags: \(redFlags)\nrestrictions: \(restrictions)\nprecautions: \(precautions)"
        }
    }

    static func normalised(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The bullet items that start at `lines[start]` (`- ` after `indent` spaces, continued by
    /// lines indented two more), up to the first line that is neither.
    static func bullets(_ lines: [Substring], from start: Int, indent: Int) -> [String] {
        let marker = String(repeating: " ", count: indent) + "- "
        let continuation = String(repeating: " ", count: indent + 2)
        var items: [String] = []
        var index = start
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix(marker) {
                items.append(String(line.dropFirst(marker.count)))
            } else if line.hasPrefix(continuation), !items.isEmpty, !line.trimmingCharacters(in: .whitespaces).hasPrefix("- ") {
                items[items.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            } else {
                break
            }
            index += 1
        }
        return items.map(normalised)
    }

    /// The red flags, restrictions and card precautions of a text handout.
    static func said(text: String) -> Said {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var said = Said()
        for (index, line) in lines.enumerated() {
            if line == "Stop the exercises and get help if you notice any of these:" {
                said.redFlags += bullets(lines, from: index + 2, indent: 0)
            } else if line == "MOVEMENTS TO TAKE CARE WITH" {
                said.restrictions += bullets(lines, from: index + 3, indent: 0)
            } else if line == "Safety:" {
                said.precautions += bullets(lines, from: index + 1, indent: 2)
            }
        }
        return said
    }

    /// `html` with its tags taken out and the handout's escapes undone.
    static func plain(_ html: Substring) -> String {
        var text = String(html).replacing(/<[^>]*>/, with: " ")
        for (escape, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#96;", "`"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: escape, with: character)
        }
        return normalised(text)
    }

    /// The red flags, restrictions and card precautions of an HTML handout built from the
    /// built-in template.
    static func said(html: String) -> Said {
        var said = Said()
        if let box = html.firstMatch(of: /(?s)<aside class="red-flags".*?<\/aside>/) {
            said.redFlags = box.0.matches(of: /(?s)<li>(.*?)<\/li>/).map { plain($0.1) }
        }
        if let notice = html.firstMatch(of: /(?s)<h3>Take care in daily life<\/h3>.*?<\/ul>/) {
            said.restrictions = notice.0.matches(of: /(?s)<li>(.*?)<\/li>/).map { plain($0.1) }
        }
        for box in html.matches(of: /(?s)<div class="take-care">(.*?)<\/div>/) {
            said.precautions += box.1.matches(of: /(?s)<p>(.*?)<\/p>/).map { plain($0.1) }
        }
        return said
    }

    // MARK: Both handouts say the same

    /// Renders `plan` both ways and expects the same red flags, restrictions (with their level's
    /// words) and precautions, and the plan's own safety points among them.
    static func expectTheSame(_ plan: Plan, _ label: String) throws {
        let text = TextExporter.handout(plan)
        let html = String(decoding: try HTMLExporter().export(plan, options: options), as: UTF8.self)
        let fromText = said(text: text)
        let fromHTML = said(html: html)

        #expect(fromText.redFlags == fromHTML.redFlags, "\(label): red flags differ")
        #expect(fromText.redFlags.count == plan.redFlags.count, "\(label): every red flag is in the text handout")
        #expect(fromText.restrictions == fromHTML.restrictions, "\(label): restrictions differ")
        #expect(fromText.restrictions.count == plan.restrictions.count, "\(label): every restriction is in the text handout")
        #expect(Set(fromText.precautions) == Set(fromHTML.precautions), "\(label): precautions differ\n\(fromText)\n---\n\(fromHTML)")

        // The level decides the words, in both: checked against the plan, not the wording code.
        for (restriction, said) in zip(plan.restrictions, fromText.restrictions) {
            let opening = restriction.level == .precaution ? "Take care with " : "Avoid "
            #expect(said.hasPrefix(opening), "\(label): a \(restriction.level) restriction reads: \(said)")
        }
        for sentence in fromText.precautions {
            #expect(
                sentence.hasPrefix("Do not do this exercise") || sentence.hasPrefix("Take care with this exercise"),
                "\(label): \(sentence)")
        }
        /// Whether a card says `why` in the words of `level`.
        func says(_ why: String, at level: PrecautionLevel) -> Bool {
            let opening = level == .precaution ? "Take care with this exercise" : "Do not do this exercise"
            let why = normalised(PlainLanguage.sentence(why))
            return fromText.precautions.contains { $0.hasPrefix(opening) && $0.contains(why) }
        }
        if !plan.screening.screened {
            // Without a patient, every card shows the exercise's own precautions.
            for item in plan.phases.flatMap(\.items) {
                for precaution in plan.exercises[item.exercise]?.precautions ?? [] {
                    #expect(
                        says(precaution.why, at: precaution.level),
                        "\(label): `\(item.exercise)` does not say, as a \(precaution.level): \(precaution.why)")
                }
            }
        } else {
            // With a patient, what screening found is shown, and only that.
            for precaution in plan.screening.precautions {
                #expect(
                    says(precaution.why, at: precaution.level),
                    "\(label): `\(precaution.exercise)` does not say, as a \(precaution.level): \(precaution.why)")
            }
            let applied = Set(plan.screening.precautions.map { normalised(PlainLanguage.sentence($0.why)) })
            for sentence in fromText.precautions {
                #expect(applied.contains { sentence.contains($0) }, "\(label): not found by screening: \(sentence)")
            }
        }

        // Conditions and movements are in the patient's words, never as ids.
        // (The footer names the programme by its id, which may also be a condition's.)
        let visible = plain(html.replacing(/(?s)<style>.*?<\/style>|<footer>.*?<\/footer>/, with: "")[...])
        let words = normalised(text)
        for term in (plan.vocabulary?.conditions ?? []) + (plan.vocabulary?.movements ?? []) where term.id.contains("-") {
            let inText = words.contains(term.id)
            let inHTML = visible.contains(term.id)
            #expect(!inText, "\(label): the text handout shows the id `\(term.id)`")
            #expect(!inHTML, "\(label): the HTML handout shows the id `\(term.id)`")
        }
    }

    @Test(arguments: CompileTests.samples)
    func bothHandoutsSayTheSameAboutSafety(_ programme: String) throws {
        let unscreened = Self.compile(programme)
        let plan = try #require(unscreened.plan, "\(programme) does not compile: \(unscreened.errors)")
        #expect(plan.vocabulary != nil)
        try Self.expectTheSame(plan, programme)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var compiled: [String] = []
        var found = 0
        for profile in Self.profiles {
            let screened = Self.compile(programme, patient: try Self.profilePath(profile, in: directory))
            guard let plan = screened.plan else {
                let others = screened.errors.filter { !$0.hasPrefix("RG301") }
                #expect(others.isEmpty, "\(programme) for \(profile.name): only a contraindication may stop it: \(others)")
                continue
            }
            compiled.append(profile.name)
            found += plan.screening.precautions.filter { $0.condition != nil }.count + (plan.screening.withheld?.count ?? 0)
            try Self.expectTheSame(plan, "\(programme) for \(profile.name)")
        }
        #expect(!compiled.isEmpty, "\(programme) compiles for none of the risky profiles")
        #expect(found > 0, "\(programme): no risky profile found anything to screen (\(compiled))")
    }

    /// Easier and harder versions are screened like the items: a card that only offers a
    /// version still shows the precautions it has for the patient. The handouts print what
    /// `plan.screening.precautions` holds and compare no conditions themselves, so the compiler
    /// must put them there.
    @Test func alternativesAreScreenedLikeTheItems() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let vocabulary = Vocabulary.builtIn
        var missing: [String] = []
        for programme in CompileTests.samples {
            for profile in Self.profiles {
                guard let plan = Self.compile(programme, patient: try Self.profilePath(profile, in: directory)).plan,
                    let patient = plan.patient
                else { continue }
                let prescribed = Set(plan.phases.flatMap(\.items).map(\.exercise))
                let applied = Set(
                    plan.screening.precautions.compactMap { precaution in precaution.condition.map { [$0, precaution.exercise] } })
                for (id, info) in plan.exercises where !prescribed.contains(id) && SafetyWording(plan).offers(id) {
                    for precaution in info.precautions where precaution.level == .precaution {
                        for condition in patient.conditions
                        where precaution.conditions.contains(where: { vocabulary.covers($0, condition, .condition) })
                            && !applied.contains([condition, id])
                        {
                            missing.append("\(programme) for \(profile.name): `\(id)` for `\(condition)`")
                        }
                    }
                }
            }
        }
        #expect(missing.isEmpty, "versions offered without their precautions:\n\(missing.sorted().joined(separator: "\n"))")
    }

    // MARK: The wording, word for word

    /// A small plan, as JSON, with the vocabulary a compiled plan carries.
    static func plan(
        patient: Bool, restrictions: String = "[]", precautions: String = "[]", withheld: String? = nil,
        vocabulary: Bool = true, secondPhase: Bool = false
    ) throws -> Plan {
        let two = #", {"id": "two", "weeks": {"first": 3, "last": 4}, "advanceWhen": [], "items": [{"exercise": "cobra", "dose": {"reps": 12}}]}"#
        let json = """
            {
              "plan": 1,
              "inputs": {"sha256": "0000000000000000", "files": []},
              "programme": {"id": "p", "title": "P", "conditions": ["non-specific-low-back-pain"], "references": []},
              \(patient ? #""patient": {"conditions": ["spinal-stenosis", "total-hip-replacement"], "start": "2026-12-07"},"# : "")
              "redFlags": ["Numbness around your bottom", "Fever."],
              "exclusions": [],
              "restrictions": \(restrictions),
              "exercises": {
                "cobra": {"name": "Cobra", "regions": [], "movements": ["lumbar-extension"], "equipment": [], "steps": [], "cues": [],
                  "mistakes": [], "images": [], "regressTo": "prone-lying", "progressTo": "swan",
                  "precautions": [
                    {"conditions": ["spinal-stenosis", "spondylolisthesis"], "level": "precaution", "why": "It narrows the spaces", "advice": "Stay on your elbows."},
                    {"conditions": ["total-hip-replacement"], "level": "contraindicated", "why": "It could dislocate a new hip."},
                    {"conditions": [], "level": "precaution", "why": "Go gently"}]},
                "prone-lying": {"name": "Lying on your front", "regions": [], "movements": [], "equipment": [], "steps": [], "cues": [],
                  "mistakes": [], "images": [], "precautions": []},
                "swan": {"name": "Swan dive", "regions": [], "movements": [], "equipment": [], "steps": [], "cues": [],
                  "mistakes": [], "images": [], "precautions": []}
              },
              "phases": [{"id": "one", "weeks": {"first": 1, "last": 2}, "advanceWhen": [], "items": [
                {"exercise": "cobra", "dose": {"reps": 10}, "regressTo": "prone-lying", "progressTo": "swan"}]}\(secondPhase ? two : "")],
              "schedule": [
                {"week": 1, "phase": "one", \(patient ? #""dates": {"first": "2026-12-07", "last": "2026-12-13"},"# : "") "items": []},
                {"week": 2, "phase": "one", \(patient ? #""dates": {"first": "2026-12-14", "last": "2026-12-20"},"# : "") "items": []}],
              "screening": {"screened": \(patient), "precautions": \(precautions), "warnings": []\(withheld.map { #", "withheld": \#($0)"# } ?? "")}
              \(vocabulary ? #", "vocabulary": \#(Self.vocabulary)"# : "")
            }
            """
        return try JSONDecoder().decode(Plan.self, from: Data(json.utf8))
    }

    /// Weeks `first` to `last` (the plan's types have no public initialisers).
    static func weeks(_ first: Int, _ last: Int) throws -> Plan.WeekSpan {
        try JSONDecoder().decode(Plan.WeekSpan.self, from: Data(#"{"first": \#(first), "last": \#(last)}"#.utf8))
    }

    static let vocabulary = """
        {"conditions": [
          {"id": "spinal-stenosis", "label": "Spinal stenosis", "patientLabel": "narrowing around the nerves in your back"},
          {"id": "spondylolisthesis", "label": "Spondylolisthesis", "patientLabel": "a slipped bone in your back"},
          {"id": "total-hip-replacement", "label": "Total hip replacement", "patientLabel": "hip replacement"}],
         "movements": [
          {"id": "lumbar-flexion", "label": "Lumbar flexion", "patientLabel": "bending your lower back forwards"},
          {"id": "impact", "label": "Impact", "patientLabel": "jumping, hopping or running"}]}
        """

    @Test(arguments: [
        (SafetyLevel.contraindicated, SafetySubject.movement("kneeling"), "Avoid kneeling"),
        (.precaution, .movement("kneeling"), "Take care with kneeling"),
        (.contraindicated, .exercise, "Do not do this exercise"),
        (.precaution, .exercise, "Take care with this exercise"),
    ])
    func theLevelDecidesTheWords(_ level: SafetyLevel, _ subject: SafetySubject, _ expected: String) {
        #expect(level.opening(subject) == expected)
    }

    @Test func eachLevelHasItsWording() {
        #expect(SafetyLevel(.precaution) == .precaution)
        #expect(SafetyLevel(.contraindicated) == .contraindicated)
    }

    /// A hand-edited plan with a level the wording does not know is refused when it is read,
    /// rather than worded by a guess.
    @Test(arguments: ["contraindication", "", "Precaution"])
    func anUnknownLevelIsRefused(_ level: String) throws {
        let json = #"{"movement": "impact", "level": "\#(level)", "why": "Not yet."}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Plan.RestrictionInfo.self, from: Data(json.utf8)) }
    }

    @Test(arguments: [
        (
            false,
            #"{"movement": "lumbar-flexion", "level": "precaution", "weeks": {"first": 1, "last": 2}, "why": "Lifting can irritate the nerve"}"#,
            "Take care with bending your lower back forwards in weeks 1 to 2. Lifting can irritate the nerve."
        ),
        (
            true,
            #"{"movement": "lumbar-flexion", "level": "precaution", "weeks": {"first": 1, "last": 2}, "why": "Lifting can irritate the nerve"}"#,
            "Take care with bending your lower back forwards in weeks 1 to 2 (7 to 20 December 2026). Lifting can irritate the nerve."
        ),
        (
            false, #"{"movement": "impact", "level": "contraindicated", "why": "The ligament is still healing."}"#,
            "Avoid jumping, hopping or running. The ligament is still healing."
        ),
        (
            true, #"{"movement": "impact", "level": "contraindicated", "weeks": {"first": 2, "last": 9}, "why": "Not yet."}"#,
            "Avoid jumping, hopping or running in weeks 2 to 9. Not yet."
        ),
    ])
    func restrictions(_ patient: Bool, _ json: String, _ expected: String) throws {
        let wording = SafetyWording(try Self.plan(patient: patient))
        #expect(wording.restriction(try JSONDecoder().decode(Plan.RestrictionInfo.self, from: Data(json.utf8))).text == expected)
    }

    @Test func withoutAPatientACardShowsTheExercisesOwnPrecautions() throws {
        let wording = SafetyWording(try Self.plan(patient: false))
        #expect(
            wording.precautions(for: "cobra", weeks: nil).map(\.text) == [
                "Take care with this exercise if any of these apply to you: narrowing around the nerves in your back; a slipped bone in your back. It narrows the spaces. Stay on your elbows.",
                "Do not do this exercise if this applies to you: hip replacement. It could dislocate a new hip.",
                "Take care with this exercise. Go gently.",
            ])
    }

    @Test func forAPatientACardShowsWhatScreeningFoundAndNothingElse() throws {
        let precautions = """
            [{"exercise": "cobra", "condition": "spinal-stenosis", "level": "precaution", "why": "It narrows the spaces.", "advice": "Stay on your elbows."},
             {"exercise": "cobra", "condition": "spondylolisthesis", "level": "precaution", "why": "It narrows the spaces.", "advice": "Stay on your elbows."},
             {"exercise": "cobra", "condition": "total-hip-replacement", "level": "precaution", "why": "Mind the hip."},
             {"exercise": "cobra", "movement": "lumbar-flexion", "weeks": {"first": 1, "last": 4}, "level": "precaution", "why": "Bending to lift can irritate the nerve."},
             {"exercise": "cobra", "movement": "impact", "level": "contraindicated", "why": "Not yet."},
             {"exercise": "cobra", "movement": "lumbar-flexion", "weeks": {"first": 3, "last": 4}, "level": "contraindicated", "why": "Later."}]
            """
        // Cobra is prescribed in weeks 3 to 4 too: what holds then is on that phase's card.
        let wording = SafetyWording(try Self.plan(patient: true, precautions: precautions, secondPhase: true))
        #expect(
            wording.precautions(for: "cobra", weeks: try Self.weeks(1, 2)).map(\.text) == [
                "Take care with this exercise, because these apply to you: narrowing around the nerves in your back; a slipped bone in your back. It narrows the spaces. Stay on your elbows.",
                "Take care with this exercise, because this applies to you: hip replacement. Mind the hip.",
                "Take care with this exercise in weeks 1 to 4, because it involves bending your lower back forwards. Bending to lift can irritate the nerve.",
                "Do not do this exercise, because it involves jumping, hopping or running. Not yet.",
            ])
        #expect(wording.precautions(for: "cobra", weeks: nil).count == 5, "a card outside the phases shows every week's")
        // When nothing prescribes it in those weeks (it is only offered then), the card says it,
        // with its weeks.
        let once = SafetyWording(try Self.plan(patient: true, precautions: precautions))
        #expect(
            once.precautions(for: "cobra", weeks: try Self.weeks(1, 2)).map(\.text).last
                == "Do not do this exercise in weeks 3 to 4, because it involves bending your lower back forwards. Later.")
        #expect(wording.precautions(for: "swan", weeks: nil).isEmpty, "the exercise's own precautions are not screening's")
    }

    @Test func aPlanWithoutAVocabularyShowsTheIds() throws {
        let wording = SafetyWording(try Self.plan(patient: false, vocabulary: false))
        #expect(wording.condition("total-hip-replacement") == "total-hip-replacement")
        #expect(wording.movement("lumbar-flexion") == "lumbar-flexion")
        let withVocabulary = SafetyWording(try Self.plan(patient: false))
        #expect(withVocabulary.condition("total-hip-replacement") == "hip replacement")
        #expect(withVocabulary.condition("not-in-the-plan") == "not-in-the-plan")
    }

    @Test func theRedFlagsAreSentences() throws {
        #expect(SafetyWording(try Self.plan(patient: false)).redFlags == ["Numbness around your bottom.", "Fever."])
    }

    /// The HTML handout once said "Take care with" for a contraindicated restriction while the
    /// text handout said to avoid it: its template compared the level with words the plan never
    /// uses. Now neither handout decides the words.
    @Test func aContraindicatedRestrictionIsToBeAvoidedInBothHandouts() throws {
        let restriction =
            #"[{"movement": "impact", "level": "contraindicated", "weeks": {"first": 1, "last": 2}, "why": "The ligament is healing."}]"#
        let plan = try Self.plan(patient: true, restrictions: restriction)
        let expected = "Avoid jumping, hopping or running in weeks 1 to 2 (7 to 20 December 2026). The ligament is healing."
        #expect(Self.said(text: TextExporter.handout(plan)).restrictions == [expected])
        let html = String(decoding: try HTMLExporter().export(plan, options: Self.options), as: UTF8.self)
        #expect(Self.said(html: html).restrictions == [expected])
        #expect(!html.contains("Take care with jumping"))
        let handout = Handout(plan)
        #expect(handout.dailyLife.first?.note.level == .contraindicated)
        #expect(handout.dailyLife.first?.movement == "jumping, hopping or running")
    }

    /// A version the compiler withheld is offered by neither handout, even from a hand-edited
    /// plan that still describes it.
    @Test func aWithheldVersionIsNeverOffered() throws {
        let withheld = #"[{"exercise": "swan", "condition": "total-hip-replacement", "why": "It could dislocate a new hip."}]"#
        let plan = try Self.plan(patient: true, withheld: withheld)
        let wording = SafetyWording(plan)
        #expect(!wording.offers("swan") && wording.offers("prone-lying") && !wording.offers("unknown") && !wording.offers(nil))
        let text = TextExporter.handout(plan)
        #expect(text.contains("Easier version: card 2, Lying on your front."), "\(text)")
        #expect(!text.contains("Swan dive"))
        let html = String(decoding: try HTMLExporter().export(plan, options: Self.options), as: UTF8.self)
        #expect(html.contains("Lying on your front"))
        #expect(!html.contains("Swan dive") && !html.contains("exercise-swan"))
        #expect(HandoutSafety(plan).withheld == ["swan"])
    }

    /// The value an exporter plugin can be given carries the same sentences.
    @Test func theSafetyValueCarriesTheSameSentences() throws {
        let restriction = #"[{"movement": "impact", "level": "contraindicated", "why": "Not yet."}]"#
        let plan = try Self.plan(patient: false, restrictions: restriction)
        let safety = HandoutSafety(plan)
        #expect(safety.redFlags == SafetyWording(plan).redFlags)
        #expect(safety.restrictions.map(\.text) == ["Avoid jumping, hopping or running. Not yet."])
        #expect(safety.exercises["cobra"]?.count == 3)
        #expect(safety.exercises["swan"] == nil)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(safety)) as? [String: Any]
        let first = (json?["restrictions"] as? [[String: Any]])?.first
        #expect(first?["level"] as? String == "contraindicated")
        #expect(first?["lead"] as? String == "Avoid jumping, hopping or running.")
        #expect(first?["text"] as? String == "Avoid jumping, hopping or running. Not yet.")
    }
}
