/// Helpers for writing Markdown.
enum MarkdownText {
    /// Makes `text` safe inside a table cell: escapes `|` and turns line breaks into `<br>`.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
    }

    /// Formats a table with a header row; every row is padded or cut to the header's width.
    static func table(_ columns: [String], _ rows: [[String]]) -> String {
        var lines = ["| " + columns.map(cell).joined(separator: " | ") + " |",
                     "|" + String(repeating: "---|", count: columns.count)]
        for row in rows {
            var cells = Array(row.prefix(columns.count))
            cells += Array(repeating: "", count: columns.count - cells.count)
            lines.append("| " + cells.map(cell).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// Inline code, with a fence long enough for backticks inside `text`.
    static func code(_ text: String) -> String {
        let fence = text.contains("`") ? "``" : "`"
        let padding = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + padding + text + padding + fence
    }
}
