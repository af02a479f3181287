/// Values grouped by a string key, the groups in the order their keys first appeared: fields by
/// response key (collecting fields, checking that they merge), objects by runtime type (execution).
/// The index of keys is made only once a second key appears, since most of execution's groupings
/// have one; a selection set of thousands of aliases is still one look-up per field, not a scan.
struct OrderedGroups<Value> {
    private(set) var groups: [(key: String, values: [Value])] = []
    private var positions: [String: Int] = [:]

    mutating func append(_ value: Value, to key: String) {
        if groups.count == 1, groups[0].key == key {
            groups[0].values.append(value)
        } else if let position = positions[key] {
            groups[position].values.append(value)
        } else {
            if groups.count == 1 { positions[groups[0].key] = 0 }
            if !groups.isEmpty { positions[key] = groups.count }
            groups.append((key, [value]))
        }
    }

    /// The values grouped under `key`, nil when none are.
    func values(for key: String) -> [Value]? {
        if groups.count == 1 { return groups[0].key == key ? groups[0].values : nil }
        return positions[key].map { groups[$0].values }
    }
}
