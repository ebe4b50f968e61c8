/// What a store says when the database itself refuses a change that no service rule caught first:
/// sentences for people and API clients, the same on every store, never SQL, a table's name or the
/// driver's words.
public enum ConstraintMessages {
    public static let duplicate = "That already exists."
    public static let missingReference = "That refers to something that does not exist."
    public static let notAllowed = "That value is not allowed here."
}
