import Foundation
import RegimenCompile
import RegimenFormat
import RegimenLoad

/// What a handout template sees: dictionaries, arrays, strings and booleans made from a plan,
/// with every dose worded by `PlainLanguage` and everything about safety by `SafetyWording`,
/// as in the text handout: the template lays out those sentences and decides nothing about
/// levels. docs/handouts.md lists every key.
///
/// An absent value is null (`NSNull`), never a missing key: `{{#purpose}}` then skips it, and
/// the lookup does not climb to an outer value of the same name (a phase's `notes` on a card).
struct HandoutModel {
    typealias Object = [String: Any]

    /// The root object.
    let object: Object

    init(plan: Plan, options: ExportOptions) throws(ExportError) {
        let paper = options.paper ?? Paper.usual(forLanguage: plan.patient?.language)
        let safety = SafetyWording(plan)
        let alternatives = Self.alternativeIDs(plan, safety: safety)
        var anchors: [String: String] = [:]
        for (number, phase) in plan.phases.enumerated() {
            for item in phase.items where anchors[item.exercise] == nil {
                anchors[item.exercise] = Self.anchor(item.exercise, phase: number + 1)
            }
        }
        for id in alternatives { anchors[id] = Self.anchor(id, phase: nil) }

        var phases: [Object] = []
        for (index, phase) in plan.phases.enumerated() {
            phases.append(
                try Self.phase(phase, number: index + 1, plan: plan, safety: safety, anchors: anchors, options: options))
        }
        var alternativeCards: [Object] = []
        for id in alternatives {
            guard let exercise = plan.exercises[id] else { continue }
            var card = try Self.card(id: id, exercise: exercise, anchor: Self.anchor(id, phase: nil), plan: plan, options: options)
            card["easier"] = Self.link(exercise.regressTo, plan: plan, safety: safety, anchors: anchors)
            card["harder"] = Self.link(exercise.progressTo, plan: plan, safety: safety, anchors: anchors)
            let precautions = Self.precautions(safety, exercise: id, weeks: nil)
            card["precautions"] = precautions
            card["hasPrecautions"] = !precautions.isEmpty
            alternativeCards.append(card)
        }
        let logs = plan.phases.enumerated().compactMap { Self.log($0.element, number: $0.offset + 1, plan: plan) }
        let delivery = plan.programme.delivery
        let clinician = plan.programme.clinician
        let cautions = plan.restrictions.map { Self.caution($0, plan: plan, safety: safety) }
        let redFlags = safety.redFlags

        object = [
            "lang": Self.language(plan.patient?.language),
            "paper": paper.rawValue,
            "pageSize": paper == .a4 ? "A4" : "letter",
            "contentSecurityPolicy": HTMLExporter.contentSecurityPolicy,
            "title": plan.programme.title,
            "summary": Self.value(plan.programme.summary),
            "notes": Self.value(plan.programme.notes),
            "clinician": [
                "name": Self.value(clinician?.name), "role": Self.value(clinician?.role), "contact": Self.value(clinician?.contact),
            ] as Object,
            "patient": plan.patient.map { patient -> Any in
                [
                    "start": Self.value(patient.start.map(Self.longDate)),
                    "side": Self.value(patient.affectedSide.map { Self.sentenceCase($0.rawValue) }),
                    "notes": Self.value(patient.notes),
                ] as Object
            } ?? NSNull(),
            "hasRedFlags": !redFlags.isEmpty,
            "redFlags": redFlags,
            "whenWorse": Self.value(delivery?.adverseEvents),
            "supervision": Self.value(delivery?.supervision),
            "hasCautions": !cautions.isEmpty,
            "cautions": cautions,
            "phases": phases,
            "hasAlternatives": !alternativeCards.isEmpty,
            "alternatives": alternativeCards,
            "hasLogs": !logs.isEmpty,
            "logs": logs,
            "hasEducation": !(delivery?.education ?? []).isEmpty,
            "education": delivery?.education ?? [],
            "hasReferences": !plan.programme.references.isEmpty,
            "references": plan.programme.references,
            "programmeId": plan.programme.id,
            "planDigest": String(plan.inputs.sha256.prefix(12)),
        ]
    }

    // MARK: Phases and cards

    static func phase(
        _ phase: Plan.PhaseInfo, number: Int, plan: Plan, safety: SafetyWording, anchors: [String: String], options: ExportOptions
    ) throws(ExportError) -> Object {
        let weeks = plan.schedule.filter { $0.phase == phase.id }
        var cards: [Object] = []
        for (index, item) in phase.items.enumerated() {
            guard let exercise = plan.exercises[item.exercise] else { continue }
            let firstWeekItem = weeks.first.flatMap { Self.weekItem($0, index: index, of: item) }
            var card = try Self.card(
                id: item.exercise, exercise: exercise, anchor: Self.anchor(item.exercise, phase: number), plan: plan, options: options)
            let starting = PlainLanguage.dose(item.dose, sessions: phase.sessions)
            var byWeek: [(first: Int, last: Int, dose: String)] = []
            for week in weeks {
                guard let weekItem = Self.weekItem(week, index: index, of: item) else { continue }
                let dose = PlainLanguage.dose(weekItem.dose, sessions: week.sessions ?? phase.sessions)
                if let last = byWeek.last, last.dose == dose, last.last + 1 == week.week {
                    byWeek[byWeek.count - 1].last = week.week
                } else {
                    byWeek.append((week.week, week.week, dose))
                }
            }
            card["dose"] = byWeek.count == 1 ? byWeek[0].dose : starting
            card["hasDoseByWeek"] = byWeek.count > 1
            card["doseByWeek"] = byWeek.map { group -> Object in
                var span = phase.weeks
                span.first = group.first
                span.last = group.last
                return ["weeks": PlainLanguage.weeks(span), "dose": group.dose]
            }
            card["notes"] = Self.value(item.notes)
            card["easier"] = Self.link(
                item.regressTo ?? firstWeekItem?.regressTo ?? exercise.regressTo, plan: plan, safety: safety, anchors: anchors)
            card["harder"] = Self.link(
                item.progressTo ?? firstWeekItem?.progressTo ?? exercise.progressTo, plan: plan, safety: safety, anchors: anchors)
            let precautions = Self.precautions(safety, exercise: item.exercise, weeks: phase.weeks)
            card["precautions"] = precautions
            card["hasPrecautions"] = !precautions.isEmpty
            cards.append(card)
        }
        return [
            "number": String(number),
            "anchor": "phase-\(number)",
            "title": Self.value(phase.title),
            "weeks": PlainLanguage.weeks(phase.weeks),
            "dates": Self.value(Self.span(weeks.first?.dates?.first, weeks.last?.dates?.last, format: longDate)),
            "goal": Self.value(phase.goal),
            "sessions": Self.value(phase.sessions.map(PlainLanguage.frequency)),
            "notes": Self.value(phase.notes),
            "hasAdvanceWhen": !phase.advanceWhen.isEmpty,
            "advanceWhen": phase.advanceWhen,
            "cards": cards,
        ]
    }

    /// The week's entry for the phase's item at `index`: by position when the week lists the same
    /// items, else the first with the same exercise.
    static func weekItem(_ week: Plan.Week, index: Int, of item: Plan.PhaseItem) -> Plan.WeekItem? {
        if week.items.indices.contains(index), week.items[index].exercise == item.exercise { return week.items[index] }
        return week.items.first { $0.exercise == item.exercise }
    }

    /// An exercise card without a dose: what the exercise is and how to do it.
    static func card(id: String, exercise: Plan.ExerciseInfo, anchor: String, plan: Plan, options: ExportOptions) throws(ExportError)
        -> Object
    {
        var images: [Object] = []
        for info in exercise.images {
            if let image = try Self.image(info, options: options) { images.append(image) }
        }
        return [
            "id": id,
            "anchor": anchor,
            "name": exercise.name,
            "hasImages": !images.isEmpty,
            "images": images,
            "purpose": Self.value(exercise.purpose),
            "position": Self.value(exercise.position),
            "equipment": Self.value(exercise.equipment.isEmpty ? nil : exercise.equipment.joined(separator: ", ")),
            "hasSteps": !exercise.steps.isEmpty,
            "steps": exercise.steps,
            "hasCues": !exercise.cues.isEmpty,
            "cues": exercise.cues,
            "hasMistakes": !exercise.mistakes.isEmpty,
            "mistakes": exercise.mistakes,
            "dose": NSNull(),
            "hasDoseByWeek": false,
            "doseByWeek": [Object](),
            "notes": NSNull(),
            "easier": NSNull(),
            "harder": NSNull(),
            "hasPrecautions": false,
            "precautions": [Object](),
        ]
    }

    /// Exercises offered only as easier or harder versions, in the order they are first offered;
    /// never one the compiler withheld from the patient.
    static func alternativeIDs(_ plan: Plan, safety: SafetyWording) -> [String] {
        let used = Set(plan.phases.flatMap { $0.items.map(\.exercise) })
        var seen = Set<String>()
        var ids: [String] = []
        func offer(_ id: String?) {
            guard let id, !used.contains(id), safety.offers(id), seen.insert(id).inserted else { return }
            ids.append(id)
        }
        for (phase, item) in plan.phases.flatMap({ phase in phase.items.map { (phase, $0) } }) {
            let firstWeek = plan.schedule.first { $0.phase == phase.id }
            let weekItem = firstWeek?.items.first { $0.exercise == item.exercise }
            let exercise = plan.exercises[item.exercise]
            offer(item.regressTo ?? weekItem?.regressTo ?? exercise?.regressTo)
            offer(item.progressTo ?? weekItem?.progressTo ?? exercise?.progressTo)
        }
        // Alternatives of alternatives, so that every link on a card leads somewhere.
        var index = 0
        while index < ids.count {
            let exercise = plan.exercises[ids[index]]
            offer(exercise?.regressTo)
            offer(exercise?.progressTo)
            index += 1
        }
        return ids
    }

    /// An easier or harder version to offer on a card; null for one the patient must not be offered.
    static func link(_ id: String?, plan: Plan, safety: SafetyWording, anchors: [String: String]) -> Any {
        guard let id, safety.offers(id), let exercise = plan.exercises[id] else { return NSNull() }
        return ["name": exercise.name, "anchor": anchors[id] ?? anchor(id, phase: nil)] as Object
    }

    /// A fragment id made only of ASCII letters, digits and hyphens.
    static func anchor(_ id: String, phase: Int?) -> String {
        let safe = String(
            String.UnicodeScalarView(
                id.unicodeScalars.map { scalar in
                    (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))) ? scalar : "-"
                }))
        return phase.map { "phase-\($0)-\(safe)" } ?? "exercise-\(safe)"
    }

    /// What the card for `exercise` says about safety, in `weeks` (nil for an alternative's card).
    static func precautions(_ safety: SafetyWording, exercise: String, weeks: Plan.WeekSpan?) -> [Object] {
        safety.precautions(for: exercise, weeks: weeks).map { note in
            [
                "lead": note.lead,
                "why": note.why,
                "advice": Self.value(note.advice),
                "reason": Self.value(note.about.isEmpty ? nil : note.about.joined(separator: "; ")),
            ]
        }
    }

    static func caution(_ restriction: Plan.RestrictionInfo, plan: Plan, safety: SafetyWording) -> Object {
        var dates: String?
        if let weeks = restriction.weeks {
            let first = plan.schedule.first { $0.week == weeks.first }?.dates?.first
            let last = plan.schedule.first { $0.week == weeks.last }?.dates?.last
            dates = span(first, last, format: longDate)
        }
        let note = safety.restriction(restriction)
        return [
            "lead": note.lead,
            "movement": safety.movement(restriction.movement),
            "avoid": note.level == .contraindicated,
            "weeks": value(restriction.weeks.map(PlainLanguage.weeks)),
            "dates": value(dates),
            "why": note.why,
        ]
    }

    // MARK: The log

    /// A tick-box table for the phase: a row a week; a column a day (with a box for each
    /// session that day), or a column a session when sessions are counted by the week.
    static func log(_ phase: Plan.PhaseInfo, number: Int, plan: Plan) -> Object? {
        let weeks = plan.schedule.filter { $0.phase == phase.id }
        guard let first = weeks.first else { return nil }
        let sessions = first.sessions ?? phase.sessions
        let byWeek = sessions?.per == .week
        let columnCount = byWeek ? min(max(sessions?.count ?? 1, 1), 14) : 7
        let boxesPerCell = byWeek ? 1 : min(max(sessions?.count ?? 1, 1), 6)
        let startWeekday = first.dates.map { weekday($0.first) }
        let columns: [String] = (0..<columnCount).map { column in
            if byWeek { return "Session \(column + 1)" }
            if let startWeekday { return weekdayNames[(startWeekday + column) % 7] }
            return "Day \(column + 1)"
        }
        let rows: [Object] = weeks.map { week in
            let cells: [Object] = columns.map { column in
                let label = "Week \(week.week), \(column)"
                let boxes = boxesPerCell == 1 ? [label] : (1...boxesPerCell).map { "\(label), session \($0)" }
                return ["label": label, "boxes": boxes]
            }
            return [
                "week": "Week \(week.week)",
                "dates": value(week.dates.flatMap { span($0.first, $0.last, format: shortDate) }),
                "cells": cells,
            ]
        }
        let how =
            sessions.map { "\(PlainLanguage.frequency($0)): tick a box after each session" } ?? "tick a box each day you do your exercises"
        return [
            "number": String(number),
            "title": value(phase.title),
            "weeks": PlainLanguage.weeks(phase.weeks),
            "how": how,
            "columns": columns.map { ["label": $0] as Object },
            "rows": rows,
        ]
    }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// 0 for Monday to 6 for Sunday (1970-01-01, day 0, was a Thursday).
    static func weekday(_ date: CalendarDate) -> Int {
        ((date.dayNumber + 3) % 7 + 7) % 7
    }

    // MARK: Images

    static let mediaTypes = ["jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"]

    /// The image with its `src` as a data: URI; nil for a data: URI that is not a base64 image.
    static func image(_ info: Plan.ImageInfo, options: ExportOptions) throws(ExportError) -> Object? {
        let src: String
        if info.src.lowercased().hasPrefix("data:") {
            guard isImageDataURI(info.src) else { return nil }
            try checkContent(ofDataURI: info.src)
            src = info.src
        } else {
            if let colon = info.src.firstIndex(of: ":"), !info.src[..<colon].contains("/") {
                throw ExportError(
                    "image `\(info.src)` is a URL; a handout embeds its images and loads nothing",
                    help: "use a file path relative to the plan, or compile with --embed-images")
            }
            let fileExtension = info.src.split(separator: ".").last.map { $0.lowercased() } ?? ""
            guard info.src.contains("."), let mediaType = mediaTypes[fileExtension] else {
                throw ExportError("image `\(info.src)` is not a JPEG, PNG, GIF or WebP file (by its extension)")
            }
            guard !info.src.hasPrefix("/"), !info.src.hasPrefix("~") else {
                throw ExportError(
                    "image `\(info.src)` is absolute, and was not read",
                    help: "a plan names its images relative to the plan's directory, inside its repository", code: LoadCode.imageFile)
            }
            let path = join(options.planDirectory, info.src)
            let data: Data
            if let boundary = options.boundary {
                do {
                    data = Data(try boundary.read(path, limit: maxImageBytes))
                } catch .outside(let refusal) {
                    let shown = { (absolute: String) in Paths.relativePath(from: options.planDirectory, to: absolute) }
                    throw ExportError(
                        "image `\(info.src)`: " + refusal.message(shown: shown), help: refusal.help(shown: shown), code: LoadCode.imageFile)
                } catch {
                    throw ExportError(
                        "image `\(info.src)` cannot be read (looked for \(path))",
                        help: "image paths in a plan are relative to the plan's directory; or compile with --embed-images")
                }
            } else {
                guard let read = options.readFile(path) else {
                    throw ExportError(
                        "image `\(info.src)` cannot be read (looked for \(path))",
                        help: "image paths in a plan are relative to the plan's directory; or compile with --embed-images")
                }
                data = read
            }
            guard data.count <= maxImageBytes else {
                throw ExportError("image `\(info.src)` is larger than 16 MiB", help: "make the picture smaller", code: LoadCode.imageFile)
            }
            guard ImageContent.matches([UInt8](data.prefix(ImageContent.prefixLength)), fileExtension: fileExtension) else {
                throw ExportError(
                    "image `\(info.src)` does not hold \(ImageContent.describe(fileExtension)), though its extension says so; it is not embedded",
                    help: "save the picture as the type its extension names, or rename it to match", code: LoadCode.imageFile)
            }
            src = "data:\(mediaType);base64,\(data.base64EncodedString())"
        }
        return ["src": src, "alt": info.alt, "credit": value(info.credit)]
    }

    /// The most bytes of one image a handout embeds (as `--embed-images` does).
    static let maxImageBytes = 16 * 1024 * 1024

    /// Refuses an image data: URI (already `isImageDataURI`) whose bytes are not the type it names.
    static func checkContent(ofDataURI uri: String) throws(ExportError) {
        guard let comma = uri.firstIndex(of: ",") else { return }
        let type = uri[uri.index(uri.startIndex, offsetBy: 5)..<comma].lowercased().split(separator: ";").first ?? ""
        let fileExtension = String(type.dropFirst("image/".count))
        // The first 4 KiB of bytes are in the first 5,464 base64 characters (a multiple of 4).
        let payload = uri[uri.index(after: comma)...].prefix(5464)
        guard let bytes = Data(base64Encoded: String(payload)), ImageContent.matches([UInt8](bytes), fileExtension: fileExtension) else {
            throw ExportError(
                "an image embedded in the plan as `\(type)` does not hold \(ImageContent.describe(fileExtension)); it is not embedded",
                help: "compile the plan again from pictures of the type their extension names", code: LoadCode.imageFile)
        }
    }

    /// `data:image/TYPE[;param…];base64,PAYLOAD` with a known image type and a base64 payload.
    static func isImageDataURI(_ uri: String) -> Bool {
        guard let comma = uri.firstIndex(of: ",") else { return false }
        let header = uri[uri.index(uri.startIndex, offsetBy: 5)..<comma].lowercased().split(separator: ";")
        guard let type = header.first, ["image/png", "image/jpeg", "image/gif", "image/webp"].contains(type), header.last == "base64"
        else { return false }
        let payload = uri[uri.index(after: comma)...]
        return payload.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+/=".unicodeScalars.contains($0))
        }
    }

    /// `relative` joined to the directory `base`, with `.` and `..` folded.
    static func join(_ base: String, _ relative: String) -> String {
        let whole = relative.hasPrefix("/") ? relative : base + "/" + relative
        var parts: [Substring] = []
        for part in whole.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return (whole.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    // MARK: Words

    static func value(_ text: String?) -> Any { text.map { $0 as Any } ?? NSNull() }

    /// A BCP 47 tag for `<html lang>`; `en` when there is none or it is malformed.
    static func language(_ tag: String?) -> String {
        guard let tag, tag.wholeMatch(of: /[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*/) != nil else { return "en" }
        return tag
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    /// "7 December 2026": the same in every English, with no day-month order to misread.
    static func longDate(_ date: CalendarDate) -> String {
        "\(date.day) \(monthName(date)) \(date.year)"
    }

    /// "7 Dec".
    static func shortDate(_ date: CalendarDate) -> String {
        "\(date.day) \(monthName(date).prefix(3))"
    }

    static func monthName(_ date: CalendarDate) -> String {
        monthNames.indices.contains(date.month - 1) ? monthNames[date.month - 1] : String(date.month)
    }

    static func span(_ first: CalendarDate?, _ last: CalendarDate?, format: (CalendarDate) -> String) -> String? {
        guard let first, let last else { return nil }
        return "\(format(first)) to \(format(last))"
    }

    static func sentenceCase(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
