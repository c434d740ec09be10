import RegimenCompile
import RegimenConfig
import RegimenLoad
import RegimenValidate

// The pipelines take a workspace, as swift-openapi-generator's pipeline takes its
// configuration; each stage is still a parameter, so that a test can swap one.

extension ConfiguredValidation {
    /// `regimen validate` in `workspace`: its rules (built-in, rule plugins and rule packs), its
    /// configurations as read, `--root`, `--limit` and `--config`. `pipeline` is the pipeline
    /// before any of that (a test may give one reading from memory); its registry is replaced.
    public init(
        workspace: Workspace, pipeline: ValidationPipeline? = nil, sessionSizeLimit: Int? = nil, baselinePath: String? = nil
    ) {
        var pipeline =
            pipeline
            ?? ValidationPipeline(loader: Loader(fileSystem: workspace.arguments.fileSystem, root: workspace.arguments.root))
        pipeline.validator.registry = workspace.rules
        self.init(
            pipeline: pipeline, configurationPath: workspace.arguments.configurationPath,
            overrides: Overrides(limits: workspace.arguments.limitOverrides, sessionSizeLimit: sessionSizeLimit), baselinePath: baselinePath)
        preloaded = workspace.loadedByPath
    }
}

extension CompilePipeline {
    /// Compiling the first input of `workspace`: its loader (root, limits, library paths) and
    /// the validator a plan is made behind (built-in rules; `planValidator()`), with `compiler`.
    public init(workspace: Workspace, loader: Loader? = nil, validator: Validator? = nil, compiler: Compiler = Compiler()) {
        self.init(loader: loader ?? workspace.loader(), validator: validator ?? workspace.planValidator(), compiler: compiler)
    }
}
