public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files of one person's data (an export of everything stored about them) are the owner's alone
/// (0600) and never replace another file.
public enum PrivateFile {
    /// Why a private file was not written.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// Something is already at the path; it was left alone.
        case exists(String)
        /// The file could not be created or written (the reason from the system).
        case unwritable(String, String)

        public var description: String {
            switch self {
            case .exists(let path): "\(path) already exists; nothing was written"
            case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
            }
        }
    }

    /// Creates the file `path` with mode 0600 and writes `data` into it. Refuses (`exists`) when
    /// anything is at `path` already, a link included: it is created with `O_EXCL`.
    public static func create(_ path: String, contents data: Data) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw Failure.exists(path) }
            throw Failure.unwritable(path, String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var failure: Int32 = 0
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure != 0 {
            unlink(path)
            throw Failure.unwritable(path, String(cString: strerror(failure)))
        }
    }

    /// The first of `name`, `name-2`, `name-3`… (before `.ext`) that nothing in `folder` uses yet.
    public static func unusedPath(in folder: String, name: String, extension ext: String) -> String {
        let manager = FileManager.default
        var candidate = (folder as NSString).appendingPathComponent("\(name).\(ext)")
        var number = 2
        while manager.fileExists(atPath: candidate)
            || (try? manager.destinationOfSymbolicLink(atPath: candidate)) != nil
        {
            candidate = (folder as NSString).appendingPathComponent("\(name)-\(number).\(ext)")
            number += 1
        }
        return candidate
    }
}
