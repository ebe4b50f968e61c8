import EdulinkViewModels

/// What an empty table says: that it is loading, that it has not been loaded (the repository did
/// not answer, so "no applications yet" would be a claim the app cannot make), or the screen's own
/// text for a list that really is empty.
enum EmptyText {
    static let notLoaded = "Not loaded — ctrl-r tries again."

    static func list(loading: Bool, loaded: Bool, _ empty: String, loadingText: String = "loading…") -> String {
        if loading { return loadingText }
        return loaded ? empty : notLoaded
    }

    /// The same for a list with its own ``ListLoad``.
    static func list(_ load: ListLoad, _ empty: String) -> String {
        list(loading: load.isLoading, loaded: load.isLoaded, empty)
    }
}
