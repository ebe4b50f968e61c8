/// The gallery's few options.
struct CommandLineArguments {
    var theme: String?

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument == "--theme" {
                theme = iterator.next()
            } else if argument.hasPrefix("--theme=") {
                theme = String(argument.dropFirst("--theme=".count))
            }
        }
    }
}
