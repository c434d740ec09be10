/// Plugins written in any language: executables that export plans or check programmes, and
/// declarative rule packs. (The host is being written: see the plugins issue.)
public enum Plugins {}
