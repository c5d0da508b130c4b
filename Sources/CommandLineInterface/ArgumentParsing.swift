/// A command-line mistake: printed as "Error: MESSAGE", the usage line and a pointer to
/// `--help`, with exit status 3.
struct UsageError: Error, Sendable {
    var message: String
    var command: CommandDefinition?
}

/// The arguments given to one subcommand, split by `CommandDefinition`.
struct ParsedArguments: Sendable {
    var positionals: [String] = []
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var wantsHelp = false

    /// Splits `arguments` into positionals, `--option value` (or `--option=value`) pairs
    /// and flags, rejecting options the command does not declare and repeated options.
    init(_ arguments: [String], for command: CommandDefinition) throws(UsageError) {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            if argument == "-h" || argument == "--help" {
                wantsHelp = true
                continue
            }

            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = command.options.first(where: { $0.name == name }) else {
                throw UsageError(message: "Unknown option '\(name)'", command: command)
            }
            guard option.valueName != nil else {
                if inlineValue != nil { throw UsageError(message: "Option '\(name)' takes no value", command: command) }
                flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                    throw UsageError(message: "Missing value for '\(name) <\(option.valueName!)>'", command: command)
                }
                value = arguments[index]
                index += 1
            }
            guard values[name] == nil else {
                throw UsageError(message: "Option '\(name)' given more than once", command: command)
            }
            values[name] = value
        }

        if wantsHelp { return }
        let repeating = command.arguments.contains(where: \.repeating)
        let required = command.arguments.filter { !$0.repeating }
        if positionals.count < required.count {
            throw UsageError(message: "Missing expected argument '<\(required[positionals.count].name)>'", command: command)
        }
        if !repeating && positionals.count > required.count {
            throw UsageError(message: "Unexpected argument '\(positionals[required.count])'", command: command)
        }
    }

    /// Parses the value of `option` with `transform`, or returns `fallback` when the option is absent.
    /// A value that `transform` rejects is a usage error naming `expected`.
    func value<T>(_ option: String, _ command: CommandDefinition, default fallback: T, expected: String,
                  _ transform: (String) -> T?) throws(UsageError) -> T {
        guard let text = values[option] else { return fallback }
        guard let value = transform(text) else {
            throw UsageError(message: "Invalid value '\(text)' for '\(option)': expected \(expected)", command: command)
        }
        return value
    }
}
