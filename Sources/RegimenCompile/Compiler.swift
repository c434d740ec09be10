import Crypto
import Foundation
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import RegimenVocabulary

/// How a plan is made.
public struct CompileOptions: Sendable {
    /// The directory the plan will be written to (absolute); image paths are made relative to
    /// it. When nil (standard output), they are relative to the repository root.
    public var outputDirectory: String?
    /// Whether to embed images as `data:` URIs instead of naming their files.
    public var embedImages = false

    /// The defaults: image paths relative to the current directory.
    public init(outputDirectory: String? = nil, embedImages: Bool = false) {
        self.outputDirectory = outputDirectory
        self.embedImages = embedImages
    }
}

/// Turns a loaded, validated programme (and a patient, if given) into a `Plan`. It reads no
/// YAML: everything comes from the loader's result.
public struct Compiler: Sendable {
    /// How to make the plan.
    public var options: CompileOptions
    /// Where image files are read from, when embedding.
    public var fileSystem: any FileSystem

    /// A compiler with `options`, reading images from `fileSystem`.
    public init(options: CompileOptions = CompileOptions(), fileSystem: any FileSystem = DiskFileSystem()) {
        self.options = options
        self.fileSystem = fileSystem
    }

    /// The plan of `loaded`, screened against `load.patient`, with conditions and movements
    /// named by their canonical ids in `vocabulary`; problems (unreadable images) go to
    /// `diagnostics`.
    public func compile(
        _ loaded: LoadedProgramme, load: LoadResult, vocabulary: Vocabulary = .builtIn, diagnostics: inout DiagnosticCollector
    ) -> Plan {
        let programme = loaded.programme
        let patient = load.patient?.profile
        let side = patient?.affectedSide?.value
        var terms = Terms(vocabulary: vocabulary)
        var plan = Plan(
            inputs: inputs(loaded, load: load),
            programme: info(programme, &terms),
            patient: patient.map { info($0, &terms) },
            redFlags: programme.redFlags.map(\.value),
            exclusions: programme.exclusions.map { .init(condition: terms.condition($0.condition), why: $0.why?.value) },
            restrictions: programme.restrictions.map {
                .init(
                    movement: terms.movement($0.movement), level: $0.level.value, weeks: $0.weeks.map { span($0.value) },
                    why: $0.why.value)
            },
            exercises: [:], phases: [], schedule: [],
            screening: .init(screened: patient != nil, precautions: [], warnings: []))
        // Easier and harder versions are screened like the items: one contraindicated for the
        // patient is not offered (RG301 warns about it).
        var withheld: [String: Plan.WithheldExercise] = [:]
        func offered(_ id: String?) -> String? {
            guard let id, let patient, let exercise = loaded.catalogue[id] else { return id }
            if withheld[id] != nil { return nil }
            for precaution in exercise.precautions where precaution.level.value == .contraindicated {
                for condition in patient.conditions
                where precaution.conditions.contains(where: { vocabulary.covers($0.value, condition.value, .condition) }) {
                    withheld[id] = .init(
                        exercise: id, condition: vocabulary.canonical(condition.value, .condition), why: precaution.why.value)
                    return nil
                }
            }
            return id
        }

        var used = Set<String>()
        let phases = programme.phases.filter { $0.weeks != nil }.sorted { ($0.weeks?.value.first ?? 0) < ($1.weeks?.value.first ?? 0) }
        for phase in phases {
            guard let weeks = phase.weeks?.value else { continue }
            var items: [Plan.PhaseItem] = []
            for item in phase.items {
                guard let exercise = loaded.catalogue[item.use.value] else { continue }
                let chain = chainTargets(item, exercise, offered)
                used.insert(exercise.id.value)
                if let id = chain.progressTo { used.insert(id) }
                if let id = chain.regressTo { used.insert(id) }
                items.append(
                    .init(
                        exercise: exercise.id.value, dose: dose(item.dose, side: side),
                        progress: item.progress.map { progress($0, side: side) },
                        progressTo: chain.progressTo, regressTo: chain.regressTo, notes: item.notes?.value,
                        purpose: item.purpose?.value, cues: item.cues.isEmpty ? nil : item.cues.map(\.value)))
            }
            plan.phases.append(
                .init(
                    id: phase.id.value, title: phase.title?.value, goal: phase.goal?.value, weeks: span(weeks),
                    sessions: phase.sessions.map { frequency($0.value) }, days: phase.days?.value,
                    advanceWhen: phase.advanceWhen.map(\.value),
                    notes: phase.notes?.value, items: items))

            for week in weeks.first...weeks.last {
                let dates = patient?.start.flatMap { Plan.DateSpan.week(week, from: $0.value) }
                var weekItems: [Plan.WeekItem] = []
                for item in phase.items {
                    guard let exercise = loaded.catalogue[item.use.value] else { continue }
                    let chain = chainTargets(item, exercise, offered)
                    let steps = (week - weeks.first) / max(1, item.progress?.everyWeeks.value ?? 1)
                    // An item with its own frequency or days has its own days: its frequency says
                    // how often (else the phase's sessions), its days which days (RG216 warns
                    // when they do not fit the phase's).
                    var days: [Plan.SessionDay]?
                    if let dose = item.dose, dose.frequency != nil || dose.days != nil {
                        days = SessionDays.days(
                            week: week, firstWeek: weeks.first, frequency: dose.frequency?.value ?? phase.sessions?.value,
                            days: dose.days?.value, dates: dates)
                    }
                    weekItems.append(
                        .init(
                            exercise: exercise.id.value,
                            dose: dose(Progressions.apply(item.progress, to: item.dose, steps: steps), side: side),
                            days: days, progressTo: chain.progressTo, regressTo: chain.regressTo))
                }
                plan.schedule.append(
                    .init(
                        week: week, phase: phase.id.value, dates: dates, sessions: phase.sessions.map { frequency($0.value) },
                        days: SessionDays.days(
                            week: week, firstWeek: weeks.first, frequency: phase.sessions?.value, days: phase.days?.value, dates: dates),
                        items: weekItems))
            }
        }

        for id in used.sorted() {
            guard let exercise = loaded.catalogue[id] else { continue }
            var info = info(exercise, root: loaded.root, load: load, terms: &terms, diagnostics: &diagnostics)
            // A version withheld from this patient is not offered from its card either.
            info.progressTo = offered(info.progressTo)
            info.regressTo = offered(info.regressTo)
            plan.exercises[id] = info
        }
        plan.screening.precautions = appliedPrecautions(loaded, phases: plan.phases, patient: patient, terms: &terms)
        let left = withheld.values.sorted { ($0.exercise, $0.condition) < ($1.exercise, $1.condition) }
        plan.screening.withheld = left.isEmpty ? nil : left
        plan.vocabulary = terms.info
        return plan
    }

    private func chainTargets(_ item: Item, _ exercise: Exercise, _ offered: (String?) -> String?) -> (
        progressTo: String?, regressTo: String?
    ) {
        (offered(item.progressTo?.value ?? exercise.progressTo?.value), offered(item.regressTo?.value ?? exercise.regressTo?.value))
    }

    /// The conditions and movements a plan mentions: each word as its canonical id, with the
    /// entries gathered for `Plan.vocabulary`.
    struct Terms {
        let vocabulary: Vocabulary
        private var written: [TermKind: [String: Set<String>]] = [.condition: [:], .movement: [:]]

        init(vocabulary: Vocabulary) {
            self.vocabulary = vocabulary
        }

        mutating func canonical(_ word: String, _ kind: TermKind) -> String {
            let id = vocabulary.canonical(word, kind)
            written[kind, default: [:]][id, default: []].formUnion(word == id ? [] : [word])
            return id
        }

        mutating func condition(_ word: Text) -> String { canonical(word.value, .condition) }
        mutating func movement(_ word: Text) -> String { canonical(word.value, .movement) }

        var info: Plan.VocabularyInfo {
            func entries(_ kind: TermKind) -> [Plan.TermInfo] {
                (written[kind] ?? [:]).keys.sorted().compactMap { id in
                    guard let term = vocabulary.term(id, kind) else { return nil }
                    let words = (written[kind]?[id] ?? []).sorted()
                    return .init(
                        id: term.id, label: term.label, patientLabel: term.patientLabel, icd10cm: term.icd10cm, snomedCT: term.snomedCT,
                        writtenAs: words.isEmpty ? nil : words)
                }
            }
            return .init(conditions: entries(.condition), movements: entries(.movement))
        }
    }

    // MARK: Inputs

    private func inputs(_ loaded: LoadedProgramme, load: LoadResult) -> Plan.Inputs {
        var files: [Plan.InputFile] = []
        func add(_ shown: String, role: Plan.InputRole, nameOnly: Bool = false) {
            guard let record = load.records[shown] else { return }
            let path = nameOnly ? Paths.name(of: record.absolutePath) : Paths.relative(record.absolutePath, to: loaded.root)
            files.append(.init(path: path, role: role, sha256: record.sha256))
        }
        add(loaded.path, role: .programme)
        for include in loaded.includes { add(include.path, role: .library) }
        if let patient = load.patient { add(patient.path, role: .patient, nameOnly: true) }
        return Self.inputs(files)
    }

    /// `files` (each once, by role and path) with the digest over them all.
    public static func inputs(_ files: [Plan.InputFile]) -> Plan.Inputs {
        var seen = Set<String>()
        let files = files.filter { seen.insert($0.role.rawValue + "\u{0}" + $0.path).inserted }
        let canonical = files.map { "\($0.role.rawValue)\u{0}\($0.path)\u{0}\($0.sha256)\n" }.joined()
        let digest = SHA256.hash(data: Data(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
        return .init(sha256: digest, files: files)
    }

    // MARK: Conversions

    private func info(_ p: Programme, _ terms: inout Terms) -> Plan.ProgrammeInfo {
        .init(
            id: p.id.value, title: p.title.value, summary: p.summary?.value, conditions: p.conditions.map { terms.condition($0) },
            clinician: p.clinician.map { .init(name: $0.name?.value, role: $0.role?.value, contact: $0.contact?.value) },
            references: p.references.map(\.value),
            delivery: p.delivery.map {
                .init(
                    setting: $0.setting?.value, supervision: $0.supervision?.value, format: $0.format?.value,
                    tailoring: $0.tailoring?.value, startingLevel: $0.startingLevel?.value, adherence: $0.adherence?.value,
                    motivation: $0.motivation?.value, education: $0.education.map(\.value), adverseEvents: $0.adverseEvents?.value)
            },
            notes: p.notes?.value)
    }

    private func info(_ p: PatientProfile, _ terms: inout Terms) -> Plan.PatientInfo {
        .init(
            conditions: p.conditions.map { terms.condition($0) }, affectedSide: p.affectedSide?.value, start: p.start?.value,
            language: p.language?.value, notes: p.notes?.value)
    }

    private func info(
        _ e: Exercise, root: String, load: LoadResult, terms: inout Terms, diagnostics: inout DiagnosticCollector
    ) -> Plan.ExerciseInfo {
        .init(
            name: e.name.value, kind: e.kind?.value, regions: e.regions.map(\.value),
            movements: e.movements.map { terms.movement($0) }, equipment: e.equipment.map(\.value), level: e.level?.value,
            purpose: e.purpose?.value, position: e.position?.value, steps: e.steps.map(\.value), cues: e.cues.map(\.value),
            mistakes: e.mistakes.map(\.value),
            images: e.images.compactMap { image($0, definedIn: e.range.file, root: root, load: load, diagnostics: &diagnostics) },
            precautions: e.precautions.map {
                .init(
                    conditions: $0.conditions.map { terms.condition($0) }, level: $0.level.value, why: $0.why.value,
                    advice: $0.advice?.value)
            },
            progressTo: e.progressTo?.value, regressTo: e.regressTo?.value)
    }

    private func image(
        _ image: ExerciseImage, definedIn file: String, root: String, load: LoadResult, diagnostics: inout DiagnosticCollector
    ) -> Plan.ImageInfo? {
        guard let record = load.records[file] else { return nil }
        let absolute = Paths.join(Paths.directory(of: record.absolutePath), image.path.value)
        if options.embedImages {
            // Through the repository boundary, as the loader checked it: a link out is not embedded.
            guard let bytes = try? RepositoryBoundary(root: root, fileSystem: fileSystem).read(absolute, limit: 16 * 1024 * 1024),
                bytes.count <= 16 * 1024 * 1024
            else {
                diagnostics.report(
                    Diagnostic(
                        code: LoadCode.imageFile, severity: .error, message: "image `\(image.path.value)` cannot be read to embed it",
                        range: image.path.range, help: "check that the file exists and is at most 16 MiB"))
                return nil
            }
            return .init(
                src: "data:\(Self.mediaType(absolute));base64,\(Data(bytes).base64EncodedString())", alt: image.alt.value,
                credit: image.credit?.value)
        }
        // Relative to where the plan is written; a plan on standard output has no place, so its
        // images are relative to the repository root, like its input paths: the same bytes
        // from any working directory.
        let base = options.outputDirectory ?? root
        return .init(src: Paths.relativePath(from: base, to: absolute), alt: image.alt.value, credit: image.credit?.value)
    }

    static func mediaType(_ path: String) -> String {
        switch Paths.name(of: path).split(separator: ".").last?.lowercased() {
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }

    private func span(_ w: WeekRange) -> Plan.WeekSpan { .init(first: w.first, last: w.last) }

    private func frequency(_ f: Frequency) -> Plan.FrequencyInfo { Plan.FrequencyInfo(f) }

    private func dose(_ d: Dose?, side: AffectedSide?) -> Plan.DoseInfo {
        guard let d else { return .init() }
        func high<T>(_ amount: Located<Amount<T>>?, _ value: (T) -> Int) -> Int? {
            amount.flatMap { $0.value.isRange ? value($0.value.high) : nil }
        }
        return .init(
            sets: d.sets?.value.low, setsMax: high(d.sets) { $0 }, reps: d.reps?.value.low, repsMax: high(d.reps) { $0 },
            holdSeconds: d.hold?.value.low.seconds, holdSecondsMax: high(d.hold) { $0.seconds },
            restSeconds: d.rest?.value.low.seconds, restSecondsMax: high(d.rest) { $0.seconds },
            durationSeconds: d.duration?.value.low.seconds, durationSecondsMax: high(d.duration) { $0.seconds },
            frequency: d.frequency.map { frequency($0.value) }, days: d.days?.value,
            load: d.load.map { load($0.value) }, side: d.side.map { resolve($0.value, affected: side) },
            tempo: d.tempo?.value.bare, tempoParts: d.tempo.map { Plan.TempoPart.parts(of: $0.value) },
            intensity: d.intensity.map { intensity($0.value) })
    }

    private func progress(_ p: Progression, side: AffectedSide?) -> Plan.ProgressInfo {
        .init(
            everyWeeks: p.everyWeeks.value, sets: p.sets?.value, reps: p.reps?.value, holdSeconds: p.hold?.value.seconds,
            durationSeconds: p.duration?.value.seconds, restSeconds: p.rest?.value.seconds, load: p.load.map { load($0.value) },
            until: dose(p.until, side: side))
    }

    private func load(_ l: Load) -> Plan.LoadInfo { Plan.LoadInfo(l) }

    private func intensity(_ i: Intensity) -> Plan.IntensityInfo { Plan.IntensityInfo(i) }

    /// `affected` becomes the patient's side and `unaffected` the other one; without a known
    /// side they stay as written (the handout then says "on the side that hurts").
    private func resolve(_ side: Side, affected: AffectedSide?) -> Side {
        switch (side, affected) {
        case (.affected, .left?): .left
        case (.affected, .right?): .right
        case (.affected, .both?): .both
        case (.unaffected, .left?): .right
        case (.unaffected, .right?): .left
        default: side
        }
    }

    // MARK: Screening

    /// The precautions that apply to the exercises the plan gives or offers: each item's, and
    /// the easier and harder versions it offers (those not withheld), by the patient's
    /// conditions and by the restrictions in force during the phase.
    private func appliedPrecautions(
        _ loaded: LoadedProgramme, phases: [Plan.PhaseInfo], patient: PatientProfile?, terms: inout Terms
    ) -> [Plan.AppliedPrecaution] {
        let vocabulary = terms.vocabulary
        var out: [Plan.AppliedPrecaution] = []
        var seen = Set<String>()
        for phase in phases {
            let offered = phase.items.flatMap { [$0.exercise] + [$0.progressTo, $0.regressTo].compactMap { $0 } }
            for id in offered {
                guard let exercise = loaded.catalogue[id] else { continue }
                if let patient {
                    for precaution in exercise.precautions where precaution.level.value == .precaution {
                        for condition in patient.conditions
                        where precaution.conditions.contains(where: { vocabulary.covers($0.value, condition.value, .condition) }) {
                            let id = terms.condition(condition)
                            let key = "c\u{0}\(exercise.id.value)\u{0}\(id)\u{0}\(precaution.why.value)"
                            guard seen.insert(key).inserted else { continue }
                            out.append(
                                .init(
                                    exercise: exercise.id.value, condition: id, level: precaution.level.value,
                                    why: precaution.why.value, advice: precaution.advice?.value))
                        }
                    }
                }
                for restriction in loaded.programme.restrictions
                where exercise.movements.contains(where: { vocabulary.covers(restriction.movement.value, $0.value, .movement) })
                    && (restriction.weeks.map { $0.value.first <= phase.weeks.last && phase.weeks.first <= $0.value.last } ?? true)
                {
                    let movement = terms.movement(restriction.movement)
                    let key = "m\u{0}\(exercise.id.value)\u{0}\(movement)"
                    guard seen.insert(key).inserted else { continue }
                    out.append(
                        .init(
                            exercise: exercise.id.value, movement: movement,
                            weeks: restriction.weeks.map { span($0.value) }, level: restriction.level.value,
                            why: restriction.why.value))
                }
            }
        }
        return out.sorted { ($0.exercise, $0.condition ?? "", $0.movement ?? "") < ($1.exercise, $1.condition ?? "", $1.movement ?? "") }
    }
}
