import ClaimKit
import Foundation
import Testing

@Suite("JSON data files")
struct JSONFileTests {
    func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("jsonfile-\(UUID().uuidString).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("object members are returned")
    func readsObject() throws {
        let url = try write(#"{"a": "1/3", "b": [1, 2]}"#)
        defer { try? FileManager.default.removeItem(at: url) }
        let members = try JSONFile.readObject(at: url, file: "data/x.json", fix: "fix it")
        #expect(members["a"] == .string("1/3"))
        #expect(members.count == 2)
    }

    @Test("invalid JSON names line and column")
    func invalidJSON() throws {
        let url = try write("{\n  \"a\": ,\n}")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try JSONFile.readObject(at: url, file: "data/x.json", fix: "fix it")
            Issue.record("invalid JSON was accepted")
        } catch {
            #expect(error.file == "data/x.json")
            #expect(error.problem.contains("line 2"))
            #expect(error.fix == "fix it")
        }
    }

    @Test("array at top level is rejected")
    func topLevelArray() throws {
        let url = try write("[1, 2]")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try JSONFile.readObject(at: url, file: "data/x.json", fix: "fix it")
            Issue.record("a top-level array was accepted")
        } catch {
            #expect(error.value == "an array")
            #expect(error.problem.contains("object"))
        }
    }

    @Test("missing file is reported")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/theorem-check/data.json")
        #expect(throws: SpecError.self) {
            try JSONFile.readObject(at: url, file: "data/missing.json", fix: "fix it")
        }
    }
}
