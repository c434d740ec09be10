import RegimenDiagnostics

extension LoadStageRule {
    /// RG213: an exercise's image must be a file inside the repository.
    public static let imageFile = LoadStageRule(
        RuleDescriptor(
            code: "RG213", name: "image-file", severity: .error,
            summary: "an exercise's image is missing, absolute, outside the repository, a directory, or not the image its extension names",
            explanation: """
                Pictures help a patient get a position right, and the handout embeds them. Each \
                `images:` entry names a file relative to the file that defines the exercise, inside \
                the same repository, so that the handout looks the same on every machine. A missing \
                picture would silently drop out of the handout, so it is an error.

                An image is also checked by its content: a `.jpg`, `.png`, `.gif` or `.webp` file must \
                start as such a picture does, and an `.svg` file must be SVG text. A file whose bytes \
                are not what its extension says is not embedded in a handout.

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
                          - path: ↓images/bird-dog-1.svgz
                            alt: On hands and knees, reaching one arm forward and the opposite leg back
                        steps: [Kneel on all fours, Reach one arm forward and the opposite leg back, Hold, then change sides]
                      dead-bug:
                        name: Dead bug
                        images:
                          - path: ↓images/dead-bug-1.jpg
                            alt: Lying on the back, arms and knees raised
                        steps: [Lie on your back with arms and knees raised, Lower one arm and the opposite leg, Return and change sides]
                      cat-camel:
                        name: Cat and camel
                        images:
                          - path: ↓/usr/share/pictures/cat.png
                            alt: Arching and rounding the back on hands and knees
                        steps: [Kneel on all fours, Round your back up, Let it sag gently]
                    """,
                    files: [
                        "images/bird-dog-1.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>",
                        "images/dead-bug-1.jpg": "(a picture)",
                    ])
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
                          - path: images/bird-dog-1.svg
                            alt: On hands and knees, reaching one arm forward and the opposite leg back
                            credit: Drawing by the clinic
                        steps: [Kneel on all fours, Reach one arm forward and the opposite leg back, Hold, then change sides]
                    """,
                    files: [
                        "images/bird-dog-1.svg": "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>"
                    ])
            ]))
}
