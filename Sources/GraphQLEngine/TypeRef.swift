/// A reference to a type as used by fields, arguments and variables: a named type wrapped in any
/// number of lists and non-null markers. Types are referenced by name so the type graph, which is
/// full of cycles, stays a plain value. Only the wrappers are boxed: a named type is not.
public enum TypeRef: Sendable, Hashable, CustomStringConvertible {
    case named(String)
    indirect case list(TypeRef)
    indirect case nonNull(TypeRef)

    /// The type written as GraphQL: `[String!]!`.
    public var description: String {
        switch self {
        case .named(let name): name
        case .list(let inner): "[\(inner)]"
        case .nonNull(let inner): "\(inner)!"
        }
    }

    /// The named type inside all wrappers.
    public var namedType: String {
        switch self {
        case .named(let name): name
        case .list(let inner), .nonNull(let inner): inner.namedType
        }
    }

    public var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }

    /// The type without an outer non-null marker.
    public var nullable: TypeRef {
        if case .nonNull(let inner) = self { return inner }
        return self
    }

    /// The item type when this is a (possibly non-null) list.
    public var listItem: TypeRef? {
        if case .list(let inner) = nullable { return inner }
        return nil
    }
}
