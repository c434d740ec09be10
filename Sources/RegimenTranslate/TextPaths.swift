import RegimenDiagnostics
import RegimenFormat

/// A text of a programme or library file that a clinic can translate, with its stable path
/// (the PO file's `msgctxt`).
public struct TranslatableText: Sendable, Hashable {
    /// What kind of text it is, for the rules that treat safety text more strictly.
    public enum Kind: String, Sendable, Hashable {
        /// A red flag: stop and seek care.
        case redFlag = "red flag"
        /// A precaution's why or advice.
        case precaution
        /// A restriction's why.
        case restriction
        /// An exclusion's why.
        case exclusion
        /// Any other text.
        case other

        /// Whether a patient must be able to read it to stay safe (`--strict-language`).
        public var isSafety: Bool { self != .other }
    }

    /// The stable path: keys as written joined by `.`, phases by `[id]`, other list elements
    /// by index (`phases[settle].items[0].notes`, `exercises.walking.steps[2]`).
    public var path: String
    /// The text as the loader reads it (folded scalars folded), and where it was written.
    public var text: Text
    /// What kind of text it is.
    public var kind: Kind
}

/// The texts of programme and library files that are translated, and their paths: one walk
/// over the typed model, used both to list the texts (for `translate extract` and the
/// checks) and to put translations in their place (for `compile --language`).
///
/// Translated: titles, summaries, names, purposes, positions, equipment, steps, cues,
/// mistakes, pictures' descriptions (`alt`) and credits, precautions' why and advice, restrictions' and exclusions' why, red flags, the
/// delivery texts a patient reads (supervision, education, adverse events), phases' titles,
/// goals, notes and criteria, items' purpose, cues and notes, programme notes, the clinician's
/// name and role, a library's title and credits. Not translated: identifiers, conditions,
/// movements, quantities, references, image paths.
public enum TextPaths {
    /// The texts of `programme`, in the order they were written.
    public static func texts(of programme: Programme) -> [TranslatableText] {
        var copy = programme
        var found: [TranslatableText] = []
        visit(&copy) { path, kind, text in found.append(TranslatableText(path: path, text: text, kind: kind)) }
        return inSourceOrder(found)
    }

    /// The texts of `library`, in the order they were written.
    public static func texts(of library: Library) -> [TranslatableText] {
        var copy = library
        var found: [TranslatableText] = []
        visit(&copy) { path, kind, text in found.append(TranslatableText(path: path, text: text, kind: kind)) }
        return inSourceOrder(found)
    }

    /// The texts of `exercise`, defined under `exercises.ID`.
    public static func texts(of exercise: Exercise) -> [TranslatableText] {
        var copy = exercise
        var found: [TranslatableText] = []
        visit(&copy, at: "exercises.\(exercise.id.value)") { path, kind, text in
            found.append(TranslatableText(path: path, text: text, kind: kind))
        }
        return inSourceOrder(found)
    }

    private static func inSourceOrder(_ texts: [TranslatableText]) -> [TranslatableText] {
        // Stable: texts at the same place (none, in a file that was read) keep the walk's order.
        texts.filter { !$0.text.value.isEmpty }.enumerated().sorted {
            ($0.element.text.range.start, $0.offset) < ($1.element.text.range.start, $1.offset)
        }.map(\.element)
    }

    /// Calls `body` with the path, kind and text of every translatable text of `programme`,
    /// which it may change (to its translation).
    public static func visit(_ programme: inout Programme, _ body: (String, TranslatableText.Kind, inout Text) -> Void) {
        body("title", .other, &programme.title)
        optional(&programme.summary, "summary", body)
        if var clinician = programme.clinician {
            optional(&clinician.name, "clinician.name", body)
            optional(&clinician.role, "clinician.role", body)
            programme.clinician = clinician
        }
        if var delivery = programme.delivery {
            optional(&delivery.supervision, "delivery.supervision", body)
            list(&delivery.education, "delivery.education", .other, body)
            optional(&delivery.adverseEvents, "delivery.adverse-events", body)
            programme.delivery = delivery
        }
        for index in programme.exclusions.indices {
            optional(&programme.exclusions[index].why, "exclusions[\(index)].why", body, kind: .exclusion)
        }
        list(&programme.redFlags, "red-flags", .redFlag, body)
        for index in programme.restrictions.indices {
            body("restrictions[\(index)].why", .restriction, &programme.restrictions[index].why)
        }
        for index in programme.exercises.indices {
            visit(&programme.exercises[index], at: "exercises.\(programme.exercises[index].id.value)", body)
        }
        for index in programme.phases.indices {
            let phase = "phases[\(programme.phases[index].id.value)]"
            optional(&programme.phases[index].title, phase + ".title", body)
            optional(&programme.phases[index].goal, phase + ".goal", body)
            for item in programme.phases[index].items.indices {
                let at = phase + ".items[\(item)]"
                optional(&programme.phases[index].items[item].purpose, at + ".purpose", body)
                list(&programme.phases[index].items[item].cues, at + ".cues", .other, body)
                optional(&programme.phases[index].items[item].notes, at + ".notes", body)
            }
            list(&programme.phases[index].advanceWhen, phase + ".advance-when", .other, body)
            optional(&programme.phases[index].notes, phase + ".notes", body)
        }
        optional(&programme.notes, "notes", body)
    }

    /// Calls `body` with the path, kind and text of every translatable text of `library`.
    public static func visit(_ library: inout Library, _ body: (String, TranslatableText.Kind, inout Text) -> Void) {
        optional(&library.title, "title", body)
        list(&library.credits, "credits", .other, body)
        for index in library.exercises.indices {
            visit(&library.exercises[index], at: "exercises.\(library.exercises[index].id.value)", body)
        }
    }

    /// Calls `body` with the texts of `exercise`, whose path starts with `prefix`.
    public static func visit(_ exercise: inout Exercise, at prefix: String, _ body: (String, TranslatableText.Kind, inout Text) -> Void) {
        body(prefix + ".name", .other, &exercise.name)
        optional(&exercise.purpose, prefix + ".purpose", body)
        optional(&exercise.position, prefix + ".position", body)
        list(&exercise.equipment, prefix + ".equipment", .other, body)
        list(&exercise.steps, prefix + ".steps", .other, body)
        list(&exercise.cues, prefix + ".cues", .other, body)
        list(&exercise.mistakes, prefix + ".mistakes", .other, body)
        for index in exercise.images.indices {
            // What a picture shows is read out to a patient who cannot see it.
            body(prefix + ".images[\(index)].alt", .other, &exercise.images[index].alt)
            optional(&exercise.images[index].credit, prefix + ".images[\(index)].credit", body)
        }
        for index in exercise.precautions.indices {
            let at = prefix + ".precautions[\(index)]"
            body(at + ".why", .precaution, &exercise.precautions[index].why)
            optional(&exercise.precautions[index].advice, at + ".advice", body, kind: .precaution)
        }
    }

    private static func optional(
        _ text: inout Text?, _ path: String, _ body: (String, TranslatableText.Kind, inout Text) -> Void,
        kind: TranslatableText.Kind = .other
    ) {
        guard var value = text else { return }
        body(path, kind, &value)
        text = value
    }

    private static func list(
        _ texts: inout [Text], _ path: String, _ kind: TranslatableText.Kind, _ body: (String, TranslatableText.Kind, inout Text) -> Void
    ) {
        for index in texts.indices { body("\(path)[\(index)]", kind, &texts[index]) }
    }
}
