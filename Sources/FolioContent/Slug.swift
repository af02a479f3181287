/// A URL-safe identifier: lower-case ASCII letters and digits in runs joined by single hyphens,
/// at most 120 characters (`mild-procedure-for-lumbar-spinal-stenosis`).
public enum Slug {
    public static let maxLength = 120

    /// Whether text is a valid slug.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= maxLength else { return false }
        var previousWasHyphen = true  // no leading hyphen
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-"):
                if previousWasHyphen { return false }
                previousWasHyphen = true
            default:
                return false
            }
        }
        return !previousWasHyphen
    }

    /// Why text is not a slug, in the words every check uses; nil when it is one.
    public static func problem(_ text: String) -> String? {
        isValid(text) ? nil : "\"\(text)\" is not a slug (lower-case letters, digits and single hyphens)"
    }

    /// A slug made from a title: "Am I Getting Tremors?" becomes `am-i-getting-tremors`.
    public static func make(from title: String) -> String {
        var slug = ""
        for scalar in title.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "’" {
                continue
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return String(slug.prefix(maxLength))
    }
}
