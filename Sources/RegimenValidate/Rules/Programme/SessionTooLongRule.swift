import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG209: a session with many exercises is one that patients stop doing.
public struct SessionTooLongRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG209", name: "session-too-long", severity: .warning,
        summary: "a phase has more exercises in one session than patients tend to keep up",
        explanation: """
            Adherence to home exercise falls as programmes grow: a session of a few well-chosen \
            exercises is more likely to be done every day than a long list that takes most of an \
            hour. A phase with more items than the limit (8 unless configured) is warned about, \
            because the patient may quietly drop some of them, and not necessarily the ones the \
            clinician would choose.

            Keep the exercises that matter most in this phase, move others to a later phase, or \
            split the session (for example, stretches in the morning and strengthening in the \
            evening, as two phases or programmes). If a longer session is right for your \
            patients, raise the threshold with `--session-size-limit N`.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: knee-ligament-return
                title: Back to sport after a knee ligament sprain
                library: [library/knee.yaml]
                red-flags:
                  - Your knee swells up quickly, locks or gives way
                phases:
                  - id: ↓strengthen
                    weeks: 1-6
                    items:
                      - use: quads-set
                      - use: straight-leg-raise
                      - use: heel-slide
                      - use: bridge
                      - use: mini-squat
                      - use: step-up
                      - use: calf-raise
                      - use: hamstring-curl
                      - use: single-leg-balance
                """,
                files: [
                    "library/knee.yaml": """
                    regimen-library: 1
                    title: Knee
                    exercises:
                      quads-set: { name: Thigh squeeze, steps: [Press the back of your knee down] }
                      straight-leg-raise: { name: Straight leg raise, steps: [Lift the straight leg a hand's height] }
                      heel-slide: { name: Heel slide, steps: [Slide your heel towards your bottom] }
                      bridge: { name: Bridge, steps: [Lift your hips from the floor] }
                      mini-squat: { name: Mini squat, steps: [Bend your knees a little and stand up again] }
                      step-up: { name: Step up, steps: [Step up onto a low step and down again] }
                      calf-raise: { name: Calf raise, steps: [Rise up onto your toes and lower slowly] }
                      hamstring-curl: { name: Hamstring curl, steps: [Bend your knee to bring your heel up behind you] }
                      single-leg-balance: { name: Standing on one leg, steps: [Stand on one leg near a wall for support] }
                    """
                ])
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: knee-ligament-return
                title: Back to sport after a knee ligament sprain
                library: [library/knee.yaml]
                red-flags:
                  - Your knee swells up quickly, locks or gives way
                phases:
                  - id: strengthen
                    weeks: 1-6
                    items:
                      - use: quads-set
                      - use: bridge
                      - use: mini-squat
                      - use: step-up
                  - id: return-to-sport
                    weeks: 7-12
                    items:
                      - use: step-up
                      - use: calf-raise
                      - use: hamstring-curl
                      - use: single-leg-balance
                """,
                files: [
                    "library/knee.yaml": """
                    regimen-library: 1
                    title: Knee
                    exercises:
                      quads-set: { name: Thigh squeeze, steps: [Press the back of your knee down] }
                      bridge: { name: Bridge, steps: [Lift your hips from the floor] }
                      mini-squat: { name: Mini squat, steps: [Bend your knees a little and stand up again] }
                      step-up: { name: Step up, steps: [Step up onto a low step and down again] }
                      calf-raise: { name: Calf raise, steps: [Rise up onto your toes and lower slowly] }
                      hamstring-curl: { name: Hamstring curl, steps: [Bend your knee to bring your heel up behind you] }
                      single-leg-balance: { name: Standing on one leg, steps: [Stand on one leg near a wall for support] }
                    """
                ])
        ])

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        let limit = context.options.sessionSizeLimit
        return programme.programme.phases.compactMap { phase in
            guard phase.items.count > limit else { return nil }
            return finding(
                "phase `\(phase.id.value)` has \(phase.items.count) exercises in one session, more than \(limit)",
                at: phase.id.range,
                help: "move some exercises to another phase, or split the session; "
                    + "if longer sessions suit your patients, raise the threshold of \(limit) with `--session-size-limit N`")
        }
    }
}
