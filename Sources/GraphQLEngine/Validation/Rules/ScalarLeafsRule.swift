import GraphQLLanguage

/// Spec 5.3.3 Leaf Field Selections: leaves have no selection set, composites need one.
public let scalarLeafsRule = ValidationRule(name: "ScalarLeafsRule") { ScalarLeafs($0) }

private final class ScalarLeafs: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func enterField(_ field: Field) {
        guard let type = context.type, let named = context.schema?.type(type.namedType) else { return }
        let name = field.name.value
        if named.isLeaf {
            if let selectionSet = field.selectionSet {
                context.report("Field \"\(name)\" must not have a selection since type \"\(type)\" has no subfields.",
                               [selectionSet.range])
            }
        } else if field.selectionSet == nil {
            context.report("Field \"\(name)\" of type \"\(type)\" must have a selection of subfields. Did you mean \"\(name) { ... }\"?",
                           [field.range])
        }
    }
}
