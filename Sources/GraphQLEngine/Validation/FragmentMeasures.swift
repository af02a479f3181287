import GraphQLLanguage

/// What the rules that measure an operation (its depth, its cost, how deep introspection nests)
/// found for each fragment, so that a fragment is measured once for each situation it is spread in
/// (`Situation`: what the measure depends on besides the fragment, such as the depth it is spread
/// at) and that measure reused. A chain of fragments each spreading the next twice would otherwise
/// be walked 2ⁿ times: a 977-byte query held a server for 21 s. A fragment that is not defined, or
/// is spread inside itself, measures nothing: KnownFragmentNamesRule and NoFragmentCyclesRule
/// report those.
struct FragmentMeasures<Situation: Hashable, Measure> {
    let fragments: [String: FragmentDefinition]
    private var known: [Key: Measure] = [:]
    /// The fragments being measured now, each inside the one before.
    private var measuring: Set<String> = []

    private struct Key: Hashable {
        var name: String
        var situation: Situation
    }

    init(_ fragments: [String: FragmentDefinition]) {
        self.fragments = fragments
    }

    /// The measure of fragment `name` spread in `situation`: found by `measure` the first time,
    /// which gets these measures back for the spreads inside the fragment. Nil when the fragment is
    /// not defined or is being measured already.
    mutating func measure(_ name: String, in situation: Situation,
                          _ measure: (inout Self, FragmentDefinition) -> Measure) -> Measure? {
        let key = Key(name: name, situation: situation)
        if let found = known[key] { return found }
        guard !measuring.contains(name), let fragment = fragments[name] else { return nil }
        measuring.insert(name)
        let found = measure(&self, fragment)
        measuring.remove(name)
        known[key] = found
        return found
    }
}

/// The situation of a measure that depends on nothing but the fragment.
struct Anywhere: Hashable {}
