import GraphQLLanguage

/// Executes one operation (spec 6): breadth first, so that all objects reached through one field
/// at one level are resolved together and a `batch` resolver is called once for them.
final class Execution<Context: Sendable> {
    let executable: ExecutableSchema<Context>
    let source: Source
    let fragments: [String: FragmentDefinition]
    let variables: [String: ConstValue]
    let context: Context
    var errors: [GraphQLError] = []

    private struct Pending {
        var source: Any
        var path: [PathComponent]
        var target: ResponseObject
    }

    private struct Work {
        var objectType: String
        var selectionSets: [SelectionSet]
        var items: [Pending]
    }

    private var queue: [Work] = []
    private var schema: Schema { executable.schema }

    init(executable: ExecutableSchema<Context>, document: Document, source: Source, variables: [String: ConstValue],
         context: Context) {
        self.executable = executable
        self.source = source
        var fragments: [String: FragmentDefinition] = [:]
        for case .fragment(let fragment) in document.definitions { fragments[fragment.name.value] = fragment }
        self.fragments = fragments
        self.variables = variables
        self.context = context
    }

    /// Runs the operation; the data, or nil when the root itself had to become null.
    func run(_ operation: OperationDefinition, rootValue: Any) async -> ConstValue? {
        guard let rootType = schema.rootTypeName(operation.operation.rawValue) else {
            errors.append(GraphQLError("Schema is not configured to execute \(operation.operation.rawValue) operation.",
                                       ranges: [operation.range], in: source))
            return nil
        }
        let root = ResponseObject()
        queue = [Work(objectType: rootType, selectionSets: [operation.selectionSet],
                      items: [Pending(source: rootValue, path: [], target: root)])]
        var next = 0
        while next < queue.count {
            let work = queue[next]
            next += 1
            await execute(work)
        }
        let data = ResponseTree.finalize(.object(root), .named(rootType))
        return data == .null ? nil : data
    }

    private func fail(_ message: String, _ nodes: [Field], _ path: [PathComponent]) {
        errors.append(GraphQLError(message, ranges: nodes.map(\.range), in: source, path: path))
    }

    private static func message(_ error: any Error) -> String {
        if let error = error as? GraphQLError { return error.message }
        return String(describing: error)
    }

    private func execute(_ work: Work) async {
        let collector = FieldCollector(schema: schema, fragments: fragments, variables: variables)
        let fields = collector.collect(work.objectType, work.selectionSets)
        for (key, nodes) in fields {
            let fieldName = nodes[0].name.value
            if fieldName == "__typename" {
                for item in work.items {
                    item.target.fields.append((key, .leaf(.string(work.objectType)), .nonNull(.named("String"))))
                }
                continue
            }
            guard let definition = schema.fieldDefinition(work.objectType, fieldName) else { continue }
            let coercion = InputCoercion(schema: schema)
            let arguments: Arguments
            do {
                arguments = try coercion.arguments(definition.arguments, nodes[0].arguments, variables: variables)
            } catch {
                for item in work.items {
                    fail(error.message, nodes, item.path + [.key(key)])
                    item.target.fields.append((key, .failed, definition.type))
                }
                continue
            }
            let info = ResolveInfo(fieldName: fieldName, parentType: work.objectType, returnType: definition.type,
                                   path: (work.items.first?.path ?? []) + [.key(key)], fieldNodes: nodes, variables: variables)
            let values = await resolve(work, definition, arguments, info)
            var children: [String: [Pending]] = [:]
            var childOrder: [String] = []
            for (item, value) in zip(work.items, values) {
                let path = item.path + [.key(key)]
                let node: ResponseNode
                switch value {
                case .failure(let error):
                    fail(Self.message(error), nodes, path)
                    node = .failed
                case .success(let resolved):
                    node = complete(resolved, definition.type, nodes, path, parent: work.objectType) { type, pending in
                        if children[type] == nil { childOrder.append(type) }
                        children[type, default: []].append(pending)
                    }
                }
                item.target.fields.append((key, node, definition.type))
            }
            let selectionSets = nodes.compactMap(\.selectionSet)
            for type in childOrder {
                queue.append(Work(objectType: type, selectionSets: selectionSets, items: children[type] ?? []))
            }
        }
    }

    private func resolve(_ work: Work, _ definition: FieldDefinition, _ arguments: Arguments, _ info: ResolveInfo) async
        -> [Result<Any?, any Error>] {
        if let introspected = Introspection.resolver(schema, work.objectType, definition.name) {
            return work.items.map { item in Result { try introspected(item.source, arguments) } }
        }
        guard let resolver = executable.resolvers[work.objectType]?[definition.name] else {
            return work.items.map { .success(Self.defaultResolve($0.source, definition.name)) }
        }
        switch resolver {
        case .batch(let body):
            do {
                let values = try await body(work.items.map(\.source), arguments, context, info)
                guard values.count == work.items.count else {
                    let error = GraphQLError("The batch resolver of \(work.objectType).\(definition.name) returned \(values.count) values for \(work.items.count) objects.")
                    return work.items.map { _ in .failure(error) }
                }
                return values.map { .success($0) }
            } catch {
                return work.items.map { _ in .failure(error) }
            }
        case .single(let body):
            var results: [Result<Any?, any Error>] = []
            results.reserveCapacity(work.items.count)
            for item in work.items {
                var itemInfo = info
                itemInfo.path = item.path + [info.path.last ?? .key(definition.name)]
                do {
                    results.append(.success(try await body(item.source, arguments, context, itemInfo)))
                } catch {
                    results.append(.failure(error))
                }
            }
            return results
        }
    }

    /// Without a resolver a field reads the key of a JSON object or the property of a value.
    static func defaultResolve(_ source: Any, _ name: String) -> Any? {
        if case .object(let fields) = source as? ConstValue { return fields.first { $0.0 == name }?.1 }
        if let dictionary = source as? [String: Any] { return dictionary[name] }
        for child in Mirror(reflecting: source).children where child.label == name {
            return child.value
        }
        return nil
    }

    /// CompleteValue (spec 6.4.3). Objects are queued through `enqueue` for the next level.
    private func complete(_ value: Any?, _ type: TypeRef, _ nodes: [Field], _ path: [PathComponent],
                          parent: String, enqueue: (String, Pending) -> Void) -> ResponseNode {
        var value = value
        if let optional = value as? any AnyOptional { value = optional.unwrapped }
        if case .null? = value as? ConstValue { value = nil }
        switch type {
        case .nonNull(let inner):
            let node = complete(value, inner, nodes, path, parent: parent, enqueue: enqueue)
            if case .null = node {
                fail("Cannot return null for non-nullable field \(parent).\(nodes[0].name.value).", nodes, path)
                return .failed
            }
            return node
        case .list(let item):
            guard let value else { return .null }
            guard let items = Self.list(value) else {
                fail("Expected Iterable, but did not find one for field \"\(parent).\(nodes[0].name.value)\".", nodes, path)
                return .failed
            }
            return .list(items.enumerated().map { index, element in
                complete(element, item, nodes, path + [.index(index)], parent: parent, enqueue: enqueue)
            })
        case .named(let name):
            guard let value else { return .null }
            guard let named = schema.type(name) else { return .failed }
            if named.isLeaf {
                do {
                    return .leaf(try LeafCoercion.serialize(value, named))
                } catch {
                    fail(error.message, nodes, path)
                    return .failed
                }
            }
            let objectType: String
            if named.kind == .OBJECT {
                objectType = name
            } else {
                guard let runtime = runtimeType(value, named) else {
                    fail("Abstract type \"\(name)\" must resolve to an Object type at runtime for field \"\(parent).\(nodes[0].name.value)\". Either the \"\(name)\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.",
                         nodes, path)
                    return .failed
                }
                guard schema.isSubType(name, runtime) else {
                    fail("Runtime Object type \"\(runtime)\" is not a possible type for \"\(name)\".", nodes, path)
                    return .failed
                }
                objectType = runtime
            }
            let object = ResponseObject()
            enqueue(objectType, Pending(source: value, path: path, target: object))
            return .object(object)
        }
    }

    private func runtimeType(_ value: Any, _ abstract: SchemaType) -> String? {
        if let resolver = executable.typeResolvers[abstract.name] { return resolver(value) }
        if let typed = value as? any GraphQLTyped { return typed.graphQLTypeName }
        if case .string(let name)? = (value as? ConstValue)?["__typename"] { return name }
        return nil
    }

    static func list(_ value: Any) -> [Any]? {
        if case .list(let items) = value as? ConstValue { return items }
        if value is ConstValue || value is String { return nil }
        return value as? [Any]
    }
}
