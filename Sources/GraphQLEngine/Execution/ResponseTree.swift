// The response while it is built level by level. Objects are filled in after their parent field
// completes; non-null violations are applied once everything has run (`finalize`, `write`), which
// null exactly the positions spec 6.4.4 "Handling Field Errors" says.

/// An object of the response, and the value its fields are resolved from. Its fields are its
/// plans (their response keys and types, shared by every object of the level and by every
/// execution of a kept document) and one node per plan, in that order: a field costs the response
/// one node, not a copy of its key and type.
final class ResponseObject {
    /// What the object's fields are resolved from, and where the object sits in the response.
    let source: Any
    let path: ResponsePath?
    // Filled by its execution alone, one field after another, and read only after it: no access
    // overlaps, so none is checked at run time (each check was a call into the runtime per field).
    @exclusivity(unchecked) var plans: [FieldPlan] = []
    @exclusivity(unchecked) var nodes: [ResponseNode] = []

    init(source: Any, path: ResponsePath?) {
        self.source = source
        self.path = path
    }
}

/// A position in the response as a chain of parents. An object's fields share its chain, so a
/// level costs one link per object; the array an error reports is made only for the error.
final class ResponsePath: Sendable {
    let parent: ResponsePath?
    let component: PathComponent

    init(_ parent: ResponsePath?, _ component: PathComponent) {
        self.parent = parent
        self.component = component
    }

    /// The components from the root down; empty for the root itself (nil).
    static func components(_ path: ResponsePath?) -> [PathComponent] {
        var components: [PathComponent] = []
        var link = path
        while let current = link {
            components.append(current.component)
            link = current.parent
        }
        return components.reversed()
    }
}

/// Not `indirect`: children sit in arrays and objects, so a leaf costs no heap box of its own.
enum ResponseNode {
    case null
    /// Null because of an error that is already recorded.
    case failed
    case leaf(ConstValue)
    case list([ResponseNode])
    case object(ResponseObject)
    /// An object completed inline, everything below it included (`Execution.inlineObject`):
    /// bytes `start..<end` of the execution's written JSON (`ResponseData.written`).
    case written(Int, Int)
}

/// An executed operation's response tree with the root's type: `data` as the execution left it,
/// turned into JSON or a `ConstValue` only when asked. Never changed after the execution, and the
/// values its objects were resolved from (`ResponseObject.source`) are never read after it: they
/// only go away with the tree.
final class ResponseData: @unchecked Sendable {
    let root: ResponseObject
    let rootType: String
    /// The JSON of the objects completed inline (`ResponseNode.written`).
    let written: [UInt8]

    init(root: ResponseObject, rootType: String, written: [UInt8]) {
        self.root = root
        self.rootType = rootType
        self.written = written
    }

    /// `data` as a value; `.null` when the root itself had to become null.
    var value: ConstValue {
        written.withUnsafeBufferPointer { ResponseTree.finalize(.object(root), .named(rootType), $0) } ?? .null
    }

    /// `data` as JSON, written straight from the tree.
    func write(to writer: inout JSONWriter) {
        written.withUnsafeBufferPointer { _ = ResponseTree.write(.object(root), .named(rootType), $0, &writer) }
    }
}

enum ResponseTree {
    /// What writing a position left in the JSON.
    enum Written { case value, null, invalid }

    /// Writes the value at a position of `type`, as `finalize` would make it: `.invalid` when the
    /// position is non-null but has no value, so the parent must become null in turn (it takes back
    /// what was written of it and writes `null`).
    /// `written` holds the JSON of the objects completed inline.
    static func write(_ node: ResponseNode, _ type: TypeRef, _ written: UnsafeBufferPointer<UInt8>,
                      _ writer: inout JSONWriter) -> Written {
        switch type {
        case .nonNull(let inner):
            return write(node, inner, written, &writer) == .value ? .value : .invalid
        case .list(let item):
            guard case .list(let items) = node else {
                writer.raw("null")
                return .null
            }
            let start = writer.count
            writer.byte("[")
            for index in items.indices {
                if index > 0 { writer.byte(",") }
                if write(items[index], item, written, &writer) == .invalid {
                    writer.takeBack(to: start)
                    writer.raw("null")
                    return .null
                }
            }
            writer.byte("]")
            return .value
        case .named:
            return writeNamed(node, written, &writer)
        }
    }

    /// `write` for a position of a named type: null, a leaf or an object. An object's fields of a
    /// named type, or a non-null one, are written without their `TypeRef`, which is shared by every
    /// execution of the document: each look into it retained and released its box.
    private static func writeNamed(_ node: ResponseNode, _ written: UnsafeBufferPointer<UInt8>, _ writer: inout JSONWriter) -> Written {
        switch node {
        case .null, .failed, .list, .leaf(.null):
            writer.raw("null")
            return .null
        case .leaf(let value):
            writer.write(value)
            return .value
        case .written(let start, let end):
            writer.raw(UnsafeBufferPointer(rebasing: written[start..<end]))
            return .value
        case .object(let object):
            let start = writer.count
            writer.byte("{")
            // Through the arrays' buffers: element by element, each plan and node was retained
            // and released again, and the plans are shared by every execution of the document.
            let invalid = object.plans.withUnsafeBufferPointer { plans in
                object.nodes.withUnsafeBufferPointer { nodes in
                    for index in nodes.indices {
                        if index > 0 { writer.byte(",") }
                        // Unretained: the object holds its plans until it is written.
                        let field = Unmanaged.passUnretained(plans[index])._withUnsafeGuaranteedRef { plan in
                            writer.member(plan.member)
                            return switch plan.shape {
                            case .named: writeNamed(nodes[index], written, &writer)
                            case .nonNullNamed: writeNamed(nodes[index], written, &writer) == .value ? Written.value : .invalid
                            case .other: write(nodes[index], plan.type, written, &writer)
                            }
                        }
                        if field == .invalid { return true }
                    }
                    return false
                }
            }
            guard !invalid else {
                writer.takeBack(to: start)
                writer.raw("null")
                return .null
            }
            writer.byte("}")
            return .value
        }
    }

    /// The value at a position of `type`; nil when the position is non-null but has no value, so the
    /// parent must become null in turn.
    /// An object completed inline is read back from its JSON in `written` (`Execution.writeLeaf`
    /// lets through only values whose JSON reads back as the same value).
    static func finalize(_ node: ResponseNode, _ type: TypeRef, _ written: UnsafeBufferPointer<UInt8>) -> ConstValue? {
        switch type {
        case .nonNull(let inner):
            guard let value = finalize(node, inner, written), value != .null else { return nil }
            return value
        case .list(let item):
            guard case .list(let items) = node else { return .null }
            var values: [ConstValue] = []
            values.reserveCapacity(items.count)
            for element in items {
                guard let value = finalize(element, item, written) else { return .null }
                values.append(value)
            }
            return .list(values)
        case .named:
            switch node {
            case .null, .failed, .list: return .null
            case .leaf(let value): return value
            case .written(let start, let end):
                return try? JSONReader.parse(Array(written[start..<end]))
            case .object(let object):
                var fields: [(String, ConstValue)] = []
                fields.reserveCapacity(object.nodes.count)
                for (plan, node) in zip(object.plans, object.nodes) {
                    guard let value = finalize(node, plan.type, written) else { return .null }
                    fields.append((plan.key, value))
                }
                return .object(fields)
            }
        }
    }
}

/// Unwraps optionals hidden inside `Any`.
protocol AnyOptional {
    var unwrapped: Any? { get }
}

extension Optional: AnyOptional {
    var unwrapped: Any? {
        guard let value = self else { return nil }
        if let nested = value as? any AnyOptional { return nested.unwrapped }
        return value
    }
}
