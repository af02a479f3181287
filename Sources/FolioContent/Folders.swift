public import Foundation

extension FileManager {
    /// Whether `path` names a folder (a symbolic link to one counts), for commands that check the
    /// folders they are given before they write anything.
    public func isFolder(atPath path: String) -> Bool {
        var isFolder: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// Makes `folder` and the folders above it that are missing. When a file stands where one of
    /// them should be (`notes.md/data.sqlite`), the error names it: Foundation says only "File
    /// exists".
    public func makeFolders(at folder: URL) throws {
        do {
            try createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            // The nearest existing path above the folder: a file there is what stood in the way.
            var path = folder.standardizedFileURL.path
            var isFolder: ObjCBool = false
            while !path.isEmpty, path != "/", !fileExists(atPath: path, isDirectory: &isFolder) {
                path = (path as NSString).deletingLastPathComponent
            }
            if !path.isEmpty, path != "/", !isFolder.boolValue { throw FileInTheWay(path: path) }
            throw error
        }
    }
}

/// A file where a folder is to be made (see `FileManager.makeFolders`).
public struct FileInTheWay: Error, CustomStringConvertible {
    public let path: String
    public var description: String { "\(path) is a file, not a folder" }
}

/// File system failures in the words the C library and Unix tools use ("Not a directory"),
/// instead of Foundation's dump of its error's user info: for `folio serve` and `folio-admin`,
/// which tell people in one sentence why something could not be read or written.
public enum FileSystemFailure {
    /// Why: the POSIX reason beneath a Foundation file error, else the error as it describes itself.
    public static func reason(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, let underlying = cocoa.underlying {
            let posix = underlying as NSError
            if posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
        }
        return String(describing: error)
    }

    /// "PATH: reason" when the error names its path, else the reason alone.
    public static func describe(_ error: any Error) -> String {
        let cocoa = error as? CocoaError
        guard let path = cocoa?.filePath ?? cocoa?.url?.path else { return reason(error) }
        return "\(path): \(reason(error))"
    }
}
