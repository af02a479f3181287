import NIOCore
import NIOHTTPTypes

/// Bounds the time a request's body may take to arrive. The connection's idle timeout already
/// bounds the head (Hummingbird counts a connection idle until a whole head is read), but once the
/// head is in, each piece of body resets it: a client sending a byte a minute could hold a
/// connection and a handler for as long as it liked. Past `limit` after its head, a request still
/// arriving has its body fail with `Expired`, which `GraphQLHTTP` answers with 408; the rest of
/// that request is dropped and the connection closes after the answer.
///
/// A request that arrives whole in one read, as nearly all do, never schedules a timer: the timer
/// is set when a read ends with the request incomplete.
final class ArrivalDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    /// The error a late body fails with.
    struct Expired: Error, CustomStringConvertible {
        let limit: Duration
        var description: String { "The request body did not arrive within \(limit)." }
    }

    private let limit: Duration
    /// When the head of the request still arriving was read; nil between requests.
    private var headRead: NIODeadline?
    private var timer: Scheduled<Void>?
    /// Set once a request expired: what else it sends is dropped.
    private var expired = false

    init(limit: Duration) {
        self.limit = limit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !expired else { return }
        switch unwrapInboundIn(data) {
        case .head: headRead = .now()
        case .body: break
        case .end:
            headRead = nil
            timer?.cancel()
            timer = nil
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if let headRead, timer == nil, !expired {
            timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: headRead + TimeAmount(limit)) { [self] in
                timer = nil
                guard self.headRead != nil else { return }
                expired = true
                context.fireErrorCaught(Expired(limit: limit))
            }
        }
        context.fireChannelReadComplete()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }
}
