/// Which link and image targets never reach Folio's HTML.
enum LinkSafety {
    /// Schemes that run code or smuggle content: `javascript:`, `vbscript:`, `data:` and `file:`,
    /// in any letter case and behind any leading whitespace or control characters browsers ignore.
    static func isDangerous(_ url: String) -> Bool {
        let trimmed = url.unicodeScalars.drop(while: { $0.value <= 0x20 })
        var scheme = ""
        for scalar in trimmed {
            if scalar == ":" { break }
            // Browsers drop tabs and newlines inside the scheme ("java\tscript:").
            if scalar == "\t" || scalar == "\n" || scalar == "\r" { continue }
            scheme.unicodeScalars.append(scalar)
            if scheme.count > 16 { return false }
        }
        guard trimmed.contains(":") else { return false }
        return ["javascript", "vbscript", "data", "file"].contains(scheme.lowercased())
    }
}
