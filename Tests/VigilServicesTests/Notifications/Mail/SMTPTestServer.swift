import Foundation
import Testing

/// A real SMTP server (Python's aiosmtpd) on 127.0.0.1 for end-to-end tests.
///
/// Runs `$VIGIL_TEST_PYTHON` (a Python with aiosmtpd) on an inline script that saves every
/// message as JSON into a temporary directory and logs the commands it sees, so tests can
/// check what reached the server and in which order.
final class SMTPTestServer: @unchecked Sendable {
    struct Options: Encodable {
        var tls = false
        var requireTLS = false
        var username: String?
        var password: String?
        var excludeMechanisms: [String] = []
        /// Address prefix → reply for RCPT TO, e.g. `["reject550": "550 5.1.1 No such user"]`.
        var rcptReplies: [String: String] = [:]
    }

    struct ReceivedMessage: Decodable {
        var mailFrom: String
        var rcptTos: [String]
        var content: Data
    }

    static let pythonPath = ProcessInfo.processInfo.environment["VIGIL_TEST_PYTHON"]
    static let isAvailable = pythonPath != nil
    static let skipMessage: Comment = "VIGIL_TEST_PYTHON is not set (it must point to a Python with aiosmtpd; scripts/test sets it)"

    let port: Int
    /// The server's self-signed certificate (PEM) when `tls` is on.
    let certificateFile: String?
    let directory: URL
    private let process: Process
    private let stdin: Pipe

    init(_ options: Options = Options()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("server.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        var config = try JSONSerialization.jsonObject(with: JSONEncoder().encode(options)) as! [String: Any]
        config["dir"] = directory.path

        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.pythonPath ?? "/usr/bin/python3")
        process.arguments = [script.path, String(decoding: try JSONSerialization.data(withJSONObject: config), as: UTF8.self)]
        stdin = Pipe()
        let stdout = Pipe()
        let stderrFile = directory.appendingPathComponent("server.stderr")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()

        // The script prints one JSON line once it listens, or exits with an error.
        var line = Data()
        while true {
            let chunk = try stdout.fileHandleForReading.read(upToCount: 1) ?? Data()
            if chunk.isEmpty || chunk == Data("\n".utf8) { break }
            line.append(chunk)
        }
        guard let ready = try? JSONSerialization.jsonObject(with: line) as? [String: Any], let port = ready["port"] as? Int else {
            process.waitUntilExit()
            let stderr = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            throw ServerFailed(description: "aiosmtpd did not start (is aiosmtpd installed for \(Self.pythonPath ?? "?")?):\n\(stderr)")
        }
        self.port = port
        self.certificateFile = ready["cert"] as? String
    }

    struct ServerFailed: Error, CustomStringConvertible { var description: String }

    deinit {
        try? stdin.fileHandleForWriting.close()
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Messages the server accepted, in no particular order.
    func messages() throws -> [ReceivedMessage] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".msg.json") }
            .map { try decoder.decode(ReceivedMessage.self, from: Data(contentsOf: directory.appendingPathComponent($0))) }
    }

    /// SMTP commands seen so far (`MAIL ...`, `RCPT ...`, `DATA`).
    func commands() -> [String] {
        let text = (try? String(contentsOf: directory.appendingPathComponent("commands.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Runs a Python snippet with the test Python (`sys.argv[1]` = `argument`) and returns stdout.
    static func runPython(_ code: String, argument: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pythonPath ?? "/usr/bin/python3")
        process.arguments = ["-c", code, argument]
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ServerFailed(description: "python snippet failed") }
        return data
    }

    static let script = #"""
import base64, json, os, socket, ssl, subprocess, sys, uuid
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

cfg = json.loads(sys.argv[1])
out = cfg["dir"]

def log(line):
    with open(os.path.join(out, "commands.log"), "a") as f:
        f.write(line + "\n")

class Handler:
    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        log("MAIL " + address + " " + " ".join(mail_options))
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        log("RCPT " + address)
        for prefix, reply in cfg.get("rcptReplies", {}).items():
            if address.startswith(prefix):
                return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        record = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                  "content": base64.b64encode(envelope.original_content).decode()}
        with open(os.path.join(out, name + ".tmp"), "w") as f:
            json.dump(record, f)
        os.rename(os.path.join(out, name + ".tmp"), os.path.join(out, name + ".msg.json"))
        return "250 2.0.0 Ok: queued as " + name

class LoggingSMTP(SMTP):
    async def smtp_DATA(self, arg):
        log("DATA")
        await super().smtp_DATA(arg)

class LoggingController(Controller):
    def factory(self):
        return LoggingSMTP(self.handler, **self.SMTP_kwargs)

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword)
          and auth_data.login == cfg["username"].encode()
          and auth_data.password == cfg["password"].encode())
    return AuthResult(success=ok, handled=False)

kwargs = {}
cert = None
if cfg.get("tls"):
    cert, key = os.path.join(out, "cert.pem"), os.path.join(out, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    kwargs["tls_context"] = context
    kwargs["require_starttls"] = cfg.get("requireTLS", False)
if cfg.get("username") is not None:
    kwargs["authenticator"] = authenticator
    kwargs["auth_require_tls"] = cfg.get("requireTLS", False)
    kwargs["auth_required"] = True
    kwargs["auth_exclude_mechanism"] = cfg.get("excludeMechanisms", [])

probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
controller = LoggingController(Handler(), hostname="127.0.0.1", port=port, **kwargs)
controller.start()
print(json.dumps({"port": port, "cert": cert}), flush=True)
sys.stdin.read()
controller.stop()
"""#
}
