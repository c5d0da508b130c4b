import Testing
@testable import CommandLineInterface

@Suite struct ArgumentParsingTests {
    @Test func inlineAndSeparateValues() throws {
        let parsed = try ParsedArguments(["a", "--seed=7", "--jobs", "3", "b"], for: Commands.run)
        #expect(parsed.positionals == ["a", "b"])
        #expect(parsed.values["--seed"] == "7")
        #expect(parsed.values["--jobs"] == "3")
        #expect(!parsed.wantsHelp)
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try ParsedArguments(["--", "--not-an-option"], for: Commands.run)
        #expect(parsed.positionals == ["--not-an-option"])
    }

    @Test func flagRejectsValue() {
        #expect(throws: UsageError.self) { try ParsedArguments(["--kinds=yes"], for: Commands.list) }
    }

    @Test func helpSkipsArgumentChecks() throws {
        let parsed = try ParsedArguments(["-h"], for: Commands.show)
        #expect(parsed.wantsHelp)
    }

    @Test func showRejectsSecondId() {
        do {
            _ = try ParsedArguments(["a", "b"], for: Commands.show)
            Issue.record("a second id was accepted")
        } catch {
            #expect(error.message == "Unexpected argument 'b'")
        }
    }

    @Test func usageLineListsEveryOption() {
        #expect(Commands.merge.usage == "theorem-check merge [--reports <dir>] [--format <list>]")
        #expect(Commands.list.usage == "theorem-check list [--theorems <dir>] [--kinds]")
    }

    @Test func longLabelsWrapInHelp() {
        #expect(HelpLayout.row("--a-very-long-option <value>", "Help.") == "  --a-very-long-option <value>\n                        Help.")
        #expect(HelpLayout.row("--x", "Help.") == "  --x                   Help.")
    }
}
