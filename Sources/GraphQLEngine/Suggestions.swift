/// "Did you mean …?" as graphql-js builds it: options within a lexical distance of the input,
/// closest first, at most five, quoted and joined with commas and "or".
enum Suggestions {
    static func list(_ input: String, _ options: [String]) -> [String] {
        let length = input.utf16.count
        let threshold = Int(Double(length) * 0.4) + 1
        let lowered = input.lowercased()
        let loweredScalars = Array(lowered.unicodeScalars)
        var scored: [(String, Int)] = []
        var seen = Set<String>()
        for option in options where seen.insert(option).inserted {
            // As graphql-js: lengths further apart than the threshold are too far already (a 1 MB
            // enum value made a row per character for each option: 0.3 s on an event loop).
            if abs(option.utf16.count - length) > threshold { continue }
            let loweredOption = option.lowercased()
            let distance = option == input ? 0 : lexicalDistance(loweredScalars, Array(loweredOption.unicodeScalars),
                                                                 caseOnly: loweredOption == lowered)
            if distance <= threshold { scored.append((option, distance)) }
        }
        return scored.sorted { a, b in a.1 != b.1 ? a.1 < b.1 : naturalLess(a.0, b.0) }.map(\.0)
    }

    /// Damerau-Levenshtein distance (adjacent transpositions count once); a case-only difference is 1.
    private static func lexicalDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], caseOnly: Bool) -> Int {
        if caseOnly { return 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        // Three rows of the table, reused: the row before the last, the last, and the one being filled.
        var older = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, older[j - 2] + 1)
                }
                current[j] = value
            }
            (older, previous, current) = (previous, current, older)
        }
        return previous[b.count]
    }

    /// graphql-js `naturalCompare`: digit runs compare as numbers.
    static func naturalLess(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var i = 0, j = 0
        while i < x.count, j < y.count {
            let isDigitA = x[i] >= 48 && x[i] <= 57, isDigitB = y[j] >= 48 && y[j] <= 57
            if isDigitA, isDigitB {
                var numA = 0, numB = 0
                while i < x.count, x[i] >= 48, x[i] <= 57 { numA = numA * 10 + Int(x[i] - 48); i += 1 }
                while j < y.count, y[j] >= 48, y[j] <= 57 { numB = numB * 10 + Int(y[j] - 48); j += 1 }
                if numA != numB { return numA < numB }
            } else {
                if x[i] != y[j] { return x[i] < y[j] }
                i += 1
                j += 1
            }
        }
        return x.count < y.count
    }

    /// ` Did you mean "a", "b", or "c"?` (with an optional sub-message such as `the enum value`), or "".
    static func didYouMean(_ suggestions: [String], subMessage: String? = nil) -> String {
        guard !suggestions.isEmpty else { return "" }
        var message = " Did you mean "
        if let subMessage { message += subMessage + " " }
        let quoted = suggestions.prefix(5).map { "\"\($0)\"" }
        switch quoted.count {
        case 1: message += quoted[0]
        case 2: message += quoted[0] + " or " + quoted[1]
        default: message += quoted.dropLast().joined(separator: ", ") + ", or " + quoted.last!
        }
        return message + "?"
    }
}
