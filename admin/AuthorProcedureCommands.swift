import ArgumentParser
import FolioContent
import FolioStore
import Foundation

struct AuthorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "author", abstract: "List or show authors.", subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List authors by name.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let authors = try await store.open().authors()
            if json { return try Output.json(authors.map(AuthorJSON.init)) }
            Output.table(["SLUG", "NAME", "ROLE"], authors.map { [$0.slug, $0.name, $0.role ?? ""] })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one author.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The author's slug.") var slug: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            guard let author = try await store.open().author(slug: slug) else { throw ContentError.notFound(.author, slug) }
            if json { return try Output.json(AuthorJSON(author)) }
            Output.fields([("slug", author.slug), ("name", author.name), ("role", author.role),
                           ("avatar", author.avatarURL), ("updated", Output.date(author.updatedAt))])
            print("")
            print(author.bioMarkdown)
        }
    }
}

struct ProcedureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "procedure", abstract: "List or show procedures.", subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List procedures by name.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let procedures = try await store.open().procedures()
            if json { return try Output.json(procedures.map(ProcedureJSON.init)) }
            Output.table(["SLUG", "NAME", "FULL NAME"], procedures.map { [$0.slug, $0.entry.name, $0.entry.fullName ?? ""] })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one procedure.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The procedure's slug.") var slug: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            guard let procedure = try await store.open().procedure(slug: slug) else {
                throw ContentError.notFound(.procedure, slug)
            }
            if json { return try Output.json(ProcedureJSON(procedure)) }
            let entry = procedure.entry
            Output.fields([
                ("slug", entry.slug), ("name", entry.name), ("full name", entry.fullName), ("summary", entry.summary),
                ("treats", entry.conditions.joined(separator: "; ")), ("symptoms", entry.symptoms.joined(separator: "; ")),
                ("duration", entry.durationMinutes.map { "\($0) min" }), ("anesthesia", entry.anesthesia),
                ("incision", entry.incision), ("imaging", entry.imagingGuidance), ("recovery", entry.recovery),
                ("risks", entry.risks.joined(separator: "; ")), ("preparation", entry.preparation.joined(separator: "; ")),
            ])
            print("")
            print(entry.bodyMarkdown)
        }
    }
}

struct AuthorJSON: Encodable {
    var slug: String
    var name: String
    var role: String?
    var avatarUrl: String?
    var bioMarkdown: String
    var bioHtml: String
    var updatedAt: Date

    init(_ author: Author) {
        slug = author.slug
        name = author.name
        role = author.role
        avatarUrl = author.avatarURL
        bioMarkdown = author.bioMarkdown
        bioHtml = author.bioHTML
        updatedAt = author.updatedAt
    }
}

struct ProcedureJSON: Encodable {
    var slug: String
    var name: String
    var fullName: String?
    var summary: String?
    var conditions: [String]
    var symptoms: [String]
    var durationMinutes: Int?
    var anesthesia: String?
    var incision: String?
    var imagingGuidance: String?
    var recovery: String?
    var risks: [String]
    var preparation: [String]
    var bodyHtml: String
    var updatedAt: Date

    init(_ procedure: Procedure) {
        let entry = procedure.entry
        slug = entry.slug
        name = entry.name
        fullName = entry.fullName
        summary = entry.summary
        conditions = entry.conditions
        symptoms = entry.symptoms
        durationMinutes = entry.durationMinutes
        anesthesia = entry.anesthesia
        incision = entry.incision
        imagingGuidance = entry.imagingGuidance
        recovery = entry.recovery
        risks = entry.risks
        preparation = entry.preparation
        bodyHtml = procedure.bodyHTML
        updatedAt = procedure.updatedAt
    }
}
