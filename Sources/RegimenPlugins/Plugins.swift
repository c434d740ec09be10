/// Plugins written in any language: executables that export plans (`regimen-export-NAME`) or
/// check programmes (`regimen-rule-NAME`), and declarative rule packs (`rules/*.yaml`).
///
/// - `Discovery`: where plugins are looked for, and which one of a name wins.
/// - `PluginContract` and the request and response types: the JSON each side writes
///   (docs/plugins.md).
/// - `ProcessRunner`: a child process, never a shell, bounded in time and output.
/// - `ExternalExporter`, `ExternalRule`: plugins behind the `Exporter` and `Rule` protocols.
/// - `RulePack`, `RulePackRule`: rule packs read, checked and run as rules.
/// - `RulePlugins`, `PluginSettings`: what a command adds to its run.
public enum Plugins {}
