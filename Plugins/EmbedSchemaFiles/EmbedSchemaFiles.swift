import Foundation
import PackagePlugin

/// Embeds files of `schema/` into a target as Swift string literals, so the binaries carry them and
/// never need the repository at run time: the SQL migrations into FolioStore (`embeddedMigrations`),
/// the GraphQL schema into FolioAPI (`embeddedSchema`).
@main
struct EmbedSchemaFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let schema = context.package.directoryURL.appending(path: "schema")
        let variable: String
        let files: [URL]
        switch target.name {
        case "FolioStore":
            variable = "embeddedMigrations"
            files = try FileManager.default.contentsOfDirectory(at: schema.appending(path: "migrations"), includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "sql" }
        case "FolioAPI":
            variable = "embeddedSchema"
            files = [schema.appending(path: "schema.graphql")]
        default:
            return []
        }
        let sorted = files.sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "\(variable).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(sorted.count) schema file(s) as \(variable)",
                executable: try context.tool(named: "embed-files").url,
                arguments: [output.path, variable] + sorted.map(\.path),
                inputFiles: sorted,
                outputFiles: [output])
        ]
    }
}
