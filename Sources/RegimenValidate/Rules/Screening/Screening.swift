import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// What screening rules share: which of an exercise's precautions reach one of the patient's
/// conditions, by meaning (a synonym, or a kind of the condition the precaution names).
enum Screening {
    /// A precaution of `exercise` that applies to the patient, with the patient's condition.
    struct Match {
        let precaution: Precaution
        /// The condition as the precaution names it.
        let named: String
        /// The patient's condition, as the profile words it.
        let condition: Text
    }

    /// The precautions of `exercise` at `level` that reach one of `patient`'s conditions.
    static func matches(_ exercise: Exercise, level: PrecautionLevel, patient: PatientProfile, vocabulary: Vocabulary) -> [Match] {
        var out: [Match] = []
        for precaution in exercise.precautions where precaution.level.value == level {
            for condition in patient.conditions {
                guard let named = precaution.conditions.first(where: { vocabulary.covers($0.value, condition.value, .condition) }) else {
                    continue
                }
                out.append(Match(precaution: precaution, named: named.value, condition: condition))
            }
        }
        return out
    }

    /// How a finding says that a rule written for `general` reaches the patient's `condition`:
    /// "`osteoporosis`, which this patient has" or "`osteoporosis`: this patient has
    /// `postmenopausal-osteoporosis` (recorded as `PMO`), a kind of it".
    static func reach(_ general: String, patient condition: String, _ vocabulary: Vocabulary, has: String = ", which this patient has")
        -> String
    {
        let rule = vocabulary.canonical(general, .condition)
        let own = vocabulary.canonical(condition, .condition)
        let recorded = own == condition ? "" : " (recorded as `\(condition)`)"
        return rule == own
            ? "`\(rule)`\(has)\(recorded)"
            : "`\(rule)`: this patient has `\(own)`\(recorded), a kind of it"
    }

    /// Every item of the programme with the exercise it uses (items naming unknown exercises
    /// are left to RG201).
    static func items(of programme: LoadedProgramme) -> [(phase: Phase, item: Item, exercise: Exercise)] {
        programme.programme.phases.flatMap { phase in
            phase.items.compactMap { item in
                programme.catalogue[item.use.value].map { (phase, item, $0) }
            }
        }
    }

    /// The easier exercise to offer instead: the item's regress-to, else the exercise's, when it
    /// is defined and not contraindicated for the patient itself.
    static func safeRegression(
        for item: Item, _ exercise: Exercise, in programme: LoadedProgramme, patient: PatientProfile, vocabulary: Vocabulary
    ) -> String? {
        guard let id = item.regressTo?.value ?? exercise.regressTo?.value, let target = programme.catalogue[id] else { return nil }
        return matches(target, level: .contraindicated, patient: patient, vocabulary: vocabulary).isEmpty ? id : nil
    }
}
