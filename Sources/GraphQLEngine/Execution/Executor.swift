import GraphQLLanguage
import Synchronization

/// All objects of one type reached through one field at one level, resolved together.
private struct Work {
    var objectType: String
    var items: [ResponseObject]
    /// What the objects were reached through, which says what they select: the operation's
    /// selection set (the root), or a field, whose plan keeps its selection sets.
    var through: Through

    enum Through {
        case operation(SelectionSet)
        case field(FieldPlan)
    }
}


/// Executes one operation (spec 6): breadth first, so that all objects reached through one field
/// at one level are resolved together and a `batch` resolver is called once for them.
final class Execution<Context: Sendable> {
    let executable: ExecutableSchema<Context>
    let schema: Schema
    let source: Source
    let fragments: [String: FragmentDefinition]
    let variables: [String: ConstValue]
    let context: Context
    var errors: [GraphQLError] = []

    private var queue: [Work] = []
    /// The JSON of the objects completed inline (`inlineObject`); their nodes say where.
    // Written by this execution alone, one object at a time: no access overlaps, so none is checked
    // at run time (each check was a call into the runtime for every leaf written).
    @exclusivity(unchecked) private var written = JSONWriter(capacity: 8192)
    private let kept: ExecutionMemo?
    private let collector: FieldCollector

    init(executable: ExecutableSchema<Context>, fragments: [String: FragmentDefinition], source: Source,
         variables: [String: ConstValue], context: Context, kept: ExecutionMemo? = nil) {
        self.executable = executable
        self.schema = executable.schema
        self.source = source
        self.fragments = fragments
        self.variables = variables
        self.context = context
        self.kept = kept
        collector = FieldCollector(schema: executable.schema, fragments: fragments, variables: variables, kept: kept)
    }

    /// Runs the operation; the response tree, nil when the operation cannot run at all.
    func run(_ operation: OperationDefinition, rootValue: Any) async -> ResponseData? {
        guard let rootType = schema.rootTypeName(operation.operation.rawValue) else {
            errors.append(GraphQLError("Schema is not configured to execute \(operation.operation.rawValue) operation.",
                                       ranges: [operation.range], in: source))
            return nil
        }
        let root = ResponseObject(source: rootValue, path: nil)
        // Room for the levels of a usual page at once: grown from one, the queue was copied three times.
        queue.reserveCapacity(16)
        queue.append(Work(objectType: rootType, items: [root], through: .operation(operation.selectionSet)))
        var next = 0
        // A cancelled execution (a request past its time limit) resolves nothing more.
        while next < queue.count, !Task.isCancelled {
            let work = queue[next]
            next += 1
            await execute(work)
        }
        guard !Task.isCancelled else {
            errors.append(GraphQLError("The execution was cancelled."))
            return nil
        }
        return ResponseData(root: root, rootType: rootType, written: written.bytes)
    }

    private func fail(_ message: String, _ nodes: [Field], _ path: ResponsePath?, extensions: [(String, ConstValue)] = []) {
        var error = GraphQLError(message, ranges: nodes.map(\.range), in: source, path: ResponsePath.components(path))
        error.extensions = extensions
        errors.append(error)
    }

    /// A field error from what its resolver threw, at the field's location and path. A thrown
    /// `GraphQLError` keeps its message and extensions, as graphql-js keeps them; any other error
    /// becomes its description.
    private func fail(_ error: any Error, _ nodes: [Field], _ path: ResponsePath?) {
        let thrown = error as? GraphQLError
        fail(thrown?.message ?? String(describing: error), nodes, path, extensions: thrown?.extensions ?? [])
    }

    private func execute(_ work: Work) async {
        let plans: [FieldPlan] = switch work.through {
        case .field(let field): field.childPlans(on: work.objectType) { self.plans(work.objectType, field.selectionSets) }
        case .operation(let selectionSet): self.plans(work.objectType, [selectionSet])
        }
        // Each object gets one node per plan: room for all of them at once.
        for item in work.items {
            item.plans = plans
            item.nodes.reserveCapacity(plans.count)
        }
        for plan in plans {
            // The definition and type are read through `target` where they are used, never bound
            // to locals: each copy of those structs retained a dozen references. The key and field
            // nodes are read from `plan` where they are used too: most fields are leaves that need
            // them only for an error.
            guard let target = plan.target else {
                // `__typename`: the only plan kept without a target (see `plans`).
                completeLeaves(work, plan)
                continue
            }
            let arguments: Arguments
            do {
                arguments = if let constant = plan.arguments { constant } else {
                    try InputCoercion(schema: schema).arguments(target.definition.arguments, plan.nodes[0].arguments, variables: variables)
                }
            } catch {
                for item in work.items {
                    fail(error.message, plan.nodes, ResponsePath(item.path, .key(plan.key)))
                    item.nodes.append(.failed)
                }
                continue
            }
            if plan.readsLeaf {
                completeLeaves(work, plan)
                continue
            }
            let (key, nodes) = (plan.key, plan.nodes)
            let values = await resolve(work, plan, arguments,
                                       ResolveInfo(fieldName: plan.name, parentType: work.objectType, returnType: target.definition.type,
                                                   fieldNodes: nodes, variables: variables, parentPath: work.items.first?.path,
                                                   key: .key(key), collector: collector))
            // The objects the values lead to, by runtime type, for the next level.
            var children = OrderedGroups<ResponseObject>()
            var childType: ChildType?
            for index in work.items.indices {
                // A level can hold many objects: a cancelled execution stops within it too (`run`
                // reports the cancellation).
                if index & 1023 == 1023, Task.isCancelled { return }
                let item = work.items[index]
                let node: ResponseNode
                let value: Result<Any?, any Error> = switch values {
                case .each(let read): .success(read(item.source))
                case .values(let all): .success(all[index])
                case .results(let results): results[index]
                case .failure(let error): .failure(error)
                }
                switch value {
                case .failure(let error):
                    fail(error, nodes, ResponsePath(item.path, .key(key)))
                    node = .failed
                case .success(let resolved):
                    node = complete(resolved, target.definition.type, plan, target, nodes, item.path, .key(key), parent: work.objectType,
                                    children: &children, childType: &childType)
                }
                item.nodes.append(node)
            }
            for group in children.groups {
                queue.append(Work(objectType: group.key, items: group.values, through: .field(plan)))
            }
        }
    }

    /// The plans of the fields `selectionSets` select on `objectType`: made once per document when
    /// it keeps them (see `ExecutionMemo`). A field the type does not have (validation lets none
    /// through) gets no plan, so every plan puts one node into each object.
    private func plans(_ objectType: String, _ selectionSets: [SelectionSet]) -> [FieldPlan] {
        func make() -> [FieldPlan] {
            collector.collect(objectType, selectionSets).map { collected in
                let slot = executable.slot(objectType, collected.fields[0].name.value)
                let resolver = slot.map { executable.resolvers[$0] }
                let property: (@Sendable (Any) -> Any?)? = if case .property(let read)? = resolver { read } else { nil }
                let scalar: (@Sendable (Any) -> ConstValue?)? = if case .scalar(let read)? = resolver { read } else { nil }
                let known: KnownRead<Context>? = if case .knownOrBatch(let known, _)? = resolver { KnownRead(known) } else { nil }
                return FieldPlan(key: collected.key, nodes: collected.fields, on: objectType, schema, resolverSlot: slot,
                                 property: property, scalar: scalar, known: known)
            }.filter { $0.target != nil || $0.name == "__typename" }
        }
        return kept?.plans(objectType, selectionSets, make) ?? make()
    }

    /// A field's values for the objects of one `Work`: read from each object as it is completed
    /// (a synchronous read of the object alone: no array of results in between), all at once (a
    /// batch), one result per object, or one error for all of them (a batch that failed).
    private enum ResolvedValues {
        case each(@Sendable (Any) -> Any?)
        case values([Any?])
        case results([Result<Any?, any Error>])
        case failure(any Error)
    }

    /// The values of one field of every object in `work`. `info` is made only for the resolvers
    /// that take it.
    private func resolve(_ work: Work, _ plan: FieldPlan, _ arguments: Arguments,
                         _ info: @autoclosure () -> ResolveInfo) async -> ResolvedValues {
        let field = plan.name
        if FieldPlan.mayBeIntrospection(field, on: work.objectType),
           let introspected = Introspection.resolver(schema, work.objectType, field) {
            return .results(work.items.map { item in Result { try introspected(item.source, arguments) } })
        }
        guard let slot = plan.resolverSlot else {
            return .each { Self.defaultResolve($0, field) }
        }
        // The reads a plan keeps (`FieldPlan.propertyRead`, `scalarRead`, `known`) are called from
        // the plan, as inline completion calls them: one route to each.
        if let read = plan.propertyRead { return .each(read) }
        if let read = plan.scalarRead { return .each { read($0) } }
        if plan.known != nil, let values = knownValues(work, arguments, knownRead(plan)) {
            return .values(values)
        }
        let batch: @Sendable ([Any], Arguments, Context, ResolveInfo) async throws -> [Any?]
        switch executable.resolvers[slot] {
        case .batch(let body), .knownOrBatch(_, let body):
            batch = body
        case .property, .scalar:
            preconditionFailure("The plan of \(work.objectType).\(field) keeps its resolver's read.")
        case .single(let body):
            var results: [Result<Any?, any Error>] = []
            results.reserveCapacity(work.items.count)
            // One info for all the items, its parent path set for each in turn: a copy per item
            // retained each of its references.
            var info = info()
            for item in work.items {
                info.parentPath = item.path
                do {
                    results.append(.success(try await body(item.source, arguments, context, info)))
                } catch {
                    results.append(.failure(error))
                }
            }
            return .results(results)
        }
        do {
            let values = try await batch(work.items.map(\.source), arguments, context, info())
            guard values.count == work.items.count else {
                return .failure(GraphQLError("The batch resolver of \(work.objectType).\(field) returned \(values.count) values for \(work.items.count) objects."))
            }
            return .values(values)
        } catch {
            return .failure(error)
        }
    }

    /// A plan's `known` (which it has), as what `plans` made it: a read of this execution's context.
    @inline(__always)
    private func knownRead(_ plan: FieldPlan) -> KnownRead<Context> {
        unsafeDowncast(plan.known!, to: KnownRead<Context>.self)
    }

    /// Every object's value as `known` has it at hand; nil when it lacks any (the batch runs then).
    private func knownValues(_ work: Work, _ arguments: Arguments, _ known: KnownRead<Context>) -> [Any?]? {
        var values: [Any?] = []
        values.reserveCapacity(work.items.count)
        for item in work.items {
            guard let value = known.read(item.source, arguments, context) else { return nil }
            values.append(value)
        }
        return values
    }

    /// A scalar or enum field read from each object's property (see `FieldPlan.readsLeaf`), or
    /// `__typename`: what `resolve` and `complete` do for it, without the resolver call, the
    /// type's recursion or a level of children to collect.
    private func completeLeaves(_ work: Work, _ plan: FieldPlan) {
        // Through the array's buffer, each object unretained (`work.items` holds them all for the
        // loop): element by element, each object was retained and released again for every leaf
        // field of the level.
        work.items.withUnsafeBufferPointer { items in
            for index in items.indices {
                if index & 1023 == 1023, Task.isCancelled { return }
                Unmanaged.passUnretained(items[index])._withUnsafeGuaranteedRef { item in
                    item.nodes.append(leafNode(plan, of: item.source, work.objectType) { ResponsePath(item.path, .key(plan.key)) })
                }
            }
        }
    }

    /// The node of a leaf field read off its object (`FieldPlan.readsLeaf`), or of `__typename`: a
    /// null in a non-null field is an error (recorded) and `.failed`. `path` is the field's, made
    /// only for an error.
    private func leafNode(_ plan: FieldPlan, of source: Any, _ objectType: String, path: () -> ResponsePath) -> ResponseNode {
        if plan.isTypename { return .leaf(.string(objectType)) }
        // The target is read only where a value needs coercing: bound for every leaf, it was
        // retained and released each time, and every execution on every thread shares it.
        var node: ResponseNode
        if let kind = plan.scalarKind {
            if let value = plan.scalarRead!(source) {
                node = kind.takes(value) ? .leaf(value) : completeLeaf(value, plan.target!) { (plan.nodes, path()) }
            } else {
                node = .null
            }
        } else {
            node = completeLeaf(plan.propertyRead!(source), plan.target!) { (plan.nodes, path()) }
        }
        if plan.shape == .nonNullNamed, case .null = node {
            failNull(objectType, plan.nodes, path())
            node = .failed
        }
        return node
    }

    /// Completes an object straight to JSON in `written`, with everything below it, when every
    /// field's value is at hand: a leaf or a list read off the object (`property`, `scalar`), or
    /// what a `knownOrBatch` resolver knows. No `ResponseObject`, path, node or level is made for
    /// it or below it. `.abort` when a field needs more (a batch to run, a resolver to call, an
    /// argument from a variable, a value JSON cannot carry back exactly): the caller takes back
    /// what was written and the errors recorded, and completes the object level by level.
    /// Otherwise every field is completed and every error recorded, as level by level.
    private func inlineObject(_ source: Any, _ objectType: String, _ plans: [FieldPlan], path: () -> ResponsePath) -> Inline {
        let start = written.count
        var invalid = false
        written.byte("{")
        // Through the array's buffer, each plan unretained (`plans` holds them all for the loop).
        let aborted = plans.withUnsafeBufferPointer { plans in
            for index in plans.indices {
                if index > 0 { written.byte(",") }
                let result = Unmanaged.passUnretained(plans[index])._withUnsafeGuaranteedRef { plan in
                    written.member(plan.member)
                    return inlineField(plan, of: source, objectType, path: path)
                }
                switch result {
                case .abort: return true
                case .invalid: invalid = true
                case .value, .null, .failed: break
                }
            }
            return false
        }
        return aborted ? .abort : close("}", from: start, invalid: invalid)
    }

    /// One field of an object completed inline (see `inlineObject`).
    private func inlineField(_ plan: FieldPlan, of source: Any, _ objectType: String, path: () -> ResponsePath) -> Inline {
        if plan.isTypename {
            written.string(objectType)
            return .value
        }
        // Arguments from variables are coerced, and refused, level by level.
        if plan.argumentsVary { return .abort }
        // The field's path, made only for an error. Written out at each call as a closure literal:
        // one bound to a local was a heap-allocated context for every field.
        if plan.readsLeaf {
            let result = writeLeaf(leafNode(plan, of: source, objectType, path: { ResponsePath(path(), .key(plan.key)) }))
            return plan.shape == .nonNullNamed && (result == .null || result == .failed) ? .invalid : result
        }
        guard let target = plan.target, !FieldPlan.mayBeIntrospection(plan.name, on: objectType) else { return .abort }
        let value: Any?
        if plan.known != nil {
            // Constant (`argumentsVary` is false here): coerced once with the plan. The read is
            // the plan's, called where it is kept (see `FieldPlan.known`).
            guard let arguments = plan.arguments, let knownValue = knownRead(plan).read(source, arguments, context) else { return .abort }
            value = knownValue
        } else if plan.propertyRead != nil {
            value = plan.propertyRead!(source)
        } else if plan.scalarRead != nil {
            value = plan.scalarRead!(source)
        } else {
            return .abort  // a batch or a single resolver to call, or none (the default resolver)
        }
        return inline(value, 0, plan, target, parent: objectType, path: { ResponsePath(path(), .key(plan.key)) })
    }

    /// Ends a list or object begun at `start` with `closing`; when a non-null position in it had no
    /// value, takes all of it back and writes null instead.
    private func close(_ closing: Unicode.Scalar, from start: Int, invalid: Bool) -> Inline {
        guard !invalid else {
            written.takeBack(to: start)
            written.raw("null")
            return .failed
        }
        written.byte(closing)
        return .value
    }

    /// `complete` for `inlineObject`: the value at a position of the field's type `depth` wrappers
    /// in (`FieldPlan.wrappers`), written to `written` (null when it is not a value). `.invalid`: a
    /// non-null position without a value, which nulls the list or object around it.
    private func inline(_ value: Any?, _ depth: Int, _ plan: FieldPlan, _ target: FieldTarget, parent: String,
                        path: () -> ResponsePath) -> Inline {
        switch plan.wrappers[depth] {
        case .nonNull:
            switch inline(value, depth + 1, plan, target, parent: parent, path: path) {
            case .value: return .value
            case .null:
                failNull(parent, plan.nodes, path())
                return .invalid
            case .failed, .invalid: return .invalid
            case .abort: return .abort
            }
        case .list:
            guard let value = Self.present(value) else {
                written.raw("null")
                return .null
            }
            guard let items = Self.list(value) else {
                fail("Expected Iterable, but did not find one for field \"\(parent).\(plan.name)\".", plan.nodes, path())
                written.raw("null")
                return .failed
            }
            let start = written.count
            var invalid = false
            written.byte("[")
            for index in items.indices {
                if index & 1023 == 1023, Task.isCancelled { return .abort }
                if index > 0 { written.byte(",") }
                switch inline(items[index], depth + 1, plan, target, parent: parent, path: { ResponsePath(path(), .index(index)) }) {
                case .abort: return .abort
                case .invalid: invalid = true
                case .value, .null, .failed: break
                }
            }
            return close("]", from: start, invalid: invalid)
        case .named:
            if target.named.isLeaf { return writeLeaf(completeLeaf(value, target) { (plan.nodes, path()) }) }
            guard let value = Self.present(value) else {
                written.raw("null")
                return .null
            }
            guard let objectType = objectType(of: value, target.named.name, target, plan.nodes, parent: parent, path: path) else {
                written.raw("null")
                return .failed
            }
            return plan.withChildPlans(on: objectType, { plans(objectType, plan.selectionSets) }) { inlineObject(value, objectType, $0, path: path) }
        }
    }

    /// A leaf's node written to `written`. A value that JSON would not give back as it is (a Float
    /// such as 1.0 is written `1`; an enum value reads back as a string) aborts: `data` reads
    /// objects completed inline back from their JSON.
    private func writeLeaf(_ node: ResponseNode) -> Inline {
        switch node {
        case .null, .leaf(.null):
            written.raw("null")
            return .null
        case .leaf(let value):
            guard !value.changesThroughJSON else { return .abort }
            written.write(value)
            return .value
        case .failed, .list, .object, .written:
            written.raw("null")
            return .failed
        }
    }

    /// A non-null field whose value came out null.
    private func failNull(_ parent: String, _ nodes: [Field], _ path: ResponsePath) {
        fail("Cannot return null for non-nullable field \(parent).\(nodes[0].name.value).", nodes, path)
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

    /// CompleteValue (spec 6.4.3) of the value at `component` under `parentPath`. Objects are
    /// queued in `children` for the next level. The value's path is made only when it is needed:
    /// for an error, a list's items or an object's fields.
    /// `target.named` is the named type at the bottom of `type`.
    /// `childType` keeps what the last object's type needs, for the next object of the same type.
    private func complete(_ value: Any?, _ type: TypeRef, _ plan: FieldPlan, _ target: FieldTarget, _ nodes: [Field],
                          _ parentPath: ResponsePath?, _ component: PathComponent, parent: String,
                          children: inout OrderedGroups<ResponseObject>, childType: inout ChildType?) -> ResponseNode {
        switch type {
        case .nonNull(let inner):
            let node = complete(value, inner, plan, target, nodes, parentPath, component, parent: parent, children: &children,
                                childType: &childType)
            if case .null = node {
                failNull(parent, nodes, ResponsePath(parentPath, component))
                return .failed
            }
            return node
        case .list(let item):
            guard let value = Self.present(value) else { return .null }
            let path = ResponsePath(parentPath, component)
            guard let items = Self.list(value) else {
                fail("Expected Iterable, but did not find one for field \"\(parent).\(nodes[0].name.value)\".", nodes, path)
                return .failed
            }
            var nodesOut: [ResponseNode] = []
            nodesOut.reserveCapacity(items.count)
            for index in items.indices {
                // Objects completed inline complete here, so a long list is where a cancelled
                // execution stops (`run` reports the cancellation).
                if index & 1023 == 1023, Task.isCancelled { return .failed }
                nodesOut.append(complete(items[index], item, plan, target, nodes, path, .index(index), parent: parent,
                                         children: &children, childType: &childType))
            }
            return .list(nodesOut)
        case .named(let name):
            if target.named.isLeaf { return completeLeaf(value, target) { (nodes, ResponsePath(parentPath, component)) } }
            guard let value = Self.present(value) else { return .null }
            guard let objectType = objectType(of: value, name, target, nodes, parent: parent, path: { ResponsePath(parentPath, component) }) else {
                return .failed
            }
            if childType?.name != objectType {
                childType = ChildType(name: objectType, plans: plan.childPlans(on: objectType) { self.plans(objectType, plan.selectionSets) })
            }
            if let child = childType, child.inline {
                let (start, recorded) = (written.count, errors.count)
                switch inlineObject(value, objectType, child.plans, path: { ResponsePath(parentPath, component) }) {
                case .value: return .written(start, written.count)
                case .null, .failed, .invalid:
                    written.takeBack(to: start)
                    return .failed
                case .abort:
                    written.takeBack(to: start)
                    errors.removeSubrange(recorded...)
                    // The rest of the level's objects of this type are not tried again.
                    childType?.inline = false
                }
            }
            let object = ResponseObject(source: value, path: ResponsePath(parentPath, component))
            children.append(object, to: objectType)
            return .object(object)
        }
    }

    /// A scalar or enum value. Values are tried as they come first, since resolvers almost always
    /// return plain values; only a value that does not serialize is looked into for a hidden
    /// optional or a JSON null. `position` gives the field's nodes and the value's path, for an
    /// error: made only then. The type is read off `target` where it is used: passed on its own,
    /// the `SchemaType` was copied for each leaf, a dozen retains of what every execution shares.
    private func completeLeaf(_ value: Any?, _ target: FieldTarget, at position: () -> (nodes: [Field], path: ResponsePath)) -> ResponseNode {
        guard let value else { return .null }
        let failure: CoercionError
        do {
            let serialized = try LeafCoercion.serialize(value, target.named)
            return serialized == .null ? .null : .leaf(serialized)
        } catch {
            failure = error
        }
        guard let present = Self.present(value) else { return .null }
        do {
            return .leaf(try LeafCoercion.serialize(present, target.named))
        } catch {
            let (nodes, path) = position()
            fail(failure.message, nodes, path)
            return .failed
        }
    }

    /// The value itself, or nil for an optional hidden in `Any` that holds nothing or a JSON null.
    /// The value's dynamic type tells which it can be without a cast (a cast to a protocol looks
    /// its conformances up, and this runs for every list and object of a response).
    private static func present(_ value: Any?) -> Any? {
        guard let value else { return nil }
        switch _openExistential(value, do: valueShape) {
        case .plain:
            return value
        case .null:
            return nil
        case .optional:
            guard let inner = (value as? any AnyOptional)?.unwrapped else { return nil }
            return present(inner)
        }
    }

    /// The object type a value of the field's type `name` is: `name` itself, or for an interface
    /// or union the value's runtime type; nil (the error recorded) when that cannot be told.
    private func objectType(of value: Any, _ name: String, _ target: FieldTarget, _ nodes: [Field], parent: String,
                            path: () -> ResponsePath) -> String? {
        if target.named.kind == .OBJECT { return name }
        guard let runtime = runtimeType(value, target.named) else {
            fail("Abstract type \"\(name)\" must resolve to an Object type at runtime for field \"\(parent).\(nodes[0].name.value)\". Either the \"\(name)\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.",
                 nodes, path())
            return nil
        }
        guard schema.isSubType(name, runtime) else {
            fail("Runtime Object type \"\(runtime)\" is not a possible type for \"\(name)\".", nodes, path())
            return nil
        }
        return runtime
    }

    private func runtimeType(_ value: Any, _ abstract: SchemaType) -> String? {
        if let resolver = executable.typeResolvers[abstract.name] { return resolver(value) }
        if let typed = value as? any GraphQLTyped { return typed.graphQLTypeName }
        if case .string(let name)? = (value as? ConstValue)?["__typename"] { return name }
        return nil
    }

    /// A list value's items: an array's, or a JSON list's. One cast for an array, the usual case
    /// (`as? [Any]` took three tries through the runtime's casts for each list of a response).
    static func list(_ value: Any) -> [Any]? {
        if let array = value as? any ResponseList { return array.items }
        if case .list(let items) = value as? ConstValue { return items }
        return nil
    }
}

/// A field's definition and the named type at the bottom of its type, behind one reference: an
/// execution passes and reads them for every field of every object, and copying either struct
/// would retain and release a dozen references each time.
final class FieldTarget: Sendable {
    let definition: FieldDefinition
    let named: SchemaType

    init(definition: FieldDefinition, named: SchemaType) {
        self.definition = definition
        self.named = named
    }
}

/// What executing one response key of an object type needs that stays the same from one execution
/// of a document to the next: the merged field nodes, the field's definition and named type, the
/// selection sets below it, and its arguments when no variable goes into them.
final class FieldPlan: Sendable {
    let key: String
    /// `"key":` as JSON, for the writer: bytes of the plan's own, read without the retain and release
    /// of the key's storage that reading `key` costs each object it writes.
    let member: JSONMember
    let nodes: [Field]
    let name: String
    /// Nil for `__typename` and for a field the type does not have.
    let target: FieldTarget?
    /// The type of the field's value in the response (`String!` for `__typename`).
    let type: TypeRef
    /// `type`'s outer shape, for the loops that would otherwise look into `type` for every object.
    let shape: TypeShape
    /// `type` taken apart from the outside in, ending at its named type: `[Article!]!` is non-null,
    /// list, non-null, named. Completing inline walks it by depth; taking `type`'s indirect cases
    /// apart retained each one it went through, for every value.
    let wrappers: [TypeWrapper]
    let selectionSets: [SelectionSet]
    /// Coerced once; nil when a variable goes into them (or coercion failed: it runs again, and
    /// reports why, at execution).
    let arguments: Arguments?
    /// `arguments` is nil, and `target` nil (`__typename`): flags, read without retaining what
    /// every execution on every thread shares (binding the target for every field completed
    /// inline was 79 retains a page, counted with uprobes).
    let argumentsVary: Bool
    let isTypename: Bool
    /// Where the field's resolver is in the executable schema's list; nil without one.
    let resolverSlot: Int?
    /// Whether the field is a scalar or enum field (not a list) whose resolver reads a property of
    /// its object (`property` or `scalar`), outside the introspection types. Such fields, most of
    /// a response, are completed in a loop of their own (`Execution.completeLeaves`), or inline,
    /// with the read below.
    let readsLeaf: Bool
    /// The field's read when its resolver is `property` or `scalar` (`scalarRead` gives the
    /// response form of the value), and for a field that `readsLeaf`, the kind of value
    /// `scalarRead` gives. Separate properties, called where they are kept: taken out of the
    /// resolver's case, a read's closure context was retained and released for every field of
    /// every object (38 retains a page), on a plan both event loops share.
    let propertyRead: (@Sendable (Any) -> Any?)?
    let scalarRead: (@Sendable (Any) -> ConstValue?)?
    let scalarKind: ScalarKind?
    /// The `known` of a `knownOrBatch` resolver, as a `KnownRead` of the execution's context (a
    /// plan is not generic over it): called from here, where taking it out of the resolver's case
    /// retained its closure for every object.
    let known: (any AnyObject & Sendable)?

    init(key: String, nodes: [Field], on objectType: String, _ schema: Schema, resolverSlot: Int?,
         property: (@Sendable (Any) -> Any?)?, scalar: (@Sendable (Any) -> ConstValue?)?, known: (any AnyObject & Sendable)?) {
        self.known = known
        self.key = key
        member = JSONMember(key)
        self.resolverSlot = resolverSlot
        self.nodes = nodes
        name = nodes[0].name.value
        let definition = name == "__typename" ? nil : schema.fieldDefinition(objectType, name)
        target = definition.flatMap { definition in
            schema.type(definition.type.namedType).map { FieldTarget(definition: definition, named: $0) }
        }
        type = target?.definition.type ?? .nonNull(.named("String"))
        wrappers = TypeWrapper.layers(of: type)
        shape = switch wrappers {
        case [.named]: .named
        case [.nonNull, .named]: .nonNullNamed
        default: .other
        }
        selectionSets = nodes.compactMap(\.selectionSet)
        if let definition, !nodes[0].arguments.contains(where: { ValueConversion.mentionsVariable($0.value) }) {
            arguments = try? InputCoercion(schema: schema).arguments(definition.arguments, nodes[0].arguments, variables: [:])
        } else {
            arguments = nil
        }
        argumentsVary = arguments == nil
        isTypename = target == nil
        let plainLeaf: Bool = switch target?.definition.type {
        case .named?, .nonNull(.named)?: target?.named.isLeaf == true
        default: false
        }
        readsLeaf = plainLeaf && !Self.mayBeIntrospection(name, on: objectType) && (scalar != nil || property != nil)
        (propertyRead, scalarRead) = (property, scalar)
        scalarKind = readsLeaf && scalar != nil ? target.map { ScalarKind($0.named) } : nil
    }

    /// The plans of the objects the field's values lead to, on the object type they were first
    /// made for (a field of an object type leads to no other): found without the look-up by type
    /// and selection sets (`Execution.plans`), which hashed a key for every level of every
    /// execution. Published once, retained until the plan goes, and read without a lock or a
    /// count: both event loops complete objects under the same plans, and a lock taken, or a count
    /// kept, for every object wrote to memory the other core was reading. Objects of another type
    /// (an interface field's) have their plans looked up each time.
    private let children = Atomic<UInt>(0)  // the `ChildPlans`' address; 0: none yet

    private final class ChildPlans {
        let objectType: String
        let plans: [FieldPlan]

        init(_ objectType: String, _ plans: [FieldPlan]) {
            (self.objectType, self.plans) = (objectType, plans)
        }
    }

    /// `body` given the child plans on `objectType` (see `children`), made by `make` when there
    /// are none for it.
    func withChildPlans<Result>(on objectType: String, _ make: () -> [FieldPlan], _ body: ([FieldPlan]) -> Result) -> Result {
        if let kept = UnsafeRawPointer(bitPattern: children.load(ordering: .acquiring)) {
            return Unmanaged<ChildPlans>.fromOpaque(kept)._withUnsafeGuaranteedRef { kept in
                kept.objectType == objectType ? body(kept.plans) : body(make())
            }
        }
        let made = make()
        let published = Unmanaged.passRetained(ChildPlans(objectType, made))
        if !children.compareExchange(expected: 0, desired: UInt(bitPattern: published.toOpaque()), ordering: .acquiringAndReleasing).exchanged {
            published.release()
        }
        return body(made)
    }

    func childPlans(on objectType: String, _ make: () -> [FieldPlan]) -> [FieldPlan] {
        withChildPlans(on: objectType, make) { $0 }
    }

    deinit {
        member.free()
        if let kept = UnsafeRawPointer(bitPattern: children.load(ordering: .acquiring)) { Unmanaged<ChildPlans>.fromOpaque(kept).release() }
    }

    /// Whether a field may be introspection's: only `__schema`, `__type` and the fields of the
    /// `__` types are, and names starting with `_` are the only ones to look up.
    static func mayBeIntrospection(_ field: String, on objectType: String) -> Bool {
        field.utf8.first == UInt8(ascii: "_") || objectType.utf8.first == UInt8(ascii: "_")
    }
}

/// An array, whatever its element type: what a list field's value usually is.
protocol ResponseList {
    var items: [Any] { get }
}

extension Array: ResponseList {
    /// An `[Any]` as it is: mapped, each item would be an `Any` inside an `Any`, which hides an
    /// optional item from `Execution.present`.
    /// Other arrays are copied item by item into place (`map` ran through the generic collection
    /// machinery here, unspecialized, a quarter of a microsecond a list).
    var items: [Any] {
        if Element.self == Any.self { return unsafeBitCast(self, to: [Any].self) }
        return withUnsafeBufferPointer { buffer in
            [Any](unsafeUninitializedCapacity: buffer.count) { items, count in
                for index in buffer.indices { (items.baseAddress! + index).initialize(to: buffer[index]) }
                count = buffer.count
            }
        }
    }
}

/// The object type the last object of a field's values had, its plans, and whether such objects
/// are still tried inline (`Execution.inlineObject`).
struct ChildType {
    var name: String
    var plans: [FieldPlan]
    var inline = true
}

/// What completing a position inline left in the JSON (`Execution.inline`).
enum Inline {
    case value
    /// Null, with no error.
    case null
    /// Null because of an error already recorded.
    case failed
    /// A non-null position without a value: the list or object around it becomes null.
    case invalid
    /// The object cannot be completed inline.
    case abort
}

/// A field type's outer shape: a named type, a non-null named type, or anything with a list.
enum TypeShape: Sendable {
    case named, nonNullNamed, other
}

/// A `knownOrBatch` resolver's `known`, kept by a field's plan (`FieldPlan.known`).
final class KnownRead<Context: Sendable>: Sendable {
    let read: @Sendable (_ source: Any, _ arguments: Arguments, _ context: Context) -> Any??

    init(_ read: @escaping @Sendable (_ source: Any, _ arguments: Arguments, _ context: Context) -> Any??) {
        self.read = read
    }
}

/// One layer of a field's type (`FieldPlan.wrappers`).
enum TypeWrapper: Sendable {
    case nonNull, list, named

    static func layers(of type: TypeRef) -> [TypeWrapper] {
        switch type {
        case .named: [.named]
        case .list(let item): [.list] + layers(of: item)
        case .nonNull(let inner): [.nonNull] + layers(of: inner)
        }
    }
}

/// What `Execution.present` must do with a value: keep it, treat it as null, or look into the
/// optional it is.
private enum ValueShape { case plain, null, optional }

private func valueShape<Value>(_ value: Value) -> ValueShape {
    if _isOptional(Value.self) { return .optional }
    if Value.self == ConstValue.self, case .null = unsafeBitCast(value, to: ConstValue.self) { return .null }
    return .plain
}
