import Foundation
import Synchronization
import VigilCore
import VigilStore

/// Sends a notice e-mail through the configured SMTP server.
struct MailSender: Sendable {
    let client: SMTPClient
    let from: MailAddress

    init(settings: VigilConfiguration.Notices) {
        let smtp = settings.smtp
        let security: SMTPSecurity = switch smtp.security {
        case .none: .none
        case .starttls: .startTLS(required: false)
        case .starttlsRequired: .startTLS(required: true)
        }
        client = SMTPClient(configuration: SMTPConfiguration(
            host: smtp.host ?? "localhost", port: smtp.port, security: security, username: smtp.username,
            password: smtp.password, heloName: smtp.helo, timeout: .seconds(smtp.timeoutSeconds),
            trustedCertificateFile: smtp.caFile))
        from = Self.parseAddress(settings.from)
    }

    /// `Name <address>` or a bare address.
    static func parseAddress(_ text: String) -> MailAddress {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else {
            return MailAddress(text.trimmingCharacters(in: .whitespaces))
        }
        let name = text[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        return MailAddress(String(text[text.index(after: open)..<close]), name: name.isEmpty ? nil : name)
    }

    /// Sends `notice`; `handingOver` runs right before DATA (the outbox marks it `committing`).
    func send(_ notice: NoticeRecord, organisation: String, handingOver: @escaping @Sendable () async throws -> Void) async -> DeliveryOutcome {
        let recipients = notice.recipients.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let message = MailMessage(
            from: from, to: recipients.map { MailAddress($0) }, subject: notice.subject, textBody: notice.body,
            attachments: [MailAttachment(
                filename: NoticeComposer.attachmentName(notice.periodStart), contentType: "text/csv; charset=utf-8",
                data: Array(notice.attachment.utf8))],
            messageID: "\(notice.id)@vigil", date: Date(),
            extraHeaders: [(name: "X-Vigil-Notice", value: notice.id), (name: "X-Vigil-Organisation", value: organisation)])
        let handedOver = HandOver()
        do {
            let receipt = try await client.send(message, envelopeFrom: from.address, recipients: recipients) {
                try await handingOver()
                handedOver.set()
            }
            return .sent("\(receipt.code) \(receipt.text)")
        } catch let error as SMTPError {
            if error.isPermanent { return .refused(error.description) }
            return handedOver.isSet ? .unconfirmed(error.description) : .retry(error.description)
        } catch {
            return handedOver.isSet ? .unconfirmed("\(error)") : .retry("\(error)")
        }
    }
}

/// Whether the message was handed over, set from the SMTP client's callback.
private final class HandOver: Sendable {
    private let flag = Mutex(false)
    func set() { flag.withLock { $0 = true } }
    var isSet: Bool { flag.withLock { $0 } }
}
