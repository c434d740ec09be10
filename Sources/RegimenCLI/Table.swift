import RegimenDiagnostics

/// Rows printed as columns padded to their widest cell, two spaces apart; the last column is
/// not padded. `plugins list` and `vocabulary list` print with it. Cells come from input (plugin
/// and pack names, paths, vocabulary words), so each is shown through `Visible` before the
/// widths are measured: the columns line up with the escapes, and no cell breaks a line.
struct Table {
    var header: [String]
    var rows: [[String]]

    var text: String {
        let all = ([header] + rows).map { $0.map(Visible.escaped) }
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { $0 == row.count - 1 ? row[$0] : row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
