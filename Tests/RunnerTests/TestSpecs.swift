import ClaimKit
import Foundation

/// Builds self-test specs as JSON text and writes them into temporary theorem directories.
enum TestSpecs {
    static func json(id: String, kind: String, expected: String = "proved-exact",
                     instances: String = #"[{"id": "i1", "description": "first", "parameters": {"left": "1/3", "right": "1/2"}}]"#,
                     controls: String = #"[{"id": "swap", "description": "swapped", "parameters": {"left": "1/2", "right": "1/3"}, "expectedVerdict": "refuted"}]"#,
                     budget: Int = 20, provenance: String = "derived") -> String {
        """
        {
          "id": "\(id)",
          "title": "Self-test claim \(id)",
          "source": {"title": "Engine self-test", "authors": ["TheoremCheck"], "location": "none"},
          "provenance": "\(provenance)",
          "statement": "$1/3 \\\\le 1/2$",
          "hypotheses": [],
          "check": {"kind": "\(kind)", "rigor": "exact", "description": "Self-test check."},
          "instances": \(instances),
          "expectedVerdict": "\(expected)",
          "negativeControls": \(controls),
          "budgetSeconds": \(budget)
        }
        """
    }

    static func spec(_ text: String, id: String) throws -> TheoremSpec {
        try TheoremSpec.parse(text, file: "T/\(id).json", expectedID: id, theoremsDirectory: nil)
    }

    /// Creates a fresh temporary directory; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runner-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
