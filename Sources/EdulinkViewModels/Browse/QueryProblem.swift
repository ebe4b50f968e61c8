public import EdulinkCore

/// A mistake in the search box, with the characters to underline.
public struct QueryProblem: Sendable, Equatable {
    /// What is wrong and what to do, for the status line.
    public var message: String
    /// The offending term as typed.
    public var term: String
    /// Where the term is, in characters of the query text.
    public var range: Range<Int>

    /// The problem reported by the query parser.
    public init(_ error: SearchQueryError) {
        message = error.message
        term = error.term
        range = error.range
    }
}
