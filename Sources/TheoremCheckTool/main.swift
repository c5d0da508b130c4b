import CommandLineInterface
import Foundation

exit(TheoremCheckCLI.main(Array(CommandLine.arguments.dropFirst())))
