import RegimenDiagnostics
import RegimenFormat

/// What one file holds, once read.
public enum Document: Sendable {
    /// A programme (`regimen: 1`).
    case programme(Programme)
    /// A library file (`regimen-library: 1`).
    case library(Library)
    /// A patient profile (`regimen-patient: 1`).
    case patient(PatientProfile)
    /// Vocabulary entries (`regimen-vocabulary: 1`).
    case vocabulary(VocabularyFile)
}

/// Turns a parsed YAML tree into the typed model, reporting every problem it meets.
public struct DocumentDecoder {
    /// The bounds applied.
    public var limits: Limits

    /// A decoder with `limits`.
    public init(limits: Limits = .default) {
        self.limits = limits
    }

    /// Reads `root` as a programme or a library file, whichever its first key says it is.
    public func decode(_ root: YAMLNode, diagnostics: inout DiagnosticCollector) -> Document? {
        var reader = NodeReader(limits: limits)
        defer { diagnostics.report(contentsOf: reader.diagnostics) }
        guard case .mapping(let pairs) = root.content else {
            reader.report(
                LoadCode.wrongType, "expected a programme (a mapping of keys), found \(root.kindDescription)",
                at: NodeReader.head(of: root), help: "a programme starts with `regimen: 1`; a library file with `regimen-library: 1`")
            return nil
        }
        let keys = Set(pairs.compactMap { $0.key.scalar })
        let document: Document?
        if keys.contains("regimen") {
            document = reader.programme(root).map(Document.programme)
        } else if keys.contains("regimen-library") {
            document = reader.library(root).map(Document.library)
        } else if keys.contains("regimen-patient") {
            document = reader.patient(root).map(Document.patient)
        } else if keys.contains("regimen-vocabulary") {
            document = reader.vocabulary(root).map(Document.vocabulary)
        } else {
            reader.report(
                LoadCode.missingKey, "file is not a programme, a library file, a patient profile or a vocabulary file",
                at: NodeReader.head(of: root),
                help:
                    "start a programme with `regimen: 1`, a library file with `regimen-library: 1`, a patient profile with `regimen-patient: 1`, or a vocabulary file with `regimen-vocabulary: 1`"
            )
            return nil
        }
        // A file with more phases, items or exercises than the limits allow (RG004) is reported,
        // not checked further: like a file nested too deep, it is not used.
        return reader.limitReached ? nil : document
    }
}

extension NodeReader {
    /// Reads the format version under `key`; nil (and RG106) for a version this Regimen does not read.
    mutating func version(_ fields: Fields, key: String) -> Located<Int>? {
        guard let node = fields[key], let version = integer(node, what: "a format version") else { return nil }
        guard version.value == FormatSpec.version else {
            report(
                LoadCode.version, "format version \(version.value) is not supported", at: node.range,
                help: "this Regimen reads version \(FormatSpec.version); write `\(key): \(FormatSpec.version)`, or update Regimen")
            return nil
        }
        return version
    }

    mutating func programme(_ root: YAMLNode) -> Programme? {
        let mark = diagnostics.count
        guard let f = fields(root, FormatSpec.programme), let version = version(f, key: "regimen") else { return nil }
        let empty = Text("", at: NodeReader.head(of: root))
        var p = Programme(
            formatVersion: version,
            id: f["id"].flatMap { identifier($0, what: "programme id") } ?? empty,
            title: f["title"].flatMap { text($0, what: "a title") } ?? empty,
            range: root.range)
        p.summary = f["summary"].flatMap { text($0) }
        if let node = f["condition"] { p.conditions = oneOrList(node, what: "conditions") { $0.identifier($1, what: "condition") } }
        if let node = f["clinician"] { p.clinician = clinician(node) }
        if let node = f["library"] { p.library = oneOrList(node, what: "library paths") { $0.text($1, what: "a library path") } }
        if let node = f["references"] { p.references = list(node, what: "references") { $0.text($1, what: "a reference") } }
        if let node = f["delivery"] { p.delivery = delivery(node) }
        if let node = f["exclusions"] { p.exclusions = list(node, what: "exclusions") { $0.exclusion($1) } }
        if let node = f["red-flags"] {
            p.redFlags = list(node, what: "red flags") { $0.text($1, what: "a red flag") }
            p.redFlagsRange = node.range
        }
        if let node = f["restrictions"] { p.restrictions = list(node, what: "restrictions") { $0.restriction($1) } }
        if let node = f["exercises"] {
            p.exercises = identifierMap(node, what: "exercises", limit: exercisesLimit) { $0.exercise(id: $1, $2) }
        }
        if let node = f["phases"] { p.phases = list(node, what: "phases", limit: phasesLimit) { $0.phase($1) } }
        p.notes = f["notes"].flatMap { text($0) }
        p.language = f["language"].flatMap { languageTag($0) }
        p.unreadable = unreadableKeys(f, since: mark)
        return p
    }

    /// A BCP 47 language tag (`en-GB`, `es`, `fr-CA`); nil, and RG105, for anything else.
    mutating func languageTag(_ node: YAMLNode) -> Text? {
        guard let tag = text(node, what: "a language tag") else { return nil }
        guard tag.value.wholeMatch(of: /[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*/) != nil else {
            report(
                LoadCode.invalidValue, "`\(tag.value)` is not a language tag", at: node.range,
                help: "write a BCP 47 tag, such as `en-GB`, `en-US`, `cy` or `fr-CA`")
            return nil
        }
        return tag
    }

    mutating func library(_ root: YAMLNode) -> Library? {
        guard let f = fields(root, FormatSpec.library), let version = version(f, key: "regimen-library") else { return nil }
        var library = Library(
            formatVersion: version,
            title: f["title"].flatMap { text($0, what: "a title") },
            credits: f["credits"].map { list($0, what: "credits") { $0.text($1, what: "a credit") } } ?? [],
            exercises: f["exercises"].map { identifierMap($0, what: "exercises", limit: exercisesLimit) { $0.exercise(id: $1, $2) } } ?? [],
            range: root.range)
        library.language = f["language"].flatMap { languageTag($0) }
        return library
    }

    mutating func patient(_ root: YAMLNode) -> PatientProfile? {
        guard let f = fields(root, FormatSpec.patient), let version = version(f, key: "regimen-patient") else { return nil }
        var p = PatientProfile(formatVersion: version, range: root.range)
        // As the record words them: the vocabulary resolves them (RG305 when it cannot).
        if let node = f["conditions"] {
            p.conditions =
                if case .sequence = node.content {
                    list(node, what: "conditions", limit: conditionsLimit) { $0.text($1, what: "a condition") }
                } else {
                    oneOrList(node, what: "conditions") { $0.text($1, what: "a condition") }
                }
        }
        p.affectedSide = f["affected-side"].flatMap { choice($0, AffectedSide.self, what: "side") }
        p.start = f["start"].flatMap { quantity($0, .date, what: "a date", CalendarDate.init(parsing:)) }
        if let node = f["language"], let tag = text(node, what: "a language tag") {
            if tag.value.wholeMatch(of: /[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*/) != nil {
                p.language = tag
            } else {
                report(
                    LoadCode.invalidValue, "`\(tag.value)` is not a language tag", at: node.range,
                    help: "write a BCP 47 tag, such as `en-GB`, `en-US`, `cy` or `fr-CA`")
            }
        }
        p.notes = f["notes"].flatMap { text($0) }
        return p
    }

    mutating func vocabulary(_ root: YAMLNode) -> VocabularyFile? {
        guard let f = fields(root, FormatSpec.vocabulary), let version = version(f, key: "regimen-vocabulary") else { return nil }
        func section(_ kind: TermKind) -> [TermDefinition] {
            f[kind.sectionKey].map { identifierMap($0, what: kind.sectionKey) { $0.term(id: $1, $2, kind) } } ?? []
        }
        return VocabularyFile(formatVersion: version, conditions: section(.condition), movements: section(.movement), range: root.range)
    }

    mutating func term(id: Text, _ node: YAMLNode, _ kind: TermKind) -> TermDefinition? {
        guard let f = fields(node, FormatSpec.term) else { return nil }
        var t = TermDefinition(id: id, range: node.range)
        t.label = f["label"].flatMap { text($0, what: "a label") }
        t.patientLabel = f["patient-label"].flatMap { text($0, what: "a label") }
        t.synonyms = f["synonyms"].map { list($0, what: "synonyms") { $0.text($1, what: "a synonym") } } ?? []
        t.parents = f["parents"].map { list($0, what: "parents") { $0.identifier($1, what: "\(kind.rawValue) id") } } ?? []
        for key in ["icd-10-cm", "snomed-ct"] {
            guard let node = f[key], let code = text(node, what: "a code") else { continue }
            guard kind == .condition else {
                report(LoadCode.unknownKey, "`\(key)` is for conditions, not movements", at: code.range, help: "remove it")
                continue
            }
            let wellFormed = key == "icd-10-cm" ? Self.isICD10CMShaped(code.value) : Self.isSNOMEDShaped(code.value)
            guard wellFormed else {
                report(
                    LoadCode.invalidValue, "`\(code.value)` is not \(key == "icd-10-cm" ? "an ICD-10-CM code" : "a SNOMED CT concept id")",
                    at: code.range,
                    help: key == "icd-10-cm"
                        ? "write the code with its dot, such as `M54.16` or `Z96.649`" : "write the concept id's digits, such as `52734007`"
                )
                continue
            }
            if key == "icd-10-cm" { t.icd10cm = code } else { t.snomedCT = code }
        }
        return t
    }

    /// `M54.16`, `Z96.649`, `M81`: a letter, a digit, a digit or capital, then perhaps a dot and
    /// one to four digits or capitals. (A hand-written check: a regex literal is compiled each
    /// time it is met, and the built-in vocabulary has hundreds of codes to read at start-up.)
    static func isICD10CMShaped(_ code: String) -> Bool {
        let b = Array(code.utf8)
        func digit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func capital(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
        guard b.count == 3 || (5...8).contains(b.count), capital(b[0]), digit(b[1]), digit(b[2]) || capital(b[2]) else { return false }
        return b.count == 3 || (b[3] == 0x2E && b[4...].allSatisfy { digit($0) || capital($0) })
    }

    /// A SNOMED CT concept id: 6 to 18 digits, not starting with 0.
    static func isSNOMEDShaped(_ code: String) -> Bool {
        let b = Array(code.utf8)
        return (6...18).contains(b.count) && b[0] != 0x30 && b.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    mutating func clinician(_ node: YAMLNode) -> Clinician? {
        guard let f = fields(node, FormatSpec.clinician) else { return nil }
        return Clinician(
            name: f["name"].flatMap { text($0, what: "a name") },
            role: f["role"].flatMap { text($0, what: "a role") },
            contact: f["contact"].flatMap { text($0, what: "contact details") },
            range: node.range)
    }

    mutating func delivery(_ node: YAMLNode) -> Delivery? {
        guard let f = fields(node, FormatSpec.delivery) else { return nil }
        var d = Delivery(range: node.range)
        d.setting = f["setting"].flatMap { text($0) }
        d.supervision = f["supervision"].flatMap { text($0) }
        d.format = f["format"].flatMap { text($0) }
        d.tailoring = f["tailoring"].flatMap { text($0) }
        d.startingLevel = f["starting-level"].flatMap { text($0) }
        d.adherence = f["adherence"].flatMap { text($0) }
        d.motivation = f["motivation"].flatMap { text($0) }
        if let node = f["education"] { d.education = list(node, what: "advice") { $0.text($1) } }
        d.adverseEvents = f["adverse-events"].flatMap { text($0) }
        return d
    }

    mutating func exclusion(_ node: YAMLNode) -> Exclusion? {
        if case .scalar = node.content {
            return identifier(node, what: "condition").map { Exclusion(condition: $0, why: nil) }
        }
        guard let f = fields(node, FormatSpec.exclusion),
            let condition = f["condition"].flatMap({ identifier($0, what: "condition") })
        else { return nil }
        return Exclusion(condition: condition, why: f["why"].flatMap { text($0) })
    }

    mutating func restriction(_ node: YAMLNode) -> Restriction? {
        guard let f = fields(node, FormatSpec.restriction) else { return nil }
        let movement = f["movement"].flatMap { identifier($0, what: "movement tag") }
        let level = f["level"].flatMap { choice($0, PrecautionLevel.self, what: "precaution level") }
        let weeks = f["weeks"].flatMap { readWeeks($0) }
        let why = f["why"].flatMap { text($0) }
        guard let movement, let level, let why else { return nil }
        return Restriction(movement: movement, level: level, weeks: weeks, why: why, range: node.range)
    }

    mutating func readWeeks(_ node: YAMLNode) -> Located<WeekRange>? {
        let max = limits.maxWeeks
        // `0-2`: weeks are counted from 1, the programme's first week.
        if case .scalar(let raw, _) = node.content, let match = raw.trimmingWhitespace.wholeMatch(of: /0\s*(?:-|–|to)\s*([0-9]+)|0/) {
            let last = match.output.1.flatMap { Int($0) }
            report(
                LoadCode.quantity, "weeks are counted from 1, so `\(raw.trimmingWhitespace)` starts at a week that does not exist",
                at: node.range,
                help: "the programme's first week is week 1: write `\(last.map { "1-\(Swift.max($0, 1))" } ?? "1")`",
                fix: Fix("count from week 1", replacing: node.range, with: last.map { "1-\(Swift.max($0, 1))" } ?? "1"))
            return nil
        }
        return quantity(node, .weeks, what: "weeks") { QuantityParser.weeks($0, maxWeek: max) }
    }

    mutating func exercise(id: Text, _ node: YAMLNode) -> Exercise? {
        let mark = diagnostics.count
        guard let f = fields(node, FormatSpec.exercise) else { return nil }
        var e = Exercise(id: id, name: f["name"].flatMap { text($0, what: "a name") } ?? Text("", at: id.range), range: node.range)
        e.kind = f["kind"].flatMap { choice($0, ExerciseKind.self, what: "kind of exercise") }
        if let node = f["region"] {
            e.regions = oneOrList(node, what: "regions") { (reader: inout NodeReader, node: YAMLNode) -> Located<Region>? in
                reader.choice(node, Region.self, what: "body region")
            }
        }
        if let node = f["movements"] { e.movements = list(node, what: "movement tags") { $0.identifier($1, what: "movement tag") } }
        if let node = f["equipment"] { e.equipment = list(node, what: "equipment") { $0.text($1) } }
        e.level = f["level"].flatMap { choice($0, Level.self, what: "level") }
        e.purpose = f["purpose"].flatMap { text($0) }
        e.position = f["position"].flatMap { text($0, what: "a starting position") }
        if let node = f["steps"] {
            e.steps = list(node, what: "steps") { $0.text($1, what: "a step") }
            e.stepsRange = node.range
        }
        if let node = f["cues"] { e.cues = list(node, what: "cues") { $0.text($1, what: "a cue") } }
        if let node = f["mistakes"] { e.mistakes = list(node, what: "mistakes") { $0.text($1) } }
        if let node = f["images"] { e.images = list(node, what: "images") { $0.image($1) } }
        if let node = f["precautions"] { e.precautions = list(node, what: "precautions") { $0.precaution($1) } }
        e.progressTo = f["progress-to"].flatMap { identifier($0, what: "exercise id") }
        e.regressTo = f["regress-to"].flatMap { identifier($0, what: "exercise id") }
        e.unreadable = unreadableKeys(f, since: mark)
        return e
    }

    mutating func image(_ node: YAMLNode) -> ExerciseImage? {
        guard let f = fields(node, FormatSpec.image) else { return nil }
        let path = f["path"].flatMap { text($0, what: "an image path") }
        let alt = f["alt"].flatMap { text($0, what: "a description of the picture") }
        guard let path, let alt else { return nil }
        return ExerciseImage(path: path, alt: alt, credit: f["credit"].flatMap { text($0) })
    }

    mutating func precaution(_ node: YAMLNode) -> Precaution? {
        guard let f = fields(node, FormatSpec.precaution) else { return nil }
        let conditions = f["when"].map { oneOrList($0, what: "conditions") { $0.identifier($1, what: "condition") } } ?? []
        let level = f["level"].flatMap { choice($0, PrecautionLevel.self, what: "precaution level") }
        let why = f["why"].flatMap { text($0) }
        guard !conditions.isEmpty, let level, let why else { return nil }
        return Precaution(conditions: conditions, level: level, why: why, advice: f["advice"].flatMap { text($0) }, range: node.range)
    }

    mutating func phase(_ node: YAMLNode) -> Phase? {
        let mark = diagnostics.count
        guard let f = fields(node, FormatSpec.phase) else { return nil }
        let id = f["id"].flatMap { identifier($0, what: "phase id") } ?? Text("", at: NodeReader.head(of: node))
        var p = Phase(id: id, weeks: f["weeks"].flatMap { readWeeks($0) }, range: node.range)
        p.title = f["title"].flatMap { text($0, what: "a title") }
        p.goal = f["goal"].flatMap { text($0, what: "a goal") }
        p.sessions = f["sessions"].flatMap { quantity($0, .frequency, what: "a frequency", QuantityParser.frequency) }
        p.days = f["days"].flatMap { days($0) }
        if let node = f["items"] { p.items = list(node, what: "items", limit: itemsLimit) { $0.item($1) } }
        if let node = f["advance-when"] { p.advanceWhen = list(node, what: "criteria") { $0.text($1, what: "a criterion") } }
        p.notes = f["notes"].flatMap { text($0) }
        p.unreadable = unreadableKeys(f, since: mark)
        // Missing weeks were reported (RG103) as surely as unreadable ones.
        if p.weeks == nil { p.unreadable.insert("weeks") }
        return p
    }

    mutating func item(_ node: YAMLNode) -> Item? {
        let mark = diagnostics.count
        guard let f = fields(node, FormatSpec.item) else { return nil }
        // An item whose `use` is missing or misspelt is still read through, with an empty id
        // that no rule looks up: its dose and progression have problems of their own, and
        // every problem is reported in one run.
        let use = f["use"].flatMap { identifier($0, what: "exercise id") } ?? Text("", at: NodeReader.head(of: node))
        var i = Item(use: use, range: node.range)
        i.dose = f["dose"].flatMap { doseOrShorthand($0, FormatSpec.dose) }
        i.progress = f["progress"].flatMap { progression($0) }
        i.progressTo = f["progress-to"].flatMap { identifier($0, what: "exercise id") }
        i.regressTo = f["regress-to"].flatMap { identifier($0, what: "exercise id") }
        i.purpose = f["purpose"].flatMap { text($0) }
        if let node = f["cues"] { i.cues = list(node, what: "cues") { $0.text($1, what: "a cue") } }
        i.notes = f["notes"].flatMap { text($0) }
        i.unreadable = unreadableKeys(f, since: mark)
        return i
    }

    /// A dose as a mapping, or written in one string as sets by repetitions (`3x10`).
    mutating func doseOrShorthand(_ node: YAMLNode, _ spec: ObjectSpec) -> Dose? {
        guard case .scalar(let raw, _) = node.content, !node.isNull else { return dose(node, spec) }
        // `reps:10` under `dose:`: a key with no space after its colon is read as one string.
        if let key = raw.wholeMatch(of: /([a-z-]+):\S.*/)?.output.1, spec.hasKey(String(key)) { return dose(node, spec) }
        let written = "`\(raw.prefix(60))\(raw.count > 60 ? "…" : "")`"
        switch QuantityParser.setsByReps(raw) {
        case .read(let sets, let reps):
            var d = Dose(range: node.range)
            d.sets = Located(sets, at: node.range)
            d.reps = Located(reps, at: node.range)
            // Only the `x` form can be read reps first; "10 sets of 3" says which is which.
            let multiplied = raw.contains { $0 == "x" || $0 == "X" || $0 == "×" || $0 == "*" }
            if multiplied, sets.low > reps.high { checkOrder(sets: sets, reps: reps, at: node.range) }
            return d
        case .setsByTime(let sets, let time):
            let setsText = Self.amountText(sets)
            let timeText = raw.split(whereSeparator: { $0 == "x" || $0 == "X" || $0 == "×" || $0 == "*" }).last.map {
                String($0).trimmingWhitespace
            } ?? Self.seconds(time.low)
            report(
                LoadCode.quantity, "\(written) can mean holding for \(timeText) or keeping going for \(timeText), \(setsText) times",
                at: node.range,
                help: "say which: `{ sets: \(setsText), hold: \(timeText) }` (hold each repetition) or `{ sets: \(setsText), duration: \(timeText) }` "
                    + "(keep going for that long); a dose in one string is sets by repetitions: \(QuantityKind.setsByReps.acceptedForms)")
            return nil
        case .tooManyParts:
            report(
                LoadCode.quantity, "cannot read \(written) as a dose: it multiplies more than two numbers", at: node.range,
                help: "a dose in one string is sets by repetitions (\(QuantityKind.setsByReps.acceptedForms)); "
                    + "write anything more as a mapping, such as `{ sets: 3, reps: 10, hold: 5s }`")
            return nil
        case .unreadable:
            report(
                LoadCode.quantity, "cannot read \(written) as a dose", at: node.range,
                help: "write sets by repetitions (\(QuantityKind.setsByReps.acceptedForms)), "
                    + "or a mapping such as `{ sets: 3, reps: 10, hold: 5s }`")
            return nil
        }
    }

    /// RG109: `10x3` is read as 10 sets of 3, as written; clinicians who write repetitions first
    /// mean 3 sets of 10.
    mutating func checkOrder(sets: Amount<Int>, reps: Amount<Int>, at range: SourceRange) {
        let s = Self.amountText(sets)
        let r = Self.amountText(reps)
        report(
            LoadCode.ambiguousDose,
            "`\(s)x\(r)` can be read two ways: \(s) sets of \(r) (as Regimen reads it, sets first), or \(r) sets of \(s)",
            at: range, severity: .warning,
            help: "write it in words, which cannot be misread: `\(s) sets of \(r)` or `\(r) sets of \(s)`",
            fix: Fix("Write it as `\(r) sets of \(s)`", replacing: range, with: "\(r) sets of \(s)"))
    }

    static func amountText(_ amount: Amount<Int>) -> String { amount.isRange ? "\(amount.low)-\(amount.high)" : "\(amount.low)" }

    static func seconds(_ span: TimeSpan) -> String { "\(span.seconds)s" }

    /// A number of sets or repetitions, or a range of them (`8-12`). What is not a count nor a
    /// range but reads as a number (`-3`, `2.5`, a huge one) goes to `integer`, which says why.
    mutating func count(_ node: YAMLNode, what: String) -> Located<Amount<Int>>? {
        if case .scalar(let raw, _) = node.content, !node.isNull {
            let trimmed = raw.trimmingWhitespace
            if let amount = QuantityParser.count(trimmed) { return Located(amount, at: node.range) }
            let written = "`\(raw.prefix(60))\(raw.count > 60 ? "…" : "")`"
            if case .read(let sets, let reps) = QuantityParser.setsByReps(trimmed) {
                let s = Self.amountText(sets)
                let r = Self.amountText(reps)
                report(
                    LoadCode.quantity, "\(written) is sets by repetitions, not \(what)", at: node.range,
                    help: "write `sets: \(s)` and `reps: \(r)`, or give the whole dose in one string: `dose: \(s)x\(r)`")
                return nil
            }
            if QuantityParser.isReversedRange(trimmed) {
                let parts = trimmed.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { String($0).trimmingWhitespace }
                let swapped = parts.count == 2 ? "\(parts[1])-\(parts[0])" : nil
                report(
                    LoadCode.quantity, "the range \(written) runs from the larger number to the smaller", at: node.range,
                    help: "write the smaller number first" + (swapped.map { ", such as `\($0)`" } ?? ""),
                    fix: swapped.map { Fix("Write `\($0)`", replacing: node.range, with: $0) })
                return nil
            }
            if Double(trimmed) == nil {
                let words = [
                    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                ]
                let digits = words.firstIndex(of: trimmed.lowercased()).map { $0 + 1 }
                report(
                    LoadCode.quantity, "cannot read \(written) as \(what)", at: node.range,
                    help: digits.map { "write the number in digits: `\($0)`" }
                        ?? "write it as one of: \(QuantityKind.count.acceptedForms)",
                    fix: digits.map { Fix("write `\($0)`", replacing: node.range, with: "\($0)") })
                return nil
            }
        }
        return integer(node, what: what).map { Located(Amount($0.value), at: $0.range) }
    }

    /// A time or a range of times; a range written the wrong way round is shown how to turn it.
    mutating func timeAmount(_ node: YAMLNode) -> Located<Amount<TimeSpan>>? {
        if case .scalar(let raw, _) = node.content, !node.isNull, QuantityParser.timeAmount(raw) == nil,
            QuantityParser.isReversedRange(raw)
        {
            report(
                LoadCode.quantity, "the range `\(raw.prefix(60))` runs from the longer time to the shorter", at: node.range,
                help: "write the shorter time first, such as `20-30s`")
            return nil
        }
        return quantity(node, .timeRange, what: "a time", QuantityParser.timeAmount)
    }

    /// The days of the week: one word or a list (`[mon, wed, fri]`, `weekdays`), in week order,
    /// each once; a day named twice is an error (two sessions a day are `sessions: 2 per day`).
    mutating func days(_ node: YAMLNode) -> Located<[Weekday]>? {
        var days: [Weekday] = []
        let words = oneOrList(node, what: "days") { (reader: inout NodeReader, node: YAMLNode) -> Located<[Weekday]>? in
            if case .scalar(let raw, _) = node.content, !node.isNull, QuantityParser.weekdays(raw) == nil {
                let suggestion = Suggestions.closest(to: raw.trimmingWhitespace.lowercased(), in: Weekday.words.map(\.word))
                reader.report(
                    LoadCode.invalidValue, "`\(raw.prefix(40))` is not a day of the week", at: node.range,
                    help: (suggestion.map { "did you mean `\($0)`? " } ?? "") + "write one of: \(QuantityKind.weekday.acceptedForms)",
                    fix: suggestion.map { Fix.replacement(node.range, with: $0) })
                return nil
            }
            return reader.quantity(node, .weekday, what: "a day of the week", QuantityParser.weekdays)
        }
        for word in words {
            for day in word.value {
                if days.contains(day) {
                    report(
                        LoadCode.invalidValue, "`\(day.rawValue)` is named twice in `days`", at: word.range,
                        help: "name each day once; for two sessions on a day, write `sessions: 2 per day`")
                } else {
                    days.append(day)
                }
            }
        }
        guard !days.isEmpty else { return nil }
        return Located(days.sorted(), at: node.range)
    }

    mutating func dose(_ node: YAMLNode, _ spec: ObjectSpec) -> Dose? {
        let mark = diagnostics.count
        guard let f = fields(node, spec) else { return nil }
        var d = Dose(range: node.range)
        d.sets = f["sets"].flatMap { count($0, what: "a number of sets") }
        d.reps = f["reps"].flatMap { count($0, what: "a number of repetitions") }
        d.hold = f["hold"].flatMap { timeAmount($0) }
        d.rest = f["rest"].flatMap { timeAmount($0) }
        d.duration = f["duration"].flatMap { timeAmount($0) }
        d.frequency = f["frequency"].flatMap { quantity($0, .frequency, what: "a frequency", QuantityParser.frequency) }
        d.days = f["days"].flatMap { days($0) }
        d.load = f["load"].flatMap { quantity($0, .load, what: "a load", QuantityParser.load) }
        d.side = f["side"].flatMap { choice($0, Side.self, what: "side") }
        d.tempo = f["tempo"].flatMap { quantity($0, .tempo, what: "a tempo", QuantityParser.tempo) }
        if let tempo = d.tempo { checkOrder(of: tempo) }
        d.intensity = f["intensity"].flatMap { quantity($0, .intensity, what: "an intensity", QuantityParser.intensity) }
        d.unreadable = unreadableKeys(f, since: mark)
        return d
    }

    mutating func progression(_ node: YAMLNode) -> Progression? {
        guard let f = fields(node, FormatSpec.progress) else { return nil }
        let every = f["every"].flatMap { quantity($0, .interval, what: "an interval", QuantityParser.interval) }
        let until = f["until"].flatMap { doseOrShorthand($0, FormatSpec.ceiling) }
        var p = Progression(everyWeeks: every ?? Located(1, at: node.range), until: until ?? Dose(range: node.range), range: node.range)
        p.sets = f["sets"].flatMap { quantity($0, .countIncrement, what: "an increment", QuantityParser.countIncrement) }
        p.reps = f["reps"].flatMap { quantity($0, .countIncrement, what: "an increment", QuantityParser.countIncrement) }
        p.hold = f["hold"].flatMap { quantity($0, .timeIncrement, what: "a time increment", QuantityParser.timeIncrement) }
        p.duration = f["duration"].flatMap { quantity($0, .timeIncrement, what: "a time increment", QuantityParser.timeIncrement) }
        p.rest = f["rest"].flatMap { quantity($0, .timeIncrement, what: "a time increment", QuantityParser.timeIncrement) }
        p.load = f["load"].flatMap { quantity($0, .loadIncrement, what: "a load increment", QuantityParser.loadIncrement) }
        guard every != nil, until != nil else { return nil }
        return p
    }

    /// RG108: a bare tempo whose numbers mean something else to a clinician who writes the lift
    /// first. It is read lower first, as before; the warning asks for the parts by name.
    mutating func checkOrder(of tempo: Located<Tempo>) {
        guard !tempo.value.readsTheSameEitherWay, let other = tempo.value.readLiftFirst else { return }
        let read = tempo.value.labelled
        report(
            LoadCode.ambiguousTempo,
            "tempo `\(tempo.value.bare)` can be read two ways: \(read) (as Regimen reads it), or \(other.labelled)",
            at: tempo.range, severity: .warning,
            help: "name each part, in the order it is done: `\(read)` or `\(other.labelled)`; "
                + "the forms that name the parts: \(QuantityKind.namedTempoForms)")
    }
}
