import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG205: following `progress-to` (or `regress-to`) must lead somewhere, never back.
public struct ProgressionLoopRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG205", name: "progression-loop", severity: .error,
        summary: "a progress-to or regress-to chain loops back on itself",
        explanation: """
            `progress-to` names the harder exercise a patient moves on to, and `regress-to` the \
            easier one to fall back to when an exercise hurts or is too hard. Each chain should \
            lead steadily one way and end. A chain that comes back round (bridge progresses to \
            single-leg bridge, which progresses to bridge) would send the patient in circles, \
            and a compiled plan could never say which exercise is the harder. The same goes for \
            an exercise that progresses or regresses to itself, and for one whose `progress-to` \
            and `regress-to` name the same exercise, which cannot be both harder and easier.

            Chains are followed through exercise definitions (in the programme and its library \
            files) and through items, which can override them; `progress-to` and `regress-to` \
            are followed separately, so two exercises that name each other, one with \
            `progress-to` and the other with `regress-to`, are fine. Change or remove one link of \
            the loop; the finding lists the loop and notes point at its other links.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: glute-strength
                title: Stronger buttocks for a steadier pelvis
                red-flags:
                  - Pain spreading down both legs, or numbness around your genitals
                exercises:
                  bridge:
                    name: Bridge
                    steps: [Lie on your back with your knees bent, Lift your hips until your body is straight, Lower slowly]
                    progress-to: single-leg-bridge
                  single-leg-bridge:
                    name: Single-leg bridge
                    steps: [Lie on your back with one knee bent and the other leg straight, Lift your hips using the bent leg, Lower slowly]
                    progress-to: ↓bridge
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: bridge
                        dose: { sets: 3, reps: 10 }
                """),
            RuleExample(
                """
                regimen: 1
                id: glute-strength
                title: Stronger buttocks for a steadier pelvis
                red-flags:
                  - Pain spreading down both legs, or numbness around your genitals
                exercises:
                  clam:
                    name: Clam
                    steps: [Lie on your side with your knees bent, Lift the top knee keeping your feet together, Lower slowly]
                    regress-to: ↓clam
                  side-lying-leg-lift:
                    name: Side-lying leg lift
                    steps: [Lie on your side with the bottom knee bent, Lift the top leg keeping it straight, Lower slowly]
                    progress-to: side-plank
                    regress-to: ↓side-plank
                  side-plank:
                    name: Side plank on your knees
                    steps: [Lie on your side propped on your elbow with your knees bent, Lift your hips off the floor, Hold then lower]
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: clam
                        dose: { sets: 3, reps: 12, side: each }
                      - use: side-lying-leg-lift
                        dose: { sets: 3, reps: 10, side: each }
                """),
            RuleExample(
                """
                regimen: 1
                id: glute-strength
                title: Stronger buttocks for a steadier pelvis
                library: [library/hip.yaml]
                red-flags:
                  - Pain spreading down both legs, or numbness around your genitals
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: side-plank
                        dose: { sets: 3, hold: 20s, side: each }
                        progress-to: ↓clam
                """,
                files: [
                    "library/hip.yaml": """
                    regimen-library: 1
                    title: Hip and buttock
                    exercises:
                      clam:
                        name: Clam
                        steps: [Lie on your side with your knees bent, Lift the top knee keeping your feet together, Lower slowly]
                        progress-to: side-plank
                      side-plank:
                        name: Side plank on your knees
                        steps: [Lie on your side propped on your elbow with your knees bent, Lift your hips off the floor, Hold then lower]
                    """
                ]),
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: glute-strength
                title: Stronger buttocks for a steadier pelvis
                red-flags:
                  - Pain spreading down both legs, or numbness around your genitals
                exercises:
                  bridge:
                    name: Bridge
                    steps: [Lie on your back with your knees bent, Lift your hips until your body is straight, Lower slowly]
                    progress-to: single-leg-bridge
                  single-leg-bridge:
                    name: Single-leg bridge
                    steps: [Lie on your back with one knee bent and the other leg straight, Lift your hips using the bent leg, Lower slowly]
                    regress-to: bridge
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: bridge
                        dose: { sets: 3, reps: 10 }
                """)
        ])

    /// The two chains, followed separately.
    enum Direction: CaseIterable {
        case progress, regress

        var key: String { self == .progress ? "progress-to" : "regress-to" }
        var verb: String { self == .progress ? "progresses" : "regresses" }
        var target: String { self == .progress ? "a harder" : "an easier" }

        var kind: ExerciseCatalogue.ExerciseLink.Kind { self == .progress ? .progress : .regress }

        func link(_ exercise: Exercise) -> Text? { self == .progress ? exercise.progressTo : exercise.regressTo }
        func link(_ item: Item) -> Text? { self == .progress ? item.progressTo : item.regressTo }
    }

    /// One link of a chain: `from` names `to`, at `range`.
    struct Edge {
        var from: String
        var to: String
        var range: SourceRange
    }

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        // Only items that write a link take part (copying every item would cost more than the rule).
        let items = programme.programme.phases.flatMap { $0.items.filter { $0.progressTo != nil || $0.regressTo != nil } }
        var out: [Diagnostic] = []
        let links = programme.catalogue.distinctLinks
        for direction in Direction.allCases {
            var edges = links.compactMap { link in
                link.kind == direction.kind ? Edge(from: link.from, to: link.to.value, range: link.to.range) : nil
            }
            edges += items.compactMap { item in
                direction.link(item).map { Edge(from: item.use.value, to: $0.value, range: $0.range) }
            }
            for cycle in Self.cycles(edges) {
                // A loop within one library file is reported when that file is checked, once,
                // however many programmes include it.
                let files = Set(cycle.map(\.range.file))
                if files.count == 1, files.first != programme.path { continue }
                out.append(report(cycle, direction, preferring: programme.path))
            }
        }
        for exercise in programme.programme.exercises {
            if let diagnostic = sameBothWays(exercise) { out.append(diagnostic) }
        }
        for item in items {
            if let diagnostic = sameBothWays(item, exercise: programme.catalogue[item.use.value]) { out.append(diagnostic) }
        }
        return out
    }

    public func check(library: LoadedLibrary, context: RuleContext) -> [Diagnostic] {
        let exercises = library.library.exercises
        var out: [Diagnostic] = []
        for direction in Direction.allCases {
            let edges = exercises.compactMap { exercise in
                direction.link(exercise).map { Edge(from: exercise.id.value, to: $0.value, range: $0.range) }
            }
            out += Self.cycles(edges).map { report($0, direction, preferring: library.path) }
        }
        out += exercises.compactMap { sameBothWays($0) }
        return out
    }

    // MARK: Findings

    /// The finding for `cycle`, at one of its links: the last one written in `file` if any link
    /// is there (that is where the reader is), otherwise the last by file and position.
    private func report(_ cycle: [Edge], _ direction: Direction, preferring file: String) -> Diagnostic {
        let local = cycle.indices.filter { cycle[$0].range.file == file }
        let candidates = local.isEmpty ? Array(cycle.indices) : local
        let chosen =
            candidates.max {
                (cycle[$0].range.file, cycle[$0].range.start) < (cycle[$1].range.file, cycle[$1].range.start)
            } ?? cycle.startIndex
        let edge = cycle[chosen]
        if cycle.count == 1 {
            return finding(
                "`\(edge.from)` \(direction.verb) to itself", at: edge.range,
                help: "name \(direction.target) exercise in `\(direction.key)`, or remove it")
        }
        // List the loop so that it ends with the link reported: a → b → a, reported at b's link.
        let start = cycle.index(after: chosen) == cycle.endIndex ? cycle.startIndex : cycle.index(after: chosen)
        let ordered = Array(cycle[start...] + cycle[..<start])
        let chain = (ordered.map(\.from) + [edge.to]).joined(separator: " → ")
        let notes = ordered.dropLast().prefix(8).map {
            Diagnostic.Note("`\($0.from)` \(direction.verb) to `\($0.to)` here", at: $0.range)
        }
        return finding(
            "\(direction.key) chain loops back on itself: \(chain)", at: edge.range,
            help: "a \(direction.key) chain should lead to ever \(direction == .progress ? "harder" : "easier") exercises and end; "
                + "change or remove one of its links",
            notes: Array(notes))
    }

    /// An exercise whose progress-to and regress-to name the same other exercise.
    private func sameBothWays(_ exercise: Exercise) -> Diagnostic? {
        guard let up = exercise.progressTo, let down = exercise.regressTo, up.value == down.value,
            up.value != exercise.id.value
        else { return nil }
        return finding(
            "`\(exercise.id.value)` progresses and regresses to the same exercise, `\(down.value)`", at: down.range,
            help: "`progress-to` names a harder exercise and `regress-to` an easier one; change one of them",
            notes: [.init("`progress-to` names it here", at: up.range)])
    }

    /// The same for an item, where either link may come from the item or from its exercise;
    /// reported only when the item itself writes one of them (otherwise the exercise is at fault).
    private func sameBothWays(_ item: Item, exercise: Exercise?) -> Diagnostic? {
        guard item.progressTo != nil || item.regressTo != nil,
            let up = item.progressTo ?? exercise?.progressTo, let down = item.regressTo ?? exercise?.regressTo,
            up.value == down.value, up.value != item.use.value
        else { return nil }
        let at = item.regressTo ?? up
        let other = item.regressTo == nil ? down : up
        return finding(
            "`\(item.use.value)` progresses and regresses to the same exercise, `\(down.value)`", at: at.range,
            help: "`progress-to` names a harder exercise and `regress-to` an easier one; change one of them",
            notes: [.init("`\(item.regressTo == nil ? "regress-to" : "progress-to")` names it here", at: other.range)])
    }

    // MARK: Cycles

    /// Loops in the graph of `edges`, each as its links in order, found by an iterative
    /// depth-first search (no recursion, however long the chains); each loop is reported once,
    /// whichever link the search met it by, and whichever of several links between the same
    /// two exercises it took.
    static func cycles(_ edges: [Edge]) -> [[Edge]] {
        var outgoing: [String: [Int]] = [:]
        var order: [String] = []
        for (index, edge) in edges.enumerated() {
            if outgoing[edge.from] == nil { order.append(edge.from) }
            outgoing[edge.from, default: []].append(index)
        }
        enum State { case onPath(Int), done }
        var state: [String: State] = [:]
        var found: [[Edge]] = []
        var seen = Set<[String]>()
        for start in order where state[start] == nil {
            // The path from `start`: each exercise with the index of the next link to follow,
            // and the links taken between them.
            var path: [(node: String, next: Int)] = [(start, 0)]
            var taken: [Int] = []
            state[start] = .onPath(0)
            while let top = path.last {
                let links = outgoing[top.node] ?? []
                guard top.next < links.count else {
                    state[top.node] = .done
                    path.removeLast()
                    if !taken.isEmpty { taken.removeLast() }
                    continue
                }
                path[path.count - 1].next = top.next + 1
                let link = links[top.next]
                let target = edges[link].to
                switch state[target] {
                case nil:
                    state[target] = .onPath(path.count)
                    path.append((target, 0))
                    taken.append(link)
                case .onPath(let depth):
                    let cycle = (taken[depth...] + [link]).map { edges[$0] }
                    if seen.insert(canonical(cycle.map(\.from))).inserted { found.append(cycle) }
                case .done:
                    continue
                }
            }
        }
        return found
    }

    /// The loop's exercises, rotated to start at the smallest id, so that the same loop met
    /// from different places compares equal.
    private static func canonical(_ nodes: [String]) -> [String] {
        guard let smallest = nodes.indices.min(by: { nodes[$0] < nodes[$1] }) else { return nodes }
        return Array(nodes[smallest...] + nodes[..<smallest])
    }
}
