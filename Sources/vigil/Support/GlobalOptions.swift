import ArgumentParser
import Foundation
import Logging
import VigilCore
import VigilServices
import VigilStore

/// Options every command takes (SPEC "Fixed names").
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Data directory (default: VIGIL_DATA or ./vigil-data).")
    var data: String?

    @Option(name: .long, help: "Configuration file (default: DATA/vigil.yaml when it exists).")
    var config: String?

    @Flag(name: .long, help: "Print machine-readable JSON.")
    var json = false

    /// The configuration: file, then environment, then `--data`.
    func configuration() throws -> VigilConfiguration {
        let environment = ProcessInfo.processInfo.environment
        var file = config
        if file == nil {
            let dataDir = data ?? environment["VIGIL_DATA"] ?? VigilConfiguration.default.dataDir
            let candidate = (dataDir as NSString).appendingPathComponent("vigil.yaml")
            if FileManager.default.fileExists(atPath: candidate) { file = candidate }
        }
        var configuration = try VigilConfiguration.load(file: file, environment: environment)
        if let data { configuration.dataDir = data }
        return configuration
    }

    /// Opens the database (migrating it) and the services.
    func services(_ configuration: VigilConfiguration? = nil) async throws -> ServiceContainer {
        let configuration = try configuration ?? self.configuration()
        LogSetup.bootstrap(configuration.log)
        return try await ServiceContainer(configuration: configuration, logger: Logger(label: "vigil"))
    }

    /// Prints `value` as JSON, or `text` for people.
    func output(_ value: some Encodable, text: () -> String) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(value), as: UTF8.self))
        } else {
            print(text())
        }
    }
}

/// Acting as a user from the command line: whoever can read the data directory is trusted like its
/// administrator, but reads still go through the named user's scope so the CLI shows what they would see.
struct ActingUser: ParsableArguments {
    @Option(name: .customLong("as"), help: "Act as this user (default: admin).")
    var username = "admin"

    func principal(in services: ServiceContainer) async throws -> Principal {
        try await Self.principal(named: username, in: services)
    }

    static func principal(named username: String, in services: ServiceContainer) async throws -> Principal {
        guard let user = try await UserStore(services.database.sql).find(username: username) else {
            throw ServiceError.notFound("user \"\(username)\" (use --as with an existing user; `vigil user list`)")
        }
        return user.principal
    }
}

/// Runs `body` with open services and closes them afterwards, also on error.
func withServices<T>(
    _ options: GlobalOptions, _ body: (ServiceContainer) async throws -> T
) async throws -> T {
    let services = try await options.services()
    do {
        let result = try await body(services)
        try await services.shutdown()
        return result
    } catch {
        try? await services.shutdown()
        throw error
    }
}
