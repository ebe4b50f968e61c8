public import Foundation

/// An Edulink server's address as a person writes it (`--server`, `EDULINK_SERVER`, `server` in
/// config.toml): an `http` or `https` URL with a host, kept without a trailing slash so that one
/// server has one address (and one session file).
public enum ServerAddress {
    /// The address, or nil when `text` is not an http(s) URL with a host.
    public static func parse(_ text: String) -> URL? {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
            url.query == nil, url.fragment == nil, url.user == nil
        else { return nil }
        return url
    }

    /// What the status bar shows for a server: its host, and the port when there is one.
    public static func label(_ address: String) -> String {
        guard let url = URL(string: address), let host = url.host, !host.isEmpty else { return address }
        return url.port.map { "\(host):\($0)" } ?? host
    }
}
