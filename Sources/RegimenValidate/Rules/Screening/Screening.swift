import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// What screening rules share: which of an exercise's precautions name one of the patient's
/// conditions.
enum Screening {
    /// A precaution of `exercise` that applies to the patient, with the patient's condition.
    struct Match {
        let precaution: Precaution
        let condition: Text
    }

    /// The precautions of `exercise` at `level` naming one of `patient`'s conditions.
    static func matches(_ exercise: Exercise, level: PrecautionLevel, patient: PatientProfile) -> [Match] {
        var out: [Match] = []
        for precaution in exercise.precautions where precaution.level.value == level {
            for condition in patient.conditions where precaution.conditions.contains(where: { $0.value == condition.value }) {
                out.append(Match(precaution: precaution, condition: condition))
            }
        }
        return out
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
    static func safeRegression(for item: Item, _ exercise: Exercise, in programme: LoadedProgramme, patient: PatientProfile) -> String? {
        guard let id = item.regressTo?.value ?? exercise.regressTo?.value, let target = programme.catalogue[id] else { return nil }
        return matches(target, level: .contraindicated, patient: patient).isEmpty ? id : nil
    }
}
