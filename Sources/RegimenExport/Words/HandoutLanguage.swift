import Foundation
import RegimenCompile

/// Which language a handout's fixed wording is in: the language asked for, resolved to one of
/// the shipped catalogues along a fallback chain, and said plainly when it had to fall back.
public enum HandoutLanguage {
    /// The language a handout for `plan` is asked to be in: the one place that decides it. The
    /// language the plan was compiled for (`--language`, else the patient's `language`), which
    /// `Plan.language` records; the patient's `language` for a plan made before it did.
    public static func requested(for plan: Plan) -> String? {
        plan.language?.requested ?? plan.patient?.language
    }

    /// The language of the programme's own texts, the second choice when Regimen has no words
    /// in the language asked for (British English when the plan does not say).
    public static func programmeLanguage(of plan: Plan) -> String? {
        plan.language?.source
    }

    /// How the language asked for became a catalogue.
    public struct Resolution: Sendable, Equatable {
        /// The tag asked for, as given (nil when none was).
        public var requested: String?
        /// The catalogue used ("es" for `es-MX`).
        public var catalogue: String
        /// Whether the words are in another language than the one asked for (`ja` given
        /// British English); false when none was asked for, or a regional tag found its
        /// language (`es-MX` → `es`).
        public var fellBack: Bool
        /// Whether the tag asked for is a well-formed BCP 47 tag.
        public var wellFormed: Bool

        /// What to tell the clinician when the words fell back; nil otherwise: "Regimen's words
        /// are not available in ja; the handout's fixed wording is in English (en-GB)".
        public var warning: String? {
            guard fellBack, let requested else { return nil }
            let name = MessageCatalogue.shipped[catalogue]?.name ?? catalogue
            if !wellFormed {
                return
                    "`\(requested)` is not a language tag (such as `es` or `pt-BR`); the handout's fixed wording is in \(name) (\(catalogue))"
            }
            return "Regimen's words are not available in \(requested); the handout's fixed wording is in \(name) (\(catalogue))"
        }
    }

    /// The catalogue for `requested`: the tag itself, then shorter tags (`es-MX` → `es`), then
    /// the programme's language the same way, then British English. `en` and any `en-*`
    /// without a catalogue of its own is British English; `en-US` has its own.
    public static func resolve(_ requested: String?, programme: String? = nil) -> Resolution {
        // `pl_PL`, as a POSIX locale writes it, is `pl-PL`.
        let tag = requested?.replacingOccurrences(of: "_", with: "-")
        let wellFormed = tag.map(isWellFormed) ?? true
        let asked = wellFormed ? tag : nil
        if let asked, let found = catalogue(for: asked) {
            return Resolution(requested: requested, catalogue: found, fellBack: false, wellFormed: true)
        }
        let fallback =
            programme.map { $0.replacingOccurrences(of: "_", with: "-") }.flatMap { isWellFormed($0) ? catalogue(for: $0) : nil }
            ?? MessageCatalogue.reference
        // Asked for nothing: the programme's language, or British English, is no fallback.
        return Resolution(requested: requested, catalogue: fallback, fellBack: requested != nil, wellFormed: wellFormed)
    }

    /// The resolution for a handout of `plan`.
    public static func resolution(for plan: Plan) -> Resolution {
        resolve(requested(for: plan), programme: programmeLanguage(of: plan))
    }

    /// The shipped catalogue `tag` finds by itself or a shorter tag, if any.
    static func catalogue(for tag: String) -> String? {
        var subtags = tag.split(separator: "-").map(String.init)
        let shipped = MessageCatalogue.shipped.keys
        while !subtags.isEmpty {
            let candidate = subtags.joined(separator: "-")
            if let found = shipped.first(where: { $0.caseInsensitiveCompare(candidate) == .orderedSame }) { return found }
            if candidate.lowercased() == "en" { return MessageCatalogue.reference }
            subtags.removeLast()
        }
        return nil
    }

    /// Whether `tag` is shaped like a BCP 47 tag: letters for the language, then subtags of
    /// letters and digits.
    static func isWellFormed(_ tag: String) -> Bool {
        tag.wholeMatch(of: /[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*/) != nil
    }
}
