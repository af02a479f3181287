import FolioContent
@testable import FolioServer
import Foundation
import GraphQLEngine
import Logging
import Synchronization
import Testing

/// The server's log lines, written to memory.
struct LogLineTests {
    final class Lines: Sendable {
        let bytes = Mutex<[UInt8]>([])
        var output: LogOutput { LogOutput { line in self.bytes.withLock { $0 += line } } }
        var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "the disk is full" }
    }

    @Test func jsonLinesCarryTimeLevelMessageAndTypedMetadata() throws {
        let lines = Lines()
        var logger = Logger(label: "folio") { LogLineHandler(label: $0, format: .json, output: lines.output) }
        logger[metadataKey: "hb.request.id"] = "abc"
        logger.info("request", metadata: ["status": .stringConvertible(404), "duration_ms": .stringConvertible(2.5),
                                          "path": "/say \"hi\"\n", "tags": ["a", "b"], "who": ["name": "x", "id": .stringConvertible(3)]])
        logger.debug("not at info")
        logger.error("write failed", error: Failure())
        let text = lines.text
        #expect(text.hasSuffix("\n"))
        let written = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(written.count == 2, "\(text)")
        let first = try JSONReader.parse(written[0])
        guard case .object(let fields) = first else { Issue.record("not an object: \(written[0])"); return }
        // Time, level, label and message first; then the metadata by key.
        #expect(fields.map(\.0) == ["time", "level", "label", "message", "duration_ms", "hb.request.id", "path", "status", "tags", "who"])
        #expect(first["level"] == .string("info"))
        #expect(first["label"] == .string("folio"))
        #expect(first["status"] == .int(404))
        #expect(first["duration_ms"] == .float(2.5))
        #expect(first["path"] == .string("/say \"hi\"\n"))
        #expect(first["tags"] == .list([.string("a"), .string("b")]))
        #expect(first["who"] == .object([("id", .int(3)), ("name", .string("x"))]))
        let second = try JSONReader.parse(written[1])
        #expect(second["level"] == .string("error"))
        #expect(second["error"] == .string("the disk is full"))
        #expect(second["hb.request.id"] == .string("abc"))
    }

    /// A key given by the handler, its metadata provider and the event takes the latest value, once.
    @Test func laterMetadataReplacesEarlier() throws {
        let lines = Lines()
        var handler = LogLineHandler(label: "folio", format: .json, output: lines.output)
        handler.metadataProvider = Logger.MetadataProvider { ["shared": "provider", "provided": "yes"] }
        var logger = Logger(label: "folio") { _ in handler }
        logger[metadataKey: "shared"] = "handler"
        logger[metadataKey: "own"] = "handler"
        logger.info("event", metadata: ["shared": "event"])
        let line = try JSONReader.parse(lines.text.trimmingCharacters(in: .newlines))
        guard case .object(let fields) = line else { Issue.record("not an object: \(lines.text)"); return }
        #expect(fields.map(\.0) == ["time", "level", "label", "message", "own", "provided", "shared"])
        #expect(line["shared"] == .string("event"))
        #expect(line["own"] == .string("handler") && line["provided"] == .string("yes"))
    }

    @Test func textLinesKeepEachValueOneToken() {
        let lines = Lines()
        let logger = Logger(label: "folio") { LogLineHandler(label: $0, format: .text, output: lines.output) }
        logger.warning("slow request", metadata: ["path": "/graphql", "note": "a b=c", "empty": "", "status": .stringConvertible(200)])
        let line = lines.text
        let time = String(line.prefix(24))
        #expect(Timestamp.parse(time) != nil && time.hasSuffix("Z"), "\(line)")
        #expect(line.dropFirst(24) == #" warning "slow request" empty="" note="a b=c" path=/graphql status=200"# + "\n")
    }

    /// Lines from many threads at once come out whole, one per event.
    @Test func concurrentLinesNeverInterleave() async throws {
        let lines = Lines()
        let output = lines.output
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let logger = Logger(label: "folio") { LogLineHandler(label: $0, format: .json, output: output) }
                    for index in 0..<200 {
                        logger.info("request", metadata: ["task": .stringConvertible(task), "index": .stringConvertible(index),
                                                          "padding": .string(String(repeating: "x", count: 300))])
                    }
                }
            }
        }
        let written = lines.text.split(separator: "\n")
        #expect(written.count == 1_600)
        var seen = Set<String>()
        for line in written {
            let value = try JSONReader.parse(String(line))
            seen.insert("\(value["task"].map(\.json) ?? "?")/\(value["index"].map(\.json) ?? "?")")
        }
        #expect(seen.count == 1_600)
    }

    @Test func timesHaveMillisecondsInUTC() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_795_512_600.2509), withMilliseconds: true) == "2026-11-24T09:30:00.250Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_795_512_600.9999), withMilliseconds: true) == "2026-11-24T09:30:00.999Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.25), withMilliseconds: true) == "1969-12-31T23:59:59.750Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_795_512_600.75)) == "2026-11-24T09:30:00Z")
    }
}
