import Foundation
import RegimenCompile
import RegimenFormat
import RegimenLoad

/// What a handout template sees: the typed `Handout`, as dictionaries, arrays, strings, numbers
/// and booleans. It adds only what Mustache cannot work out: `hasX` beside every list `x`, the
/// page set-up, and the log's boxes one by one. docs/handouts.md lists every key.
///
/// An absent value is null (`NSNull`), never a missing key: `{{#purpose}}` then skips it, and
/// the lookup does not climb to an outer value of the same name (a phase's `notes` in a row).
struct HandoutModel {
    typealias Object = [String: Any]

    /// The root object.
    let object: Object

    init(plan: Plan, options: ExportOptions) throws(ExportError) {
        var handout = Handout(plan)
        // Pictures are embedded: read inside the repository, checked, as data: URIs.
        for index in handout.cards.indices {
            var images: [Plan.ImageInfo] = []
            for info in handout.cards[index].images {
                if let image = try HandoutImages.image(info, options: options) { images.append(image) }
            }
            handout.cards[index].images = images
        }
        self.init(handout, paper: options.paper ?? Paper.usual(forLanguage: plan.patient?.language))
    }

    init(_ handout: Handout, paper: Paper) {
        var object = (Self.convert(handout) as? Object) ?? [:]
        let words = MessageCatalogue.shipped[handout.language].map(Words.init) ?? .britishEnglish
        object["lang"] = handout.language
        object["dir"] = words.catalogue.direction
        object["words"] = Self.words(words, handout: handout)
        object["paper"] = paper.rawValue
        object["pageSize"] = paper == .a4 ? "A4" : "letter"
        object["contentSecurityPolicy"] = HTMLExporter.contentSecurityPolicy
        object["log"] = handout.log.map { Self.log($0, words: words) }
        object["hasLog"] = !handout.log.isEmpty
        object["isWhole"] = handout.coverage.part == .whole
        object["introduces"] = handout.coverage.part == .whole || handout.coverage.weeks.first == 1
        object["hasClinicianContact"] = handout.clinician?.contact != nil
        object["phaseCount"] = handout.outline.count
        object["hasOutline"] = handout.outline.count > 1
        object["hasPatient"] = handout.patient != nil
        // A dose that does not change is shown without its weeks; equipment as one phrase.
        if var phases = object["phases"] as? [Object] {
            for (index, phase) in handout.phases.enumerated() where phases.indices.contains(index) {
                phases[index]["scheduleLabel"] = words.text("html.yourExercises", ["phase": phase.name])
                guard var rows = phases[index]["rows"] as? [Object] else { continue }
                for (row, source) in phase.rows.enumerated() where rows.indices.contains(row) {
                    guard var doses = rows[row]["doses"] as? [Object] else { continue }
                    for index in doses.indices {
                        doses[index]["showWeeks"] = source.doses.count > 1 || source.progression != nil
                        // A template words doses with `text`; the plan's numbers are the JSON's.
                        for key in ["dose", "sessions", "weeks"] { doses[index][key] = nil }
                    }
                    rows[row]["doses"] = doses
                }
                phases[index]["rows"] = rows
            }
            object["phases"] = phases
        }
        if var cards = object["cards"] as? [Object] {
            for (index, card) in handout.cards.enumerated() where cards.indices.contains(index) {
                cards[index]["equipmentText"] = card.equipment.isEmpty ? NSNull() : card.equipment.joined(separator: ", ")
                // Two or more pictures (a start and an end position) sit side by side, and a
                // credit they share is printed once under them.
                cards[index]["imagesPair"] = card.images.count > 1
                let credits = Set(card.images.map { $0.credit ?? "" })
                if card.images.count > 1, credits.count == 1, let credit = credits.first, !credit.isEmpty,
                    var images = cards[index]["images"] as? [Object]
                {
                    for image in images.indices { images[image]["credit"] = NSNull() }
                    cards[index]["images"] = images
                    cards[index]["imagesCredit"] = credit
                } else {
                    cards[index]["imagesCredit"] = NSNull()
                }
            }
            object["cards"] = cards
            // The versions only offered are short: they flow two to a row after the others.
            let offered = handout.cards.map(\.usedIn.isEmpty)
            object["usedCards"] = zip(cards, offered).filter { !$0.1 }.map(\.0)
            object["offeredCards"] = zip(cards, offered).filter { $0.1 }.map(\.0)
            object["hasOfferedCards"] = offered.contains(true)
        }
        self.object = object
    }

    /// A value of the handout as a template value: a struct as a dictionary (with `hasX` for each
    /// list `x`), an optional as its value or null, an enum as its raw value, a date as
    /// YYYY-MM-DD.
    static func convert(_ value: Any) -> Any {
        switch value {
        case let text as String: return text
        case let number as Int: return number
        case let flag as Bool: return flag
        case let number as Double: return number
        case let date as CalendarDate: return date.description
        case let raw as any RawRepresentable: return raw.rawValue
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { convert($0.value) } ?? NSNull()
        case .collection, .set:
            return mirror.children.map { convert($0.value) }
        case .struct, .class:
            var object: Object = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                let converted = convert(child.value)
                object[label] = converted
                if let list = converted as? [Any] {
                    object["has" + label.prefix(1).uppercased() + label.dropFirst()] = !list.isEmpty
                }
            }
            return object
        default:
            return String(describing: value)
        }
    }

    /// A log table with every box spelled out: per day, a list of boxes for each of the 7 days;
    /// per week, one list; each box with its label for a screen reader.
    static func log(_ table: Handout.LogTable, words: Words) -> Object {
        let rows: [Object] = table.rows.map { row in
            let cells: [Object] = zip(row.cells, table.weeks).map { cell, week in
                let place = ["exercise": row.name, "week": week.label]
                func label(day: Int?, session: Int, of count: Int) -> String {
                    var values = place.merging(["session": String(session), "count": String(count)]) { $1 }
                    guard let day else { return words.text("log.box.session", values) }
                    values["day"] = String(day)
                    return words.text(count > 1 ? "log.box.daySession" : "log.box.day", values)
                }
                if let perDay = cell.perDay {
                    let days: [Object] = perDay.enumerated().map { day, count in
                        let letter = week.days.indices.contains(day) ? week.days[day] : String(day + 1)
                        return ["day": letter, "boxes": (0..<count).map { label(day: day + 1, session: $0 + 1, of: count) }]
                    }
                    return ["perDay": true, "days": days, "boxes": [String]()]
                }
                let count = cell.perWeek ?? 0
                return ["perDay": false, "days": [Object](), "boxes": (0..<count).map { label(day: nil, session: $0 + 1, of: count) }]
            }
            return ["card": row.card, "name": row.name, "how": row.how, "cells": cells]
        }
        let weeks: [Object] = table.weeks.map { week in
            ["label": week.label, "dates": week.dates.map { $0 as Any } ?? NSNull(), "days": week.days]
        }
        // The day letters only head a table that has boxes by the day.
        let byDay = table.rows.contains { row in row.cells.contains { $0.perDay != nil } }
        return ["phase": table.phase, "name": table.name, "weeks": weeks, "rows": rows, "hasDays": byDay]
    }

    /// The template's fixed words (`html.*` in the catalogue, without the prefix): a sentence
    /// around a link or a name comes as the text before it and after it (`easierBefore`,
    /// `easierAfter`), so that the template can put the link between them in any language's
    /// order; the footer comes filled in.
    static func words(_ words: Words, handout: Handout) -> Object {
        var object: Object = [:]
        for key in words.catalogue.messages.keys where key.hasPrefix("html.") {
            let name = String(key.dropFirst(5))
            let text = words.text(key)
            switch name {
            case "yourExercises": continue
            case "footer": object[name] = words.text(key, ["programme": handout.programme, "plan": handout.planDigest])
            case "easier", "harder", "harderToAsk":
                let placeholder = name == "harderToAsk" ? "{name}" : "{link}"
                let parts = text.components(separatedBy: placeholder)
                object[name + "Before"] = parts.first ?? ""
                object[name + "After"] = parts.dropFirst().joined(separator: placeholder)
            default: object[name] = text
            }
        }
        return object
    }
}
