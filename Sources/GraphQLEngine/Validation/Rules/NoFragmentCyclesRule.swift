import GraphQLLanguage

/// Spec 5.5.2.2 Fragment Spreads Must Not Form Cycles.
public let noFragmentCyclesRule = ValidationRule(name: "NoFragmentCyclesRule") { NoFragmentCycles($0) }

private final class NoFragmentCycles: ValidationVisitor {
    let context: ValidationContext
    var visited = Set<String>()
    var spreadPath: [FragmentSpread] = []
    var pathIndexByName: [String: Int] = [:]
    init(_ context: ValidationContext) { self.context = context }

    func enterFragmentDefinition(_ fragment: FragmentDefinition) { detectCycle(fragment) }

    private func detectCycle(_ fragment: FragmentDefinition) {
        let name = fragment.name.value
        guard visited.insert(name).inserted else { return }
        let spreads = context.fragmentSpreads(fragment.selectionSet)
        guard !spreads.isEmpty else { return }
        pathIndexByName[name] = spreadPath.count
        for spread in spreads {
            let spreadName = spread.name.value
            let cycleIndex = pathIndexByName[spreadName]
            spreadPath.append(spread)
            if let cycleIndex {
                let cycle = Array(spreadPath[cycleIndex...])
                let via = cycle.dropLast().map { "\"\($0.name.value)\"" }.joined(separator: ", ")
                context.report("Cannot spread fragment \"\(spreadName)\" within itself" + (via.isEmpty ? "." : " via \(via)."),
                               cycle.map(\.range))
            } else if let target = context.fragments[spreadName] {
                detectCycle(target)
            }
            spreadPath.removeLast()
        }
        pathIndexByName[name] = nil
    }
}
