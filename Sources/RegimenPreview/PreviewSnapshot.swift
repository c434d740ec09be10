import Foundation
import RegimenDiagnostics

/// What the page shows at one moment: the latest render's findings and sources, and the last
/// handout that could be made, marked out of date when the latest render could not make one.
public struct PreviewSnapshot: Sendable {
    /// Counts every render, starting at 1: the page asks for anything newer than what it has.
    public var generation: Int
    /// The generation of the render that made `handout`; 0 when no handout was ever made.
    public var handoutGeneration: Int
    /// The latest render.
    public var render: PreviewRender
    /// The last handout made, taken apart for the page.
    public var handout: HandoutFragment?
    /// The programme, as shown in the page's title bar.
    public var programme: String

    /// Whether the handout shown is not the latest render's (the programme is broken mid-edit).
    public var stale: Bool { handout != nil && render.handout == nil }

    /// The first snapshot, of `render`.
    public init(first render: PreviewRender, programme: String) {
        generation = 0
        handoutGeneration = 0
        self.render = render
        self.programme = programme
        self = next(render)
    }

    /// The snapshot after this one, showing `render`: the handout is replaced only when
    /// `render` made one.
    public func next(_ render: PreviewRender) -> PreviewSnapshot {
        var next = self
        next.generation += 1
        next.render = render
        if let document = render.handout {
            next.handout = HandoutFragment(document: document)
            next.handoutGeneration = next.generation
        }
        return next
    }

    /// "2 errors, 1 warning", "no problems found", "handout out of date: 1 error".
    public var status: String {
        let errors = render.count(.error) + render.problems.count
        let warnings = render.count(.warning)
        let notes = render.count(.note)
        var parts: [String] = []
        if errors > 0 { parts.append(errors == 1 ? "1 error" : "\(errors) errors") }
        if warnings > 0 { parts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
        if notes > 0 { parts.append(notes == 1 ? "1 note" : "\(notes) notes") }
        let found = parts.isEmpty ? "no problems found" : parts.joined(separator: ", ")
        return stale ? "handout out of date: \(found)" : found
    }

    /// `/state`: what a script or a test needs to know that the page changed.
    public var stateJSON: Data {
        let state: [String: Any] = [
            "generation": generation, "handoutGeneration": handoutGeneration, "stale": stale, "handout": handout != nil,
            "errors": render.count(.error), "warnings": render.count(.warning), "notes": render.count(.note),
            "problems": render.problems.count, "status": status,
        ]
        return (try? JSONSerialization.data(withJSONObject: state, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
