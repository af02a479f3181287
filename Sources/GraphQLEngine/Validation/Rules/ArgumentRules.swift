import GraphQLLanguage

/// Spec 5.4.1 Argument Names: arguments of fields and directives are defined.
public let knownArgumentNamesRule = ValidationRule(name: "KnownArgumentNamesRule") { KnownArgumentNames($0, onFields: true) }

/// The directive half of KnownArgumentNamesRule, for SDL documents.
public let knownArgumentNamesOnDirectivesRule = ValidationRule(name: "KnownArgumentNamesOnDirectivesRule") {
    KnownArgumentNames($0, onFields: false)
}

private final class KnownArgumentNames: ValidationVisitor {
    let context: ValidationContext
    let onFields: Bool
    var directiveArguments: [String: [String]] = [:]

    init(_ context: ValidationContext, onFields: Bool) {
        self.context = context
        self.onFields = onFields
        for directive in context.knownDirectives { directiveArguments[directive.name] = directive.arguments.map(\.name) }
        for case .directive(let definition) in context.document.definitions {
            directiveArguments[definition.name.value] = definition.arguments.map(\.name.value)
        }
    }

    /// Arguments inside a directive belong to the directive check, not to the field.
    private var inDirective = false

    func leaveDirective(_ directive: Directive) { inDirective = false }

    func enterDirective(_ directive: Directive, location: DirectiveLocation) {
        inDirective = true
        let name = directive.name.value
        guard let known = directiveArguments[name] else { return }
        for argument in directive.arguments where !known.contains(argument.name.value) {
            let suggestions = Suggestions.list(argument.name.value, known)
            context.report("Unknown argument \"\(argument.name.value)\" on directive \"@\(name)\"." + Suggestions.didYouMean(suggestions),
                           [argument.range])
        }
    }

    func enterArgument(_ argument: Argument) {
        guard onFields, !inDirective, context.argument == nil,
              let field = context.fieldDefinition, let parent = context.parentType else { return }
        let suggestions = Suggestions.list(argument.name.value, field.arguments.map(\.name))
        context.report("Unknown argument \"\(argument.name.value)\" on field \"\(parent).\(field.name)\"."
                       + Suggestions.didYouMean(suggestions), [argument.range])
    }
}

/// Spec 5.4.2 Argument Uniqueness.
public let uniqueArgumentNamesRule = ValidationRule(name: "UniqueArgumentNamesRule") { UniqueArgumentNames($0) }

private final class UniqueArgumentNames: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func enterField(_ field: Field) { check(field.arguments) }
    func enterDirective(_ directive: Directive, location: DirectiveLocation) { check(directive.arguments) }

    private func check(_ arguments: NodeList<Argument>) {
        for (name, ranges) in repeatedNames(arguments.map { ($0.name.value, $0.name.range) }) {
            context.report("There can be only one argument named \"\(name)\".", ranges)
        }
    }
}

/// Spec 5.4.2.1 Required Arguments, for fields and directives.
public let providedRequiredArgumentsRule = ValidationRule(name: "ProvidedRequiredArgumentsRule") {
    ProvidedRequiredArguments($0, onFields: true)
}

/// The directive half of ProvidedRequiredArgumentsRule, for SDL documents.
public let providedRequiredArgumentsOnDirectivesRule = ValidationRule(name: "ProvidedRequiredArgumentsOnDirectivesRule") {
    ProvidedRequiredArguments($0, onFields: false)
}

private final class ProvidedRequiredArguments: ValidationVisitor {
    let context: ValidationContext
    let onFields: Bool
    /// Required arguments of each directive: name and printed type.
    var required: [String: [(String, String)]] = [:]

    init(_ context: ValidationContext, onFields: Bool) {
        self.context = context
        self.onFields = onFields
        for directive in context.knownDirectives {
            required[directive.name] = directive.arguments.filter { $0.type.isNonNull && $0.defaultValue == nil }
                .map { ($0.name, $0.type.description) }
        }
        for case .directive(let definition) in context.document.definitions {
            required[definition.name.value] = definition.arguments.filter {
                if case .nonNull = $0.type, $0.defaultValue == nil { return true }
                return false
            }.map { ($0.name.value, Printer.print($0.type)) }
        }
    }

    func leaveField(_ field: Field) {
        guard onFields, let definition = context.fieldDefinition else { return }
        let provided = Set(field.arguments.map(\.name.value))
        for argument in definition.arguments where !provided.contains(argument.name) && argument.type.isNonNull
            && argument.defaultValue == nil {
            context.report("Field \"\(definition.name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                           [field.range])
        }
    }

    func leaveDirective(_ directive: Directive) {
        let name = directive.name.value
        guard let arguments = required[name] else { return }
        let provided = Set(directive.arguments.map(\.name.value))
        for (argument, type) in arguments where !provided.contains(argument) {
            context.report("Directive \"@\(name)\" argument \"\(argument)\" of type \"\(type)\" is required, but it was not provided.",
                           [directive.range])
        }
    }
}

/// Spec 5.6.3 Input Object Field Uniqueness.
public let uniqueInputFieldNamesRule = ValidationRule(name: "UniqueInputFieldNamesRule") { UniqueInputFieldNames($0) }

private final class UniqueInputFieldNames: ValidationVisitor {
    let context: ValidationContext
    var stack: [[String: Name]] = []
    var known: [String: Name] = [:]
    init(_ context: ValidationContext) { self.context = context }

    func enterValue(_ value: Value) {
        guard case .object = value else { return }
        stack.append(known)
        known = [:]
    }

    func leaveValue(_ value: Value) {
        guard case .object = value else { return }
        known = stack.removeLast()
    }

    func enterObjectField(_ field: ObjectField) {
        let name = field.name.value
        if let first = known[name] {
            context.report("There can be only one input field named \"\(name)\".", [first.range, field.name.range])
        } else {
            known[name] = field.name
        }
    }
}
