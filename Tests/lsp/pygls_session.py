"""Drives `regimen lsp` with pygls's LSP client, as an editor would, and prints what it saw as JSON.

    python3 pygls_session.py REGIMEN_BINARY PROGRAMME_FILE

PROGRAMME_FILE is a copy of programmes/sciatica-muscle-imbalance.yaml (with its library/) in a
git repository. The session: initialize; didOpen with the exercise id `prone-on-elbows` misspelt;
wait for publishDiagnostics; completion after `use: `; hover on an exercise id and on a rule code;
definition from `use:`; code actions for the finding; didChange fixing the typo; wait for
diagnostics to clear; shutdown; exit; the server's exit code. RegimenTests/LanguageServerTests.swift
runs it and checks the report.
"""

import asyncio
import json
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TIMEOUT = 30


async def main(binary: str, programme: Path) -> dict:
    report: dict = {}
    client = LanguageClient("regimen-test", "1")
    published: dict[int, asyncio.Future] = {}
    loop = asyncio.get_running_loop()

    def waiter(version: int) -> asyncio.Future:
        return published.setdefault(version, loop.create_future())

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams):
        if params.uri == programme.as_uri() and params.version is not None:
            future = waiter(params.version)
            if not future.done():
                future.set_result(params.diagnostics)

    await client.start_io(binary, "lsp", cwd=str(programme.parent))
    result = await asyncio.wait_for(
        client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                root_uri=programme.parent.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=programme.parent.as_uri(), name="repo")],
            )
        ),
        TIMEOUT,
    )
    report["positionEncoding"] = result.capabilities.position_encoding
    client.initialized(types.InitializedParams())

    good = programme.read_text(encoding="utf-8")
    typo = good.replace("- use: prone-on-elbows\n", "- use: prone-on-elbow\n", 1)
    uri = programme.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=typo))
    )
    diagnostics = await asyncio.wait_for(waiter(1), TIMEOUT)
    report["diagnostics"] = [
        {
            "line": d.range.start.line,
            "character": d.range.start.character,
            "endCharacter": d.range.end.character,
            "code": d.code,
            "source": d.source,
            "message": d.message,
            "href": d.code_description.href if d.code_description else None,
        }
        for d in diagnostics
    ]

    lines = typo.split("\n")
    use_line = next(i for i, line in enumerate(lines) if line.endswith("- use: prone-on-elbow"))
    slider_line = next(i for i, line in enumerate(lines) if line.endswith("- use: sciatic-nerve-slider"))

    # Completion right after `use: ` on an item whose exercise is in library/lumbar.yaml.
    column = lines[slider_line].index("sciatic-nerve-slider")
    completion = await asyncio.wait_for(
        client.text_document_completion_async(
            types.CompletionParams(types.TextDocumentIdentifier(uri), types.Position(slider_line, column))
        ),
        TIMEOUT,
    )
    items = completion.items if isinstance(completion, types.CompletionList) else (completion or [])
    report["completion"] = [{"label": i.label, "detail": i.detail} for i in items]

    # Hover on an exercise id, and on a rule code written in a comment.
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(slider_line, column + 2))
        ),
        TIMEOUT,
    )
    report["hoverExercise"] = hover.contents.value if hover else None

    with_comment = typo.replace("regimen: 1\n", "regimen: 1  # see RG201\n", 1)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [types.TextDocumentContentChangeWholeDocument(text=with_comment)],
        )
    )
    await asyncio.wait_for(waiter(2), TIMEOUT)
    rule_column = with_comment.split("\n")[0].index("RG201") + 2
    hover = await asyncio.wait_for(
        client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, rule_column))),
        TIMEOUT,
    )
    report["hoverRule"] = hover.contents.value if hover else None

    # Definition from `use: sciatic-nerve-slider` into the library file.
    definition = await asyncio.wait_for(
        client.text_document_definition_async(
            types.DefinitionParams(types.TextDocumentIdentifier(uri), types.Position(slider_line, column + 1))
        ),
        TIMEOUT,
    )
    locations = definition if isinstance(definition, list) else ([definition] if definition else [])
    report["definition"] = [
        {"uri": l.uri, "line": l.range.start.line, "character": l.range.start.character} for l in locations
    ]

    # The quick fix for the misspelt id.
    typo_column = lines[use_line].index("prone-on-elbow")
    actions = await asyncio.wait_for(
        client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(uri),
                types.Range(types.Position(use_line, typo_column), types.Position(use_line, typo_column + 3)),
                types.CodeActionContext(diagnostics=[]),
            )
        ),
        TIMEOUT,
    )
    report["codeActions"] = [
        {
            "title": a.title,
            "kind": a.kind,
            "edits": [
                {"line": e.range.start.line, "character": e.range.start.character, "endCharacter": e.range.end.character, "newText": e.new_text}
                for edits in (a.edit.changes or {}).values()
                for e in edits
            ],
        }
        for a in (actions or [])
        if isinstance(a, types.CodeAction)
    ]

    # Fixing the typo clears the findings.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=3),
            [types.TextDocumentContentChangeWholeDocument(text=good)],
        )
    )
    fixed = await asyncio.wait_for(waiter(3), TIMEOUT)
    report["diagnosticsAfterFix"] = [{"line": d.range.start.line, "code": d.code, "message": d.message} for d in fixed]

    await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
    client.exit(None)
    server = client._server
    report["exitCode"] = await asyncio.wait_for(server.wait(), TIMEOUT) if server else None
    await client.stop()
    return report


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1], Path(sys.argv[2]).resolve())), indent=1))
