import Exact
import Testing
@testable import ClaimKit

@Suite struct ParametersTests {
    private func parameters(_ json: String, field: String = "parameters") throws -> Parameters {
        guard case .object(let members) = try JSONParser.parse(json) else {
            throw SpecError(file: "", field: "", value: "", problem: "test input is not an object", fix: "")
        }
        return Parameters(file: "Theorems/t.json", field: field, members: members)
    }

    @Test func rationalFromDecimalIsExact() throws {
        let values = try parameters(#"{"a": "0.1", "b": "1/3", "c": "-2.5e-3", "d": 7}"#)
        #expect(try values.rational("a") == Rational(1, 10))
        #expect(try values.rational("b") == Rational(1, 3))
        #expect(try values.rational("c") == Rational(-1, 400))
        #expect(try values.rational("d") == Rational(7))
    }

    @Test func binary64NumberIsRejected() throws {
        let values = try parameters(#"{"eta": 0.1}"#)
        do {
            _ = try values.rational("eta")
            Issue.record("0.1 as a JSON number was accepted")
        } catch {
            #expect(error.file == "Theorems/t.json")
            #expect(error.field == "parameters.eta")
            #expect(error.value == "0.1")
            #expect(error.fix.contains("\"0.1\""))
        }
    }

    @Test func malformedExactNumberNamesField() throws {
        let values = try parameters(#"{"gamma": "nine tenths"}"#)
        #expect(throws: SpecError(file: "Theorems/t.json", field: "parameters.gamma", value: "\"nine tenths\"",
                                  problem: "not an exact number",
                                  fix: "write an integer, a decimal such as \"0.1\" or \"-2.5e-3\", or a fraction such as \"1/3\"")) {
            try values.rational("gamma")
        }
    }

    @Test(arguments: ["1/0", "1/", "/2", "1.", ".", "1e", "--1", "1/2/3", "0x10", ""])
    func exactNumberSyntaxRejects(text: String) {
        #expect(!ExactNumberSyntax.isValid(text))
    }

    @Test(arguments: ["0", "-7", "+3", "0.5", "10.25e+4", "3E-2", "22/7", "-1/3"])
    func exactNumberSyntaxAccepts(text: String) {
        #expect(ExactNumberSyntax.isValid(text))
    }

    @Test func missingParameterNamesFieldAndFix() throws {
        let values = try parameters("{}", field: "instances[2].parameters")
        do {
            _ = try values.integer("steps")
            Issue.record("missing parameter accepted")
        } catch {
            #expect(error.field == "instances[2].parameters.steps")
            #expect(error.value == "")
            #expect(error.problem == "missing required parameter")
        }
    }

    @Test func integerOutOfRangeIsRejected() throws {
        let values = try parameters(#"{"n": 99999999999999999999, "m": "-12"}"#)
        #expect(throws: SpecError.self) { try values.integer("n") }
        #expect(try values.integer("m") == -12)
        #expect(try values.bigInteger("n") == BigInt(parsing: "99999999999999999999"))
    }

    @Test func mergingLetsOverridesWin() throws {
        let claim = try parameters(#"{"a": 1, "b": 2}"#, field: "parameters")
        let instance = try parameters(#"{"b": 3}"#, field: "instances[0].parameters")
        let control = try parameters(#"{"a": "1/2"}"#, field: "negativeControls[0].parameters")
        let merged = claim.merging(instance).merging(control)
        #expect(try merged.rational("a") == Rational(1, 2))
        #expect(try merged.integer("b") == 3)
        #expect(merged.fieldPath("a") == "negativeControls[0].parameters.a")
        #expect(merged.fieldPath("b") == "instances[0].parameters.b")
    }

    @Test func arrayElementErrorsNameTheIndex() throws {
        let values = try parameters(#"{"costs": ["1/2", true, "1"]}"#)
        do {
            _ = try values.rationals("costs")
            Issue.record("a boolean was accepted as a rational")
        } catch {
            #expect(error.field == "parameters.costs[1]")
            #expect(error.value == "true")
        }
    }

    @Test func rationalMatrixRejectsRaggedRows() throws {
        let values = try parameters(#"{"p": [["1/2", "1/2"], ["1"]]}"#)
        do {
            _ = try values.rationalMatrix("p")
            Issue.record("ragged matrix accepted")
        } catch {
            #expect(error.field == "parameters.p[1]")
        }
        let square = try parameters(#"{"p": [["1/2", "1/2"], [0, 1]]}"#)
        #expect(try square.rationalMatrix("p") == [[Rational(1, 2), Rational(1, 2)], [Rational(0), Rational(1)]])
    }

    @Test func unknownKeysAreRejected() throws {
        let values = try parameters(#"{"stepSize": 1, "stepsize": 2}"#)
        #expect(throws: SpecError.self) { try values.rejectUnknownKeys(allowed: ["stepSize"]) }
        try values.rejectUnknownKeys(allowed: ["stepSize", "stepsize"])
    }
}

@Suite struct OptionalParametersTests {
    @Test func absentAndNullGiveNil() throws {
        guard case .object(let members) = try JSONParser.parse(#"{"a": null, "b": ["1/2"], "c": ["x"], "d": [1]}"#) else {
            Issue.record("test input is not an object")
            return
        }
        let values = Parameters(file: "f.json", field: "parameters", members: members)
        #expect(try values.optionalRationals("a") == nil)
        #expect(try values.optionalRationals("missing") == nil)
        #expect(try values.optionalRationals("b") == [Rational(1, 2)])
        #expect(try values.optionalStrings("c") == ["x"])
        #expect(try values.optionalInteger("a") == nil)
        #expect(try values.optionalRational("missing") == nil)
        #expect(throws: SpecError.self) { try values.optionalStrings("d") }
    }
}
