// The CommandLineInterface module.
