public import Foundation

extension FileManager {
    /// Whether `path` names a folder (a symbolic link to one counts), for commands that check the
    /// folders they are given before they write anything.
    public func isFolder(atPath path: String) -> Bool {
        var isFolder: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}
