/// Why bytes could not be read as the JSON value asked for.
public struct JSONReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The byte offset where reading stopped.
    public var offset: Int
    /// What was wrong there.
    public var problem: String

    /// An error at `offset`.
    public init(offset: Int, problem: String) {
        self.offset = offset
        self.problem = problem
    }

    /// The problem and where it is.
    public var description: String { "\(problem) at byte \(offset)" }
}
