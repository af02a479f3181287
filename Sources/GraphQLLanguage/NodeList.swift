/// The selections, arguments and directives of one parsed document, each kind in one flat array.
///
/// A document has dozens of short lists (every selection set, every argument and directive list);
/// as Swift arrays each was a heap allocation to make and, with its elements, to destroy, which was
/// most of a parse's cost. Here each kind is one array per document, and a list is a span of it: a
/// `NodeList`. Records in these arrays hold spans, never `NodeList`s, so the storage refers to
/// nothing that refers back to it. Filled by the parser before any list is handed out; never
/// changed afterwards.
public final class SyntaxStorage: @unchecked Sendable {
    var selections: [SelectionRecord] = []
    var arguments: [Argument] = []
    var directives: [DirectiveRecord] = []
    /// The names records refer to by index, which keeps the records free of references: copying
    /// or destroying one is copying bytes.
    var names: [Name] = []

    init() {}
}

/// Where a list's items are in their `SyntaxStorage` array. Records keep 32-bit offsets, which halves
/// what a parse copies; `Parser` refuses documents too large for them.
struct Span: Sendable {
    var start: Int32
    var count: Int32

    init(start: Int, count: Int) {
        self.start = Int32(truncatingIfNeeded: start)
        self.count = Int32(truncatingIfNeeded: count)
    }

    /// No items (where an empty list starts does not matter: it reads nothing).
    static var empty: Span { Span(start: 0, count: 0) }
}

/// A `SourceRange` in 32 bits per offset, as records keep it.
struct CompactRange: Sendable {
    var start: Int32
    var end: Int32

    init(_ range: SourceRange) {
        start = Int32(truncatingIfNeeded: range.start)
        end = Int32(truncatingIfNeeded: range.end)
    }

    var range: SourceRange { SourceRange(start: Int(start), end: Int(end)) }

    /// A placeholder for a range set once its node is parsed, or for a selection set there is not.
    static var empty: CompactRange { CompactRange(SourceRange(start: 0, end: 0)) }
}

/// A field, fragment spread or inline fragment as stored: the fields of all three shapes.
struct SelectionRecord: Sendable {
    enum Kind: UInt8, Sendable { case field, fragmentSpread, inlineFragment }
    var kind: Kind
    /// A field's alias, as an index into `names`; -1 when there is none.
    var alias: Int32
    /// A field's or fragment spread's name or an inline fragment's type condition, as an index into
    /// `names`; -1 when there is none.
    var name: Int32
    var arguments: Span
    var directives: Span
    /// The selection set's items (none: it has none) and range.
    var selections: Span
    var selectionSetRange: CompactRange
    var range: CompactRange
}

/// A directive as stored: its arguments by span.
struct DirectiveRecord: Sendable {
    /// An index into `names`.
    var name: Int32
    var arguments: Span
    var range: CompactRange
}

/// A node kind whose lists a `SyntaxStorage` keeps.
public protocol SyntaxListElement: Sendable, Hashable {
    /// The node at `index` of its array in `storage` (an implementation detail of `NodeList`).
    static func _element(at index: Int, in storage: SyntaxStorage) -> Self
}

/// The items of one list of a parsed document — the selections of a selection set, a field's
/// arguments, a node's directives — read from the document's `SyntaxStorage`. A random-access
/// collection of values; an empty list refers to no storage at all.
public struct NodeList<Element: SyntaxListElement>: RandomAccessCollection, Sendable, Hashable {
    let storage: SyntaxStorage?
    let start: Int
    public let count: Int

    init(_ storage: SyntaxStorage, _ span: Span) {
        self.storage = span.count == 0 ? nil : storage
        self.start = Int(span.start)
        self.count = Int(span.count)
    }

    /// An empty list.
    public init() {
        storage = nil
        start = 0
        count = 0
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "NodeList index out of range")
        return Element._element(at: start + position, in: storage!)
    }

    public static func == (lhs: NodeList, rhs: NodeList) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for element in self { hasher.combine(element) }
    }
}

extension Argument: SyntaxListElement {
    public static func _element(at index: Int, in storage: SyntaxStorage) -> Argument {
        storage.arguments[index]
    }
}

extension Directive: SyntaxListElement {
    public static func _element(at index: Int, in storage: SyntaxStorage) -> Directive {
        let record = storage.directives[index]
        return Directive(name: storage.names[Int(record.name)], arguments: NodeList(storage, record.arguments),
                         range: record.range.range)
    }
}

extension Selection: SyntaxListElement {
    public static func _element(at index: Int, in storage: SyntaxStorage) -> Selection {
        let record = storage.selections[index]
        let directives = NodeList<Directive>(storage, record.directives)
        let selectionSet = record.selections.count == 0 ? nil
            : SelectionSet(selections: NodeList(storage, record.selections), range: record.selectionSetRange.range)
        let name = record.name < 0 ? nil : storage.names[Int(record.name)]
        let range = record.range.range
        switch record.kind {
        case .field:
            return .field(Field(alias: record.alias < 0 ? nil : storage.names[Int(record.alias)], name: name!,
                                arguments: NodeList(storage, record.arguments), directives: directives,
                                selectionSet: selectionSet, range: range))
        case .fragmentSpread:
            return .fragmentSpread(FragmentSpread(name: name!, directives: directives, range: range))
        case .inlineFragment:
            return .inlineFragment(InlineFragment(typeCondition: name, directives: directives,
                                                  selectionSet: selectionSet!, range: range))
        }
    }
}
