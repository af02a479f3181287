import GraphQLLanguage

/// Spec 5.3.1 Field Selections: the field exists on the parent type.
public let fieldsOnCorrectTypeRule = ValidationRule(name: "FieldsOnCorrectTypeRule") { FieldsOnCorrectType($0) }

private final class FieldsOnCorrectType: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func enterField(_ field: Field) {
        guard let parent = context.parentType, let schema = context.schema, context.fieldDefinition == nil,
              let parentType = schema.type(parent) else { return }
        let name = field.name.value
        var suggestion = Suggestions.didYouMean(suggestedTypes(schema, parentType, name), subMessage: "to use an inline fragment on")
        if suggestion.isEmpty {
            let fieldNames = parentType.kind == .OBJECT || parentType.kind == .INTERFACE ? parentType.fields.map(\.name) : []
            suggestion = Suggestions.didYouMean(Suggestions.list(name, fieldNames))
        }
        context.report("Cannot query field \"\(name)\" on type \"\(parent)\".\(suggestion)", [field.range])
    }

    /// Types within an abstract type that do have the field: most used first, interfaces before
    /// their implementations.
    private func suggestedTypes(_ schema: Schema, _ type: SchemaType, _ fieldName: String) -> [String] {
        guard type.isAbstract else { return [] }
        var suggested: [String] = []
        var usage: [String: Int] = [:]
        for possible in schema.possibleTypes(type.name) {
            guard schema.type(possible)?.field(fieldName) != nil else { continue }
            if usage[possible] == nil { suggested.append(possible) }
            usage[possible] = 1
            for interface in schema.type(possible)?.interfaces ?? [] {
                guard schema.type(interface)?.field(fieldName) != nil else { continue }
                if usage[interface] == nil { suggested.append(interface) }
                usage[interface, default: 0] += 1
            }
        }
        return suggested.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element, rhs.element)
            let difference = usage[b, default: 0] - usage[a, default: 0]
            if difference != 0 { return difference < 0 }
            if schema.type(a)?.kind == .INTERFACE, schema.isSubType(a, b) { return true }
            if schema.type(b)?.kind == .INTERFACE, schema.isSubType(b, a) { return false }
            if a != b { return Suggestions.naturalLess(a, b) }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
