import Foundation
import RegimenCompile
import RegimenExport

/// An exporter in another process (`regimen-export-NAME`): the request goes to its standard
/// input as JSON, the document comes back on its standard output. It is used through the same
/// `Exporter` protocol as the built-in exporters; whatever goes wrong becomes an `ExportError`
/// naming the plugin, and no document.
public struct ExternalExporter: Exporter {
    /// The executable.
    public let plugin: DiscoveredPlugin
    /// What it said about itself.
    public let pluginDescription: PluginDescription
    /// Runs it, within the limits.
    public let runner: ProcessRunner

    public var identifier: String { plugin.name }
    public var fileExtension: String { pluginDescription.fileExtension ?? "txt" }
    public var mediaType: String { pluginDescription.mediaType ?? "application/octet-stream" }
    public var summary: String { pluginDescription.description }

    /// Asks `plugin` to describe itself, and returns the exporter when its description is one
    /// this Regimen can use.
    public static func load(_ plugin: DiscoveredPlugin, runner: ProcessRunner) -> Result<ExternalExporter, PluginFailure> {
        Describer.describe(plugin, runner: runner).map { ExternalExporter(plugin: plugin, pluginDescription: $0, runner: runner) }
    }

    /// The request the plugin is sent for `plan` (narrowed already when a part was chosen): the
    /// plan, its handout, what part it is, and the safety wording older plugins read.
    public func request(_ plan: Plan, options: ExportOptions) -> ExportRequest {
        var request = ExportRequest(
            format: identifier, plan: plan,
            options: ExportRequest.Options(planDirectory: options.planDirectory, paper: options.paper?.rawValue))
        // `ExportRequest(format:plan:options:)` builds `handout` and `selection` from `plan`.
        request.safety = HandoutSafety(plan)
        return request
    }

    public func export(_ plan: Plan, options: ExportOptions) throws(ExportError) -> Data {
        switch run(request(plan, options: options)) {
        case .success(let document): return document
        case .failure(let failure):
            throw ExportError(failure.message, help: ([failure.help] + failure.notes.map(\.message)).joined(separator: "; "))
        }
    }

    /// Sends `request` and returns the document, or why there is none.
    public func run(_ request: ExportRequest) -> Result<Data, PluginFailure> {
        let activity = "exporting `\(request.plan.programme.id)` as \(identifier)"
        let input: Data
        do {
            input = try PluginContract.encoder().encode(request)
        } catch {
            return .failure(
                PluginFailure(plugin: plugin.executableName, activity: activity, reason: .couldNotStart("the plan could not be encoded")))
        }
        let outcome = runner.run(plugin.path, input: input)
        if let failure = PluginFailure.from(outcome, plugin: plugin.executableName, activity: activity, limits: runner.limits) {
            return .failure(failure)
        }
        guard !outcome.output.isEmpty else {
            return .failure(
                PluginFailure(
                    plugin: plugin.executableName, activity: activity, reason: .malformed("it wrote no document on standard output"),
                    errorTail: outcome.errorTail()))
        }
        return .success(outcome.output)
    }
}
