import RegimenDiagnostics

extension LoadStageRule {
    /// RG213: an exercise's image must be a file inside the repository.
    public static let imageFile = LoadStageRule(
        RuleDescriptor(
            code: "RG213", name: "image-file", severity: .error,
            summary: "an exercise's image is missing, absolute, outside the repository, or a directory",
            explanation: """
                Pictures help a patient get a position right, and the handout embeds them. Each \
                `images:` entry names a file relative to the file that defines the exercise, inside \
                the same repository, so that the handout looks the same on every machine. A missing \
                picture would silently drop out of the handout, so it is an error.

                Correct the path (a close file name in the same folder is suggested), or copy the \
                image into the repository, with its credit.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen-library: 1
                    title: Lumbar spine
                    exercises:
                      bird-dog:
                        name: Bird dog
                        images:
                          - path: ↓images/bird-dog-1.jpeg
                            alt: On hands and knees, reaching one arm forward and the opposite leg back
                        steps: [Kneel on all fours, Reach one arm forward and the opposite leg back, Hold, then change sides]
                      cat-camel:
                        name: Cat and camel
                        images:
                          - path: ↓/usr/share/pictures/cat.png
                            alt: Arching and rounding the back on hands and knees
                        steps: [Kneel on all fours, Round your back up, Let it sag gently]
                    """,
                    files: ["images/bird-dog-1.jpg": "(a picture)"])
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen-library: 1
                    title: Lumbar spine
                    exercises:
                      bird-dog:
                        name: Bird dog
                        images:
                          - path: images/bird-dog-1.jpg
                            alt: On hands and knees, reaching one arm forward and the opposite leg back
                            credit: Photo from free-exercise-db (public domain)
                        steps: [Kneel on all fours, Reach one arm forward and the opposite leg back, Hold, then change sides]
                    """,
                    files: ["images/bird-dog-1.jpg": "(a picture)"])
            ]))
}
