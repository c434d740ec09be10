import Foundation
import RegimenCompile
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate

/// A small programme and patient that `regimen plugins check` sends to each plugin, so that a
/// plugin is tried on a real request without touching anyone's files. The patient has a start
/// date, so the plan has dates (a calendar exporter needs them).
public enum SmokeTest {
    /// The programme's file name in requests.
    public static let programmePath = "regimen-plugins-check.yaml"
    /// The patient's file name in requests.
    public static let patientPath = "regimen-plugins-check-patient.yaml"

    /// The programme.
    public static let programme = """
        regimen: 1
        id: plugin-check
        title: A short programme for checking plugins
        condition: [low-back-pain]
        references: ["NICE NG59 (2016, updated 2020)"]
        red-flags:
          - Numbness around the genitals or bottom, or new problems controlling your bladder or bowel
        exercises:
          walking:
            name: Walking
            kind: aerobic
            movements: [walking]
            steps: [Walk at a comfortable pace on level ground]
          bird-dog:
            name: Bird dog
            kind: stability
            movements: [hip-extension, shoulder-flexion, kneeling]
            steps: [Kneel on all fours, Lift one arm and the opposite leg, Hold and lower slowly]
        phases:
          - id: start
            title: Get going
            weeks: 1-2
            sessions: 2 per day
            items:
              - use: walking
                dose: { duration: 10 min }
              - use: bird-dog
                dose: { sets: 2, reps: 8, hold: 5s, side: alternating }
                progress: { every: 1 week, reps: +2, until: { reps: 10 } }
        """

    /// The patient.
    public static let patient = """
        regimen-patient: 1
        conditions: [low-back-pain]
        start: 2026-12-07
        language: en-GB
        """

    private static var fileSystem: MemoryFileSystem {
        MemoryFileSystem(
            files: ["/check/.git/HEAD": "ref: refs/heads/main\n", "/check/\(programmePath)": programme, "/check/\(patientPath)": patient],
            currentDirectory: "/check")
    }

    /// What was loaded, for rule plugins and rule packs.
    public static func load() -> LoadResult {
        Loader(fileSystem: fileSystem, root: "/check").load(paths: [programmePath], patient: patientPath)
    }

    /// The compiled plan, for exporters (nil only if this file is broken).
    public static func plan() -> Plan? {
        CompilePipeline(loader: Loader(fileSystem: fileSystem, root: "/check")).run(programme: programmePath, patient: patientPath).plan
    }
}
