public import GraphQLLanguage

/// Coerced argument values of a field, by name.
public struct Arguments: Sendable {
    public var values: [String: ConstValue]
    public init(_ values: [String: ConstValue] = [:]) { self.values = values }

    public subscript(name: String) -> ConstValue? { values[name] }

    public func string(_ name: String) -> String? {
        if case .string(let text)? = values[name] { return text }
        if case .enumValue(let text)? = values[name] { return text }
        return nil
    }

    public func int(_ name: String) -> Int? {
        if case .int(let number)? = values[name] { return number }
        return nil
    }
}

/// What a resolver knows about the field it resolves.
public struct ResolveInfo: Sendable {
    public var fieldName: String
    public var parentType: String
    public var returnType: TypeRef
    /// Where the value sits in the response (for a batch resolver, the first parent's). Made when
    /// read: most resolvers never look, and this is handed to one for every value.
    public var path: [PathComponent] { ResponsePath.components(parentPath) + [key] }
    /// The field's nodes in the document (more than one when selections merge).
    public var fieldNodes: [Field]
    public var variables: [String: ConstValue]
    /// The parent object's position and the field's response key, which `path` is made of.
    var parentPath: ResponsePath?
    var key: PathComponent
    /// Collects the field's sub-selections (fragments, `@skip`, `@include`) for `selectedFields`.
    let collector: FieldCollector

    /// The names of the fields this field's selection asks of an object of type `type`, following
    /// fragments and honouring `@skip` and `@include`: what a resolver may read up front, in its
    /// own statement, for the resolvers below it.
    public func selectedFields(on type: String) -> Set<String> {
        SelectedField.names(collector, fieldNodes, on: type)
    }

    /// The field `name` as this field's selection asks it of an object of type `type`: its
    /// arguments, coerced as execution will coerce them, and what it selects in turn. Nil when the
    /// selection does not ask for it, asks for it under more than one response key (aliases with
    /// different arguments, say), or its arguments do not coerce (execution reports that itself).
    public func selectedField(_ name: String, on type: String) -> SelectedField? {
        let groups = collector.collect(type, fieldNodes.compactMap(\.selectionSet)).filter { $0.fields[0].name.value == name }
        guard groups.count == 1, let definition = collector.schema.fieldDefinition(type, name),
              let arguments = try? InputCoercion(schema: collector.schema)
                  .arguments(definition.arguments, groups[0].fields[0].arguments, variables: variables) else { return nil }
        return SelectedField(arguments: arguments, fieldNodes: groups[0].fields, collector: collector)
    }
}

/// A field below the one being resolved, seen ahead of its own resolution (`ResolveInfo.selectedField`).
public struct SelectedField: Sendable {
    public var arguments: Arguments
    let fieldNodes: [Field]
    let collector: FieldCollector

    /// The names of the fields its selection asks of an object of type `type`, like
    /// `ResolveInfo.selectedFields(on:)`.
    public func selectedFields(on type: String) -> Set<String> {
        Self.names(collector, fieldNodes, on: type)
    }

    static func names(_ collector: FieldCollector, _ nodes: [Field], on type: String) -> Set<String> {
        collector.names(type, nodes.compactMap(\.selectionSet))
    }
}

/// How a field gets its value. `batch` receives every parent object of one field at one level of
/// the response and returns one value per parent, in order: the tool against N+1 queries.
/// `property` reads the value off the parent alone, synchronously: no arguments, context,
/// `ResolveInfo` or suspension to pay for, which is most of what a field costs when its value is a
/// stored property (most fields of most responses). `scalar` is `property` for a scalar field
/// whose value the resolver gives in its response form (`.string` for a `String` or `ID`, `.int`
/// for an `Int`, `.float`, `.bool`): such a value goes into the response as it is, with no cast
/// or coercion; any other value is coerced as a `property` value would be.
public enum FieldResolver<Context: Sendable>: Sendable {
    case single(@Sendable (_ source: Any, _ arguments: Arguments, _ context: Context, _ info: ResolveInfo) async throws -> Any?)
    case batch(@Sendable (_ sources: [Any], _ arguments: Arguments, _ context: Context, _ info: ResolveInfo) async throws -> [Any?])
    /// `batch`, after a look at what the request has at hand: `known` gives one object's value
    /// for the field's arguments when it needs no wait (read ahead along with its parent, say),
    /// and nil when it does not. When every object's value is known, the batch is not called: no
    /// suspension, no `ResolveInfo`. The batch must give the same values `known` would have.
    case knownOrBatch(known: @Sendable (_ source: Any, _ arguments: Arguments, _ context: Context) -> Any??,
                      batch: @Sendable (_ sources: [Any], _ arguments: Arguments, _ context: Context, _ info: ResolveInfo) async throws -> [Any?])
    case property(@Sendable (_ source: Any) -> Any?)
    case scalar(@Sendable (_ source: Any) -> ConstValue?)
}

/// A value that names its own GraphQL object type, for fields of interface or union type.
public protocol GraphQLTyped {
    var graphQLTypeName: String { get }
}

/// A schema with the code behind it: resolvers per type and field, and type resolvers for
/// abstract types. Resolvers receive a concrete `Context`, never `Any`.
public struct ExecutableSchema<Context: Sendable>: Sendable {
    public let schema: Schema
    /// The resolvers, found by position: a field's plan keeps the position (`slot`), so executing
    /// a field costs no lookup by type and field name.
    var resolvers: [FieldResolver<Context>] = []
    /// The position of each type's and field's resolver in `resolvers`.
    private var slots: [String: [String: Int]] = [:]
    var typeResolvers: [String: @Sendable (Any) -> String?] = [:]
    /// What a field costs in `QueryCost` where it is not 1, by type and field: fields whose values
    /// are large (an article's body is thousands of bytes, most fields tens) weigh more.
    public private(set) var fieldCosts: [String: [String: Int]] = [:]

    public init(schema: Schema) {
        self.schema = schema
    }

    /// Sets the resolver of `type.field`.
    public mutating func resolve(_ type: String, _ field: String, _ resolver: FieldResolver<Context>) {
        if let slot = slot(type, field) {
            resolvers[slot] = resolver
        } else {
            slots[type, default: [:]][field] = resolvers.count
            resolvers.append(resolver)
        }
    }

    /// Where the resolver of `type.field` is in `resolvers`; nil when it has none.
    func slot(_ type: String, _ field: String) -> Int? {
        slots[type]?[field]
    }

    /// Shorthand for a single resolver.
    public mutating func resolve(_ type: String, _ field: String,
                                 _ body: @escaping @Sendable (Any, Arguments, Context, ResolveInfo) async throws -> Any?) {
        resolve(type, field, .single(body))
    }

    /// Sets what `type.field` costs each time it is asked for (1 unless set).
    public mutating func cost(_ type: String, _ field: String, _ cost: Int) {
        fieldCosts[type, default: [:]][field] = cost
    }

    /// How to tell which object type a value of an interface or union is.
    public mutating func resolveType(_ abstract: String, _ body: @escaping @Sendable (Any) -> String?) {
        typeResolvers[abstract] = body
    }
}
