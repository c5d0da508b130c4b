import Testing
@testable import ClaimKit

@Suite struct JSONParserTests {
    @Test func keepsNumberLiteralsAsText() throws {
        let value = try JSONParser.parse(#"{"a": 0.1, "b": 123456789012345678901234567890, "c": -2.5e-3}"#)
        guard case .object(let members) = value else {
            Issue.record("expected an object, got \(value)")
            return
        }
        #expect(members["a"] == .number("0.1"))
        #expect(members["b"] == .number("123456789012345678901234567890"))
        #expect(members["c"] == .number("-2.5e-3"))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#"["a\"b\\c\n", "\u00e9", "\ud83d\ude00"]"#)
        #expect(value == .array([.string("a\"b\\c\n"), .string("é"), .string("😀")]))
    }

    @Test func rejectsDuplicateKeys() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(#"{"a": 1, "a": 2}"#) }
    }

    @Test(arguments: [
        (#"{"a": 1,}"#, 1, 9),
        ("[1, 2", 1, 6),
        ("{\n  \"a\": tru\n}", 2, 8),
        ("01", 1, 2),
        (#"{"a": 1} x"#, 1, 10),
        ("\"tab\there\"", 1, 5),
    ])
    func reportsSyntaxErrorPosition(text: String, line: Int, column: Int) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("parsed invalid JSON: \(text)")
        } catch {
            #expect(error.line == line, "line for \(text)")
            #expect(error.column == column, "column for \(text)")
        }
    }

    @Test func skipsByteOrderMark() throws {
        #expect(try JSONParser.parse("\u{FEFF}[1]") == .array([.number("1")]))
    }

    @Test func compactTextSortsKeys() throws {
        let value = try JSONParser.parse(#"{"b": [1, "x"], "a": {"d": null, "c": true}}"#)
        #expect(value.compactText == #"{"a":{"c":true,"d":null},"b":[1,"x"]}"#)
    }

    @Test func quotedEscapesControlCharacters() {
        #expect(JSONValue.quoted("a\u{1}b\"") == #""a\u0001b\"""#)
    }
}
