/// The response while it is built level by level. Objects are filled in after their parent field
/// completes; non-null violations are applied once everything has run (`finalize`), which nulls
/// exactly the positions spec 6.4.4 "Handling Field Errors" says.
final class ResponseObject {
    var fields: [ResponseField] = []
}

struct ResponseField {
    var key: String
    var node: ResponseNode
    var type: TypeRef
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
}

enum ResponseTree {
    /// The value at a position of `type`; nil when the position is non-null but has no value, so the
    /// parent must become null in turn.
    static func finalize(_ node: ResponseNode, _ type: TypeRef) -> ConstValue? {
        switch type {
        case .nonNull(let inner):
            guard let value = finalize(node, inner), value != .null else { return nil }
            return value
        case .list(let item):
            guard case .list(let items) = node else { return .null }
            var values: [ConstValue] = []
            values.reserveCapacity(items.count)
            for element in items {
                guard let value = finalize(element, item) else { return .null }
                values.append(value)
            }
            return .list(values)
        case .named:
            switch node {
            case .null, .failed, .list: return .null
            case .leaf(let value): return value
            case .object(let object):
                var fields: [(String, ConstValue)] = []
                fields.reserveCapacity(object.fields.count)
                for field in object.fields {
                    guard let value = finalize(field.node, field.type) else { return .null }
                    fields.append((field.key, value))
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
