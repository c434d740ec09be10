import Crypto
import Foundation

/// The preview page's own style sheet and script, and the Content-Security-Policy that allows
/// exactly them (by hash) and the handout's style sheet, and nothing else.
enum PageAssets {
    /// The page's look: findings first, then the handout, then the source listing.
    static let style = """
        body { margin: 0; font: 15px/1.4 "Liberation Sans", Arial, "DejaVu Sans", sans-serif; color: #111; background: #f4f4f4; }
        #rp-bar { position: sticky; top: 0; z-index: 2; background: #14485a; color: #fff; padding: 0.4em 1em; display: flex; gap: 1em; flex-wrap: wrap; }
        #rp-bar .rp-file { font-family: "DejaVu Sans Mono", monospace; }
        .rp-panel { background: #fff; margin: 0.8em 1em; padding: 0.6em 1em; border: 1px solid #bbb; }
        .rp-panel > h2 { font-size: 1.05em; margin: 0.2em 0 0.5em; }
        .rp-findings { list-style: none; margin: 0; padding: 0; }
        .rp-finding { border-left: 4px solid #888; padding: 0.3em 0.6em; margin: 0.4em 0; background: #fafafa; }
        .rp-finding.rp-error { border-color: #b00020; }
        .rp-finding.rp-warning { border-color: #b26a00; }
        .rp-sev { font-weight: bold; text-transform: uppercase; font-size: 0.8em; }
        .rp-code { font-weight: bold; }
        .rp-excerpt, .rp-listing { font: 13px/1.35 "DejaVu Sans Mono", monospace; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.3em 0; }
        .rp-excerpt { background: #f0f0f0; padding: 0.2em 0.4em; }
        .rp-help, .rp-note { margin: 0.2em 0; color: #333; }
        .rp-ok { color: #1b5e20; font-weight: bold; }
        #rp-stale { background: #fff3cd; border: 2px solid #b26a00; padding: 0.5em 1em; font-weight: bold; }
        #rp-stale[hidden] { display: none; }
        .rp-stale-handout { opacity: 0.55; filter: grayscale(1); }
        #rp-handout { background: #fff; }
        .rp-source h3 { font: bold 14px "DejaVu Sans Mono", monospace; margin: 0.8em 0 0.3em; }
        .rp-line { display: block; }
        .rp-line:target { background: #fff3cd; outline: 1px solid #b26a00; }
        .rp-line.rp-hit { background: #fde7ea; }
        .rp-ln { display: inline-block; width: 4em; color: #666; text-align: right; padding-right: 0.8em; user-select: none; text-decoration: none; }
        """

    /// The page's script: long-polls `/updates` and swaps in the fragments of each new render.
    /// It sets only `textContent`, `hidden` and the server's own escaped markup.
    static let script = """
        (function () {
          "use strict";
          var body = document.body;
          var generation = Number(body.getAttribute("data-generation"));
          var handoutGeneration = Number(body.getAttribute("data-handout-generation"));
          var styleHash = body.getAttribute("data-style");
          function byId(id) { return document.getElementById(id); }
          function apply(state) {
            if (state.style !== styleHash) { window.location.reload(); return; }
            byId("rp-findings").innerHTML = state.findings;
            byId("rp-sources").innerHTML = state.sources;
            byId("rp-status").textContent = state.status;
            byId("rp-stale").hidden = !state.stale;
            var host = byId("rp-handout");
            host.classList.toggle("rp-stale-handout", state.stale);
            if (state.handout !== null && state.handoutGeneration !== handoutGeneration) {
              var root = host.shadowRoot || host.attachShadow({ mode: "open" });
              root.innerHTML = state.handout;
              handoutGeneration = state.handoutGeneration;
            }
            generation = state.generation;
            body.setAttribute("data-generation", String(generation));
          }
          function poll() {
            fetch("/updates?after=" + generation, { cache: "no-store" })
              .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
              .then(function (state) { if (state.generation > generation) { apply(state); } poll(); })
              .catch(function () { byId("rp-status").textContent = "not connected: is regimen preview still running?"; window.setTimeout(poll, 1000); });
          }
          poll();
        })();
        """

    /// `'sha256-…'`: a CSP source allowing an inline element whose content is `text`.
    static func hashSource(_ text: String) -> String {
        "'sha256-\(Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString())'"
    }

    /// The policy for every response: nothing but the page's own script and styles and the
    /// handout's style sheet (`handoutStyle`), images only as data: URIs, requests only back here.
    static func contentSecurityPolicy(handoutStyle: String?) -> String {
        let styles = [hashSource(style)] + (handoutStyle.map { [hashSource($0)] } ?? [])
        return [
            "default-src 'none'", "script-src \(hashSource(script))", "style-src \(styles.joined(separator: " "))", "img-src data:",
            "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
        ].joined(separator: "; ")
    }
}
