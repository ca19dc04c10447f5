import ArgumentParser
import Foundation
import Hummingbird
import Logging
import VigilServer
import VigilServices
import VigilStore

/// `vigil init`: a new data directory with its database, configuration file and first admin.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a data directory, database and first admin (password printed once).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Name of the organisation that runs this Vigil.") var organisation = "CERT"
    @Option(help: "Its ISO 3166-1 alpha-2 country code.") var country = ""
    @Option(help: "Username of the first admin.") var admin = "admin"

    struct Result: Encodable { let dataDir: String; let configFile: String; let admin: String; let password: String }

    func run() async throws {
        let configuration = try global.configuration()
        try FileManager.default.createDirectory(atPath: configuration.dataDir, withIntermediateDirectories: true)
        let configFile = (configuration.dataDir as NSString).appendingPathComponent("vigil.yaml")
        if global.config == nil, !FileManager.default.fileExists(atPath: configFile) {
            try VigilConfiguration.sampleYAML.write(toFile: configFile, atomically: true, encoding: .utf8)
        }
        let password = Secrets.random(bytes: 18)
        try await withServices(global) { services in
            guard try await UserStore(services.database.sql).list().isEmpty else {
                throw ServiceError.conflict("\(configuration.dataDir) is already initialised (it has users); use `vigil user add`")
            }
            let org = try await services.users.createOrganisation(name: organisation, country: country, by: nil)
            _ = try await services.users.createUser(
                username: admin, password: password, organisationID: org.id, role: .admin, by: nil)
        }
        try global.output(Result(dataDir: configuration.dataDir, configFile: configFile, admin: admin, password: password)) {
            """
            Initialised \(configuration.dataDir) (database: \(configuration.resolvedDatabaseURL.hasPrefix("sqlite:") ? configuration.resolvedDatabaseURL : "postgres"))
            Configuration: \(configFile)
            First admin: \(admin)
            Password (shown once, change it): \(password)
            """
        }
    }
}

/// `vigil serve`: the API, feeds and UI.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the server: API, TAXII, feeds, UI.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Port to listen on (overrides server.listen).") var port: Int?

    func run() async throws {
        let services = try await global.services()
        try await ServerRunner.run(services: services, port: port, banner: nil)
    }
}

/// `vigil demo`: a fresh demo data directory on SQLite, loaded and served on loopback.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Create or refresh a demo data dir on SQLite, load the demo set and serve it on 127.0.0.1.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Load the data and exit without serving.") var loadOnly = false

    static let marker = ".vigil-demo"

    func run() async throws {
        var configuration = try global.configuration()
        if global.data == nil, ProcessInfo.processInfo.environment["VIGIL_DATA"] == nil { configuration.dataDir = "./vigil-demo" }
        configuration.database.url = nil
        configuration.warningLists.exclude = DemoDataSet.warningListExclusions
        if configuration.blocklists.isEmpty { configuration.blocklists = DemoDataSet.blocklists }
        if configuration.sharing.partners.isEmpty { configuration.sharing = DemoDataSet.sharing }
        configuration.server.listen = .init(host: "127.0.0.1", port: port)
        try Self.resetDemoDirectory(configuration.dataDir)
        try DemoDataSet.configurationFile.write(
            toFile: (configuration.dataDir as NSString).appendingPathComponent("vigil.yaml"), atomically: true, encoding: .utf8)
        let services = try await global.services(configuration)
        let summary: DemoDataSet.Summary
        do { summary = try await DemoDataSet().load(into: services) } catch {
            try? await services.shutdown()
            throw error
        }
        let url = "http://127.0.0.1:\(port)"
        let logins = DemoAccounts.logins.map { "  \($0.username.padding(toLength: 12, withPad: " ", startingAt: 0)) \($0.password.padding(toLength: 24, withPad: " ", startingAt: 0)) \($0.role)" }
        let banner = """
            Vigil demo: \(summary.indicators) indicators from 4 demo feeds (\(summary.rejectedLines) bad lines rejected on purpose), \(summary.sightings) sightings from two days of demo resolver and firewall logs, \(summary.organisations) organisations, \(summary.users) users in \(configuration.dataDir)
            Open \(url)/  (API: \(url)/api/v1/indicators, health: \(url)/healthz)
            Demo logins (username, password, role):
            \(logins.joined(separator: "\n"))
            """
        if loadOnly {
            try await services.shutdown()
            print(banner)
            return
        }
        try await ServerRunner.run(services: services, port: port, banner: banner)
    }

    /// Empties the demo directory, but only one that `vigil demo` made, never real data.
    static func resetDemoDirectory(_ path: String) throws {
        let manager = FileManager.default
        let marker = (path as NSString).appendingPathComponent(Self.marker)
        if manager.fileExists(atPath: path) {
            let contents = try manager.contentsOfDirectory(atPath: path)
            guard contents.isEmpty || manager.fileExists(atPath: marker) else {
                throw ValidationError("\(path) exists and is not a demo directory; choose another with --data")
            }
            for name in contents { try manager.removeItem(atPath: (path as NSString).appendingPathComponent(name)) }
        }
        try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Data("created by vigil demo; its contents are replaced on every run\n".utf8).write(to: URL(fileURLWithPath: marker))
    }
}

/// Runs the HTTP server until SIGINT/SIGTERM, then closes the database.
enum ServerRunner {
    static func run(services: ServiceContainer, port: Int?, banner: String?) async throws {
        let logger = Logger(label: "vigil.server")
        let app = try VigilServer.application(services: services, logger: logger, port: port) { bound in
            // Unbuffered, so that a script reading the banner through a pipe sees it at once.
            let text = banner ?? "Vigil listening on \(services.configuration.server.host):\(bound)"
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        }
        do { try await app.runService() } catch {
            try? await services.shutdown()
            throw error
        }
        try await services.shutdown()
    }
}
