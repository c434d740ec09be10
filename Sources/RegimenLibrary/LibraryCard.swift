import Foundation
import RegimenCompile
import RegimenDiagnostics
import RegimenExport
import RegimenFormat
import RegimenLoad

extension ExerciseLibrary {
    /// The handout cards for `entry`, as a handout without a patient prints them: the handout of
    /// a programme that prescribes the exercise alone, so that the compiler and the handout
    /// model decide every word (its own precautions, its easier and harder versions), and the
    /// text handout lays them out. Card 1 is the exercise; the versions it offers follow, the
    /// easier first. Each card's `usedInText` says where the card comes from instead of a phase.
    ///
    /// Image paths are relative to `directory` (absolute; the current directory for a command).
    public func cards(for entry: Entry, vocabulary: Vocabulary, directory: String) -> Handout {
        let place = SourceRange.wholeFile(entry.file)
        var programme = Programme(
            formatVersion: Located(1, at: place), id: Text(entry.id, at: place), title: Text(entry.name, at: place), range: place)
        var phase = Phase(id: Text("library", at: place), weeks: Located(WeekRange(first: 1, last: 1), at: place), range: place)
        phase.items = [Item(use: entry.exercise.id, range: place)]
        programme.phases = [phase]
        // This definition first, so that it wins over another of the same id; its versions are
        // looked up among the rest, as a programme including every file would.
        var catalogue = ExerciseCatalogue([entry.exercise])
        catalogue.add(contentsOf: ExerciseCatalogue(entries.map(\.exercise)))
        let loaded = LoadedProgramme(path: entry.file, programme: programme, catalogue: catalogue, root: directory)
        var diagnostics = DiagnosticCollector()
        let plan = Compiler(options: CompileOptions(outputDirectory: directory)).compile(
            loaded, load: load, vocabulary: vocabulary, diagnostics: &diagnostics)
        var handout = Handout(plan)
        for index in handout.cards.indices {
            let card = handout.cards[index]
            handout.cards[index].usedInText =
                card.number == 1
                ? "Library exercise `\(card.id)`, from \(entry.file)."
                : card.id == plan.exercises[entry.id]?.regressTo
                    ? "The easier version of card 1 (`\(card.id)`)." : "The harder version of card 1 (`\(card.id)`)."
            handout.cards[index].usedIn = []
        }
        return handout
    }
}
