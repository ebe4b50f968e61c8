/// Where the load of one list stands, for a screen that loads two lists side by side (one shared
/// `loading` flag would say "loaded" of the second when the first answers): an empty list means none
/// only once its own load has answered.
public enum ListLoad: Sendable, Equatable {
    case loading
    case loaded
    case failed

    public var isLoading: Bool { self == .loading }
    public var isLoaded: Bool { self == .loaded }
}
