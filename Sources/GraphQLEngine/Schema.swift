/// A complete, validated schema: named types (including built-in scalars and the introspection
/// types), root operation types and directives. Immutable and Sendable; built once at start-up.
public struct Schema: Sendable {
    /// Everything a schema holds but its types, behind one reference: a schema is copied into
    /// every execution, field collector and input coercion of every request, and as ten
    /// references each copy retained ten; with the types beside it (set after assembly, for a
    /// custom scalar's coercion), a copy retains two.
    private final class Storage: Sendable {
        let description: String?
        let queryType: String?
        let mutationType: String?
        let subscriptionType: String?
        let typeNames: [String]
        let directives: [DirectiveDefinition]
        let possible: [String: [String]]
        let interfaceImplementations: [String: [String]]
        let introspectionSize: Int
        let largestTypeSize: Int

        init(description: String?, queryType: String?, mutationType: String?, subscriptionType: String?,
             typeNames: [String], directives: [DirectiveDefinition], possible: [String: [String]],
             interfaceImplementations: [String: [String]], introspectionSize: Int, largestTypeSize: Int) {
            self.description = description
            self.queryType = queryType
            self.mutationType = mutationType
            self.subscriptionType = subscriptionType
            self.typeNames = typeNames
            self.directives = directives
            self.possible = possible
            self.interfaceImplementations = interfaceImplementations
            self.introspectionSize = introspectionSize
            self.largestTypeSize = largestTypeSize
        }
    }

    private let storage: Storage

    public var description: String? { storage.description }
    public var queryType: String? { storage.queryType }
    public var mutationType: String? { storage.mutationType }
    public var subscriptionType: String? { storage.subscriptionType }
    /// Every named type by name.
    public internal(set) var types: [String: SchemaType]
    /// Type names in the order they were defined (built-ins and introspection types last).
    public var typeNames: [String] { storage.typeNames }
    public var directives: [DirectiveDefinition] { storage.directives }
    /// Object types of each interface or union, in definition order.
    private var possible: [String: [String]] { storage.possible }
    /// Interfaces implementing each interface.
    private var interfaceImplementations: [String: [String]] { storage.interfaceImplementations }
    /// How much introspection can return, in entries: every type, field, argument, enum value and
    /// input field, and every directive and its arguments. What a `__schema` field costs
    /// (`maxCostRule`); `largestTypeSize`, the entries of the largest type, what a `__type` costs.
    public var introspectionSize: Int { storage.introspectionSize }
    public var largestTypeSize: Int { storage.largestTypeSize }

    /// Assembles a schema. Built-in scalars, introspection types and specified directives are added
    /// when missing. Call `validate()` (buildSchema does) before serving it.
    public init(query: String?, mutation: String? = nil, subscription: String? = nil, types: [SchemaType],
                directives: [DirectiveDefinition] = BuiltIns.specifiedDirectives, description: String? = nil) {
        var byName: [String: SchemaType] = [:]
        var order: [String] = []
        // Built-in scalars join only when referenced (String and Boolean always: introspection uses them).
        var referenced: Set<String> = ["String", "Boolean"]
        for type in types {
            for field in type.fields {
                referenced.insert(field.type.namedType)
                for argument in field.arguments { referenced.insert(argument.type.namedType) }
            }
            for field in type.inputFields { referenced.insert(field.type.namedType) }
        }
        for directive in directives {
            for argument in directive.arguments { referenced.insert(argument.type.namedType) }
        }
        let scalars = BuiltIns.scalars.filter { referenced.contains($0.name) }
        for type in types + scalars + BuiltIns.introspectionTypes where byName[type.name] == nil {
            byName[type.name] = type
            order.append(type.name)
        }
        var possible: [String: [String]] = [:]
        var interfaceImplementations: [String: [String]] = [:]
        for name in order {
            guard let type = byName[name] else { continue }
            switch type.kind {
            case .OBJECT:
                for interface in type.interfaces { possible[interface, default: []].append(name) }
            case .INTERFACE:
                for interface in type.interfaces { interfaceImplementations[interface, default: []].append(name) }
            case .UNION:
                possible[name] = type.unionMembers
            default:
                break
            }
        }
        var allDirectives = directives
        for specified in BuiltIns.specifiedDirectives where !allDirectives.contains(where: { $0.name == specified.name }) {
            allDirectives.append(specified)
        }
        let typeSizes = byName.values.map { type in
            1 + type.fields.count + type.fields.reduce(0) { $0 + $1.arguments.count } + type.enumValues.count + type.inputFields.count
        }
        self.types = byName
        storage = Storage(description: description, queryType: query, mutationType: mutation, subscriptionType: subscription,
                          typeNames: order, directives: allDirectives, possible: possible,
                          interfaceImplementations: interfaceImplementations,
                          introspectionSize: typeSizes.reduce(0, +) + allDirectives.reduce(0) { $0 + 1 + $1.arguments.count },
                          largestTypeSize: typeSizes.max() ?? 0)
    }

    public func type(_ name: String) -> SchemaType? { types[name] }

    /// The kind of the type `name`, read where the schema keeps the type: copied out of the
    /// dictionary (as `type(_:)` does), a type retains each of its dozen references.
    public func kind(of name: String) -> TypeKind? { types[name]?.kind }

    public func directive(_ name: String) -> DirectiveDefinition? { directives.first { $0.name == name } }

    /// The root type of an operation kind, if the schema has one.
    public func rootTypeName(_ operation: String) -> String? {
        switch operation {
        case "query": queryType
        case "mutation": mutationType
        case "subscription": subscriptionType
        default: nil
        }
    }

    /// The object types a value of an abstract type can be.
    public func possibleTypes(_ abstract: String) -> [String] { possible[abstract] ?? [] }

    /// Interfaces that implement an interface.
    public func implementingInterfaces(_ interface: String) -> [String] { interfaceImplementations[interface] ?? [] }

    /// Whether `candidate` is a member of the union, or implements the interface, `abstract`.
    public func isSubType(_ abstract: String, _ candidate: String) -> Bool {
        guard let type = types[abstract] else { return false }
        if type.kind == .UNION { return type.unionMembers.contains(candidate) }
        return types[candidate]?.interfaces.contains(abstract) ?? false
    }

    /// graphql-js `isTypeSubTypeOf`: can a value of `sub` be used where `sup` is expected?
    public func isTypeSubType(_ sub: TypeRef, of sup: TypeRef) -> Bool {
        if sub == sup { return true }
        if case .nonNull(let superInner) = sup {
            if case .nonNull(let subInner) = sub { return isTypeSubType(subInner, of: superInner) }
            return false
        }
        if case .nonNull(let subInner) = sub { return isTypeSubType(subInner, of: sup) }
        if case .list(let superInner) = sup {
            if case .list(let subInner) = sub { return isTypeSubType(subInner, of: superInner) }
            return false
        }
        if case .list = sub { return false }
        guard case .named(let superName) = sup, case .named(let subName) = sub,
              let superType = types[superName], superType.isAbstract else { return false }
        return isSubType(superName, subName) || implementingInterfaces(superName).contains(subName)
    }

    /// graphql-js `doTypesOverlap`: could some object be of both types?
    public func typesOverlap(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let typeA = types[a], let typeB = types[b] else { return false }
        if typeA.isAbstract {
            if typeB.isAbstract {
                return possibleTypes(a).contains { isSubType(b, $0) }
            }
            return isSubType(a, b)
        }
        if typeB.isAbstract { return isSubType(b, a) }
        return false
    }

    /// A field of a composite type, including the meta-fields `__typename` (anywhere) and
    /// `__schema` / `__type` (on the query root).
    public func fieldDefinition(_ parent: String, _ name: String) -> FieldDefinition? {
        if name == "__typename", let type = types[parent], type.isComposite { return BuiltIns.typenameField }
        if parent == queryType {
            if name == "__schema" { return BuiltIns.schemaField }
            if name == "__type" { return BuiltIns.typeField }
        }
        guard let kind = kind(of: parent), kind == .OBJECT || kind == .INTERFACE else { return nil }
        return types[parent]?.field(name)
    }
}
