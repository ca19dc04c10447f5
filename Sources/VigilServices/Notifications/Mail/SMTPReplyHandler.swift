import NIOCore
import NIOSSL
import NIOTLS

/// Why the connection can no longer be used.
enum SMTPTransportFailure: Error, Sendable {
    case timeout
    case closed
    case protocolViolation(String)
    case io(String)
    case tls(String)
}

/// Turns the inbound byte stream into ``SMTPReply`` values and hands them to whoever waits,
/// with a deadline. Lives at the end of the pipeline; TLS is inserted in front of it.
///
/// All state is confined to the channel's event loop; ``SMTPConnection`` reaches it through
/// `NIOLoopBound`. After the first failure (timeout, close, garbage) every later call fails,
/// because an SMTP session in an unknown state must not be continued.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// We never pipeline, so more queued replies than this means a misbehaving server.
    private static let maxQueuedReplies = 8

    private var decoder = SMTPReplyDecoder()
    private var queued = CircularBuffer<SMTPReply>()
    private var waiter: (promise: EventLoopPromise<SMTPReply>, timer: Scheduled<Void>)?
    private var tlsWaiter: (promise: EventLoopPromise<Void>, timer: Scheduled<Void>)?
    private var failure: SMTPTransportFailure?
    private var context: ChannelHandlerContext?

    /// True if the server sent anything not yet consumed. Checked before STARTTLS, because
    /// cleartext bytes injected after the 220 reply must not be read as if they came over TLS.
    var hasUnreadInput: Bool { !queued.isEmpty || decoder.hasPartialReply }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard failure == nil else { return }
        var buffer = unwrapInboundIn(data)
        do {
            for reply in try decoder.decode(&buffer) {
                if let waiter {
                    self.waiter = nil
                    waiter.timer.cancel()
                    waiter.promise.succeed(reply)
                } else if queued.count < Self.maxQueuedReplies {
                    queued.append(reply)
                } else {
                    fail(.protocolViolation("server sent replies nobody asked for"))
                    return
                }
            }
        } catch {
            fail(.protocolViolation(error.reason))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let description = String(describing: error)
        // NIOSSL reports handshake and certificate problems through errorCaught.
        let isTLS = error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError
        fail(isTLS ? .tls(description) : .io(description))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent, let tlsWaiter {
            self.tlsWaiter = nil
            tlsWaiter.timer.cancel()
            tlsWaiter.promise.succeed(())
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// The next reply, or a failure if none arrives before `deadline`.
    func nextReply(deadline: NIODeadline, on eventLoop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if let reply = queued.popFirst() { return eventLoop.makeSucceededFuture(reply) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        precondition(waiter == nil, "SMTP replies are awaited one at a time")
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        let timer = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { self.fail(.timeout) }
        waiter = (promise, timer)
        return promise.futureResult
    }

    /// Completes when the TLS handshake (started by adding NIOSSLClientHandler) finishes.
    func tlsHandshakeCompleted(deadline: NIODeadline, on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        if let failure { return eventLoop.makeFailedFuture(failure) }
        let promise = eventLoop.makePromise(of: Void.self)
        let timer = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { self.fail(.timeout) }
        tlsWaiter = (promise, timer)
        return promise.futureResult
    }

    /// Writes and flushes through the pipeline (so through TLS once it is installed); a write
    /// that makes no progress before `deadline` fails the connection.
    func write(_ buffer: ByteBuffer, deadline: NIODeadline, on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        if let failure { return eventLoop.makeFailedFuture(failure) }
        guard let context else { return eventLoop.makeFailedFuture(SMTPTransportFailure.closed) }
        let timer = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { self.fail(.timeout) }
        let promise = eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { result in
            timer.cancel()
            switch result {
            case .success: promise.succeed(())
            case .failure(let error): promise.fail(self.failure ?? .io(String(describing: error)))
            }
        }
        return promise.futureResult
    }

    /// Records the first failure, fails every waiter and closes the channel.
    func fail(_ newFailure: SMTPTransportFailure) {
        if failure == nil { failure = newFailure }
        let failure = self.failure ?? newFailure
        if let waiter {
            self.waiter = nil
            waiter.timer.cancel()
            waiter.promise.fail(failure)
        }
        if let tlsWaiter {
            self.tlsWaiter = nil
            tlsWaiter.timer.cancel()
            tlsWaiter.promise.fail(failure)
        }
        context?.close(promise: nil)
    }
}
