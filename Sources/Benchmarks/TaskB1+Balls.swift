import Enclosures
import Exact

extension TaskB1 {
    var ballSolveName: String { "BallMatrix solve" }

    // TODO: time BallMatrix.solve once the ball matrix type exists.
    func ballContenders(ones: [Rational]) -> [Contender] { [] }

    func ballContainmentNotes(ones: [Rational]) throws -> [String] { [] }
}
