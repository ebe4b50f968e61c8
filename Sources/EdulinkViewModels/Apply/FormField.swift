/// A field of the apply form, named from the service's field names (`cover_letter`,
/// `answers[2]`, `resume_path`, `answers`).
public enum ApplyFormField: Sendable, Hashable {
    case coverLetter
    /// The answer to the question at this index.
    case answer(Int)
    case resumePath
    /// The answers as a whole (their count).
    case answers

    /// The field a service field name refers to, or nil for a name the form does not show.
    public init?(serviceName name: String) {
        switch name {
        case "cover_letter": self = .coverLetter
        case "resume_path": self = .resumePath
        case "answers": self = .answers
        default:
            guard name.hasPrefix("answers["), name.hasSuffix("]"),
                let index = Int(name.dropFirst("answers[".count).dropLast())
            else { return nil }
            self = .answer(index)
        }
    }
}
