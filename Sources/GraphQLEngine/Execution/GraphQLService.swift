public import GraphQLLanguage

/// One GraphQL request: the document text, an optional operation name and variables.
public struct GraphQLRequest: Sendable {
    public var query: String
    public var operationName: String?
    public var variables: [(String, ConstValue)]

    public init(query: String, operationName: String? = nil, variables: [(String, ConstValue)] = []) {
        self.query = query
        self.operationName = operationName
        self.variables = variables
    }
}

/// The spec's response: `data` is absent when the request failed before execution started.
public struct GraphQLResponse: Sendable {
    /// `data` given as a value.
    private var givenData: ConstValue?
    /// `data` as an execution left it: `json()` writes it without making a `ConstValue` first.
    var tree: ResponseData?
    public var errors: [GraphQLError]
    /// False when parsing, validation or variable coercion stopped the request (no `data` entry).
    public var executed: Bool

    public init(data: ConstValue?, errors: [GraphQLError], executed: Bool) {
        self.givenData = data
        self.errors = errors
        self.executed = executed
    }

    /// An executed operation's response; without a tree (the operation could not run) `data` is null.
    init(tree: ResponseData?, errors: [GraphQLError]) {
        self.init(data: .null, errors: errors, executed: true)
        self.tree = tree
    }

    public var data: ConstValue? {
        get { tree?.value ?? givenData }
        set {
            givenData = newValue
            tree = nil
        }
    }

    /// The response as JSON bytes: `errors` first when present, then `data`, keys in query order.
    public func json() -> [UInt8] {
        // Room for what the execution wrote already (most of a page) and the rest around it: grown
        // from a fixed size, a page's bytes were copied again on the way.
        var writer = JSONWriter(capacity: (tree?.written.count ?? 0) + 4096)
        writer.raw("{")
        if !errors.isEmpty {
            writer.raw("\"errors\":")
            writer.write(.list(errors.map(\.json)))
            if executed { writer.raw(",") }
        }
        if executed {
            writer.raw("\"data\":")
            if let tree { tree.write(to: &writer) } else { writer.write(givenData ?? .null) }
        }
        writer.raw("}")
        return writer.bytes
    }
}

extension GraphQLError {
    /// The spec's error shape.
    public var json: ConstValue {
        var fields: [(String, ConstValue)] = [("message", .string(message))]
        if !locations.isEmpty {
            fields.append(("locations", .list(locations.map { .object([("line", .int($0.line)), ("column", .int($0.column))]) })))
        }
        if let path {
            fields.append(("path", .list(path.map { component in
                switch component {
                case .key(let key): .string(key)
                case .index(let index): .int(index)
                }
            })))
        }
        if !extensions.isEmpty { fields.append(("extensions", .object(extensions))) }
        return .object(fields)
    }
}

/// Settings of a service: parser limits, extra validation rules (depth, say), the cost limit and
/// the cache size.
public struct ServiceOptions: Sendable {
    public var parse: ParseOptions
    public var extraRules: [ValidationRule]
    /// The most an operation may cost (`maxCostRule`), checked when the document is validated and,
    /// when list sizes come from variables, again with each request's values: a size from a
    /// variable counted as 10, so `first: $n` with `n` 100 on three nested lists ran a million
    /// objects past the limit (over 60 s and 650 MB).
    public var maxCost: Int?
    public var cacheCapacity: Int
    /// The most memory the cached documents may take together, estimated at 24 bytes for each byte
    /// of their text (a 107 KB document of 4,900 aliased fields took 2.4 MB parsed, validated and
    /// kept). Counting documents alone, a thousand such requests held 2.4 GB; a document
    /// estimated above this is parsed afresh each time instead.
    public var cacheMaxBytes: Int
    public var maxValidationErrors: Int
    /// Where operations estimated to cost at least some amount execute, instead of where the
    /// request came from: a server's event loop should not be held for the milliseconds a hundred
    /// articles with their related articles take, while other requests wait behind it. Documents
    /// of `longDocumentBytes` or more are parsed and validated there too, the first time.
    public var longWork: LongWork?

    public init(parse: ParseOptions = ParseOptions(maxTokens: 20_000), extraRules: [ValidationRule] = [], maxCost: Int? = nil,
                cacheCapacity: Int = 1000, cacheMaxBytes: Int = 32 << 20, maxValidationErrors: Int = 100,
                longWork: LongWork? = nil) {
        self.parse = parse
        self.extraRules = extraRules
        self.maxCost = maxCost
        self.cacheCapacity = cacheCapacity
        self.cacheMaxBytes = cacheMaxBytes
        self.maxValidationErrors = maxValidationErrors
        self.longWork = longWork
    }

    /// Operations whose estimated cost (as `maxCostRule` counts it, with the request's variables)
    /// is at least `cost` execute on `executor` (`withTaskExecutorPreference`).
    public struct LongWork: Sendable {
        public var cost: Int
        public var executor: any TaskExecutor

        public init(cost: Int, executor: any TaskExecutor) {
            self.cost = cost
            self.executor = executor
        }
    }

    /// The costs a list size from a variable counts as before the variables are known.
    static let defaultListSize = 10
    /// What a cached document is estimated to take for each byte of its text (see `cacheMaxBytes`).
    static let bytesKeptPerByte = 24
    /// From this size on, a document not in the cache is prepared on `longWork`'s executor.
    static let longDocumentBytes = 4096
}

/// A parsed and validated document, or the errors that stop it. A class: every request for a
/// cached document takes it out of the cache, and a struct's copy retained each of its parts
/// (eight references) where a reference is retained once.
public final class PreparedDocument: Sendable {
    public let source: Source
    /// The document when it is valid.
    public let document: Document?
    /// The document as parsed, valid or not (nil: a syntax error): what a transport reads an
    /// operation's type from before validation's verdict counts (GraphQL over HTTP answers a
    /// mutation sent with GET 405, whether or not the schema has mutations).
    public let parsed: Document?
    public let errors: [GraphQLError]
    /// What executions of the document found out that the next ones can reuse.
    let kept: ExecutionMemo?
    /// The estimated cost of each operation, by where it starts in the source, when the service
    /// limits or places operations by cost; `varies` when a list size comes from a variable, and
    /// the cost is then estimated again with each request's values.
    let costs: [Int: (cost: Int, varies: Bool)]
    /// The document's fragments by name, found once for every execution of it.
    let fragments: [String: FragmentDefinition]

    init(source: Source, document: Document?, parsed: Document? = nil, errors: [GraphQLError],
         fragments: [String: FragmentDefinition] = [:], costs: [Int: (cost: Int, varies: Bool)] = [:]) {
        self.source = source
        self.document = document
        self.parsed = parsed ?? document
        self.errors = errors
        self.costs = costs
        self.fragments = fragments
        kept = document.map(ExecutionMemo.init)
    }
}

/// Runs requests against an executable schema: parse and validate (cached by document text),
/// coerce variables, execute, and shape the response.
public final class GraphQLService<Context: Sendable>: Sendable {
    public let executable: ExecutableSchema<Context>
    public let options: ServiceOptions
    /// Prepared documents by their text, byte for byte (see `ExactText`).
    private let cache: LRUCache<ExactText, PreparedDocument>

    public init(executable: ExecutableSchema<Context>, options: ServiceOptions = ServiceOptions()) {
        self.executable = executable
        self.options = options
        self.cache = LRUCache(capacity: options.cacheCapacity, maxWeight: options.cacheMaxBytes) { query, _ in
            query.text.utf8.count.multipliedClamped(ServiceOptions.bytesKeptPerByte)
        }
    }

    /// Cache hits and misses so far.
    public var cacheStatistics: (hits: Int, misses: Int) { cache.statistics }

    /// Parses and validates a document, or returns the earlier result for the same text. A large
    /// document not seen before is parsed and validated where costly operations run
    /// (`ServiceOptions.longWork`): validation is bounded by the rules' limits, but a document that
    /// slips past them should hold a lane, not an event loop.
    public func prepare(_ query: String) async -> PreparedDocument {
        let key = ExactText(query)
        if let cached = cache.get(key) { return cached }
        guard let longWork = options.longWork, query.utf8.count >= ServiceOptions.longDocumentBytes else { return prepareAfresh(key) }
        return await withTaskExecutorPreference(longWork.executor) { self.prepareAfresh(key) }
    }

    /// Parses and validates a document not in the cache, and keeps the result — unless the task
    /// was cancelled meanwhile (the request's time ran out): validation stops early then, and its
    /// errors are not the document's.
    private func prepareAfresh(_ key: ExactText) -> PreparedDocument {
        let source = Source(key.text)
        let prepared: PreparedDocument
        do {
            let document = try Parser.parse(source, options: options.parse)
            let fragments = document.fragmentsByName
            // Estimated once, for the cost limit and for where each operation runs.
            let costs = options.maxCost != nil || options.longWork != nil ? costs(document, fragments) : [:]
            let costRule = options.maxCost.map { [maxCostRule($0, estimated: costs)] } ?? []
            let errors = Validator.validate(document, source: source, schema: executable.schema,
                                            rules: Validator.specifiedRules + options.extraRules + costRule,
                                            maxErrors: options.maxValidationErrors)
            prepared = errors.isEmpty
                ? PreparedDocument(source: source, document: document, errors: [], fragments: fragments, costs: costs)
                : PreparedDocument(source: source, document: nil, parsed: document, errors: errors)
        } catch {
            prepared = PreparedDocument(source: source, document: nil, errors: [GraphQLError(error)])
        }
        if Task.isCancelled { return PreparedDocument(source: source, document: nil, errors: [GraphQLError("The execution was cancelled.")]) }
        cache.put(key, prepared)
        return prepared
    }

    /// Each operation's estimated cost, and whether it depends on a variable.
    private func costs(_ document: Document, _ fragments: [String: FragmentDefinition]) -> [Int: (cost: Int, varies: Bool)] {
        var costs: [Int: (cost: Int, varies: Bool)] = [:]
        for case .operation(let operation) in document.definitions {
            var estimate = costEstimate(fragments, variables: nil)
            if let cost = estimate.cost(of: operation) { costs[operation.range.start] = (cost, estimate.usesVariables) }
        }
        return costs
    }

    /// A cost estimate as this service counts: the executable schema's field costs, list sizes
    /// from `variables` when given.
    private func costEstimate(_ fragments: [String: FragmentDefinition], variables: [String: ConstValue]?) -> QueryCost {
        QueryCost(schema: executable.schema, fragments: fragments, defaultListSize: ServiceOptions.defaultListSize,
                  fieldCosts: executable.fieldCosts, variables: variables)
    }

    /// The operation a request runs, or the error that says why none can be chosen.
    public func operation(_ document: Document, named name: String?) -> Result<OperationDefinition, GraphQLError> {
        // One pass over the definitions, copying out only the operation chosen: a document is
        // looked at for every request.
        var chosen: OperationDefinition?
        for case .operation(let operation) in document.definitions where name == nil || operation.name?.value == name {
            if name != nil { return .success(operation) }
            guard chosen == nil else {
                return .failure(GraphQLError("Must provide operation name if query contains multiple operations."))
            }
            chosen = operation
        }
        if let chosen { return .success(chosen) }
        if let name { return .failure(GraphQLError("Unknown operation named \"\(name)\".")) }
        return .failure(GraphQLError("Must provide an operation."))
    }

    /// Runs `request`. `prepared` is its query prepared already (by `prepare`, for a look at the
    /// document before running it); nil: prepared here.
    public func execute(_ request: GraphQLRequest, prepared: PreparedDocument? = nil, context: Context,
                        rootValue: Any = ()) async -> GraphQLResponse {
        let prepared = if let prepared { prepared } else { await prepare(request.query) }
        guard let document = prepared.document else {
            return GraphQLResponse(data: nil, errors: prepared.errors, executed: false)
        }
        let operation: OperationDefinition
        switch self.operation(document, named: request.operationName) {
        case .success(let found): operation = found
        case .failure(let error): return GraphQLResponse(data: nil, errors: [error], executed: false)
        }
        let coercion = InputCoercion(schema: executable.schema)
        let (variables, variableErrors) = coercion.variables(operation.variableDefinitions, request.variables,
                                                             source: prepared.source)
        if !variableErrors.isEmpty { return GraphQLResponse(data: nil, errors: variableErrors, executed: false) }
        let estimated = prepared.costs[operation.range.start]
        var cost = estimated?.cost
        if estimated?.varies == true {
            var estimate = costEstimate(prepared.fragments, variables: variables)
            cost = estimate.cost(of: operation)
            if let cost, let limit = options.maxCost, cost > limit {
                let error = GraphQLError(QueryCost.refusal(cost, limit), ranges: [operation.range], in: prepared.source,
                                         code: "MAX_COST_EXCEEDED")
                return GraphQLResponse(data: nil, errors: [error], executed: false)
            }
        }
        let execution = Execution(executable: executable, fragments: prepared.fragments, source: prepared.source,
                                  variables: variables, context: context, kept: prepared.kept)
        let tree: ResponseData?
        if let longWork = options.longWork, let cost, cost >= longWork.cost {
            tree = await withTaskExecutorPreference(longWork.executor) { await execution.run(operation, rootValue: rootValue) }
        } else {
            tree = await execution.run(operation, rootValue: rootValue)
        }
        return GraphQLResponse(tree: tree, errors: execution.errors)
    }
}
