"use strict";
// The ZAP handler a scenario asks for (PROTOCOL.md "ZAP handler"; RFC 27) with zeromq.js: a Router
// bound to inproc://zeromq.zap.01 in the case's context, answering from the scenario's list and
// recording every request before it answers. A Router rather than a Reply, so that a `silent`
// answer leaves one request unanswered while later ones are still served. Node runs one thread, so
// the held answers are sent by zap_release itself, not through a wakeup socket as in the threaded
// agents; sends are chained because zeromq.js allows one pending send per socket.
const zmq = require("zeromq");
const {parseAnswers, requestRecord, chooseAnswer, replyFrames} = require("../node/zap_answers");

const ZAP_ENDPOINT = "inproc://zeromq.zap.01";  // RFC 27, ZAP-01

class ZapHandler {
  constructor(context, answers) {
    this.answers = parseAnswers(answers);
    this.socket = new zmq.Router({context, linger: 0});
    this.requests = [];
    this.held = [];  // whole replies of `hold` answers, sent at release
    this.finished = false;
    this.waiters = new Set();  // called whenever `held` or `finished` changes
    this.sending = Promise.resolve();
  }

  // Binds (EADDRINUSE when the context has a handler already), then serves. bindSync binds on
  // this thread, so that no worker thread ever calls into the socket (see stop).
  start() {
    try {
      this.socket.bindSync(ZAP_ENDPOINT);
    } catch (e) {
      this.socket.close();
      throw e;
    }
    this.serve();
  }

  records() {
    return [...this.requests];
  }

  async serve() {
    try {
      for (;;) {
        const frames = await this.socket.receive();
        // The envelope: the session's routing id, then the empty delimiter libzmq sends.
        if (frames.length < 2) continue;
        const envelope = frames.slice(0, 2), request = frames.slice(2);
        const record = requestRecord(request);
        const answer = chooseAnswer(this.answers, record);
        const reply = [...envelope, ...replyFrames(answer, request)];
        record.answered = answer?.silent ? null : reply[4].toString("utf8");
        this.requests.push(record);
        if (answer?.hold) {
          this.held.push(reply);
          this.changed();
        } else if (!answer?.silent) {
          this.send(reply);
        }
      }
    } catch (e) {
      // The socket was closed (the case's context let go of) or failed: the handler is over.
      if (!this.socket.closed) process.stderr.write(`zeromqjs agent: ZAP handler: ${e}\n`);
    } finally {
      this.finished = true;
      this.changed();
    }
  }

  send(reply) {
    const sent = this.sending.then(() => this.socket.send(reply));
    this.sending = sent.catch((e) => {
      if (!this.socket.closed) process.stderr.write(`zeromqjs agent: ZAP reply: ${e}\n`);
    });
    return this.sending;
  }

  changed() {
    for (const wake of this.waiters) wake();
  }

  // Resolves true once `ready()` holds, false when timeoutMs passes first (a deadline, not a wait
  // for something to settle).
  waitFor(ready, timeoutMs) {
    if (ready()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (result) => {
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(result);
      };
      const check = () => { if (ready()) done(true); };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiters.add(check);
    });
  }

  // Waits until an answer is held, then sends every held one; resolves to how many.
  async release(timeoutMs) {
    if (!await this.waitFor(() => this.held.length > 0 || this.finished, timeoutMs)) return 0;
    const replies = this.held;
    this.held = [];
    this.changed();
    if (this.finished) return 0;
    await Promise.all(replies.map((reply) => this.send(reply)));
    return replies.length;
  }

  // Ends the handler when its context is let go of. Closing runs on this thread, as the pending
  // receive() does; the endpoint is freed later, by libzmq's reaper (socket_base.cpp process_term).
  // An unbind would free it at once, but zeromq.js unbinds on a worker thread (src/socket.cc:470-480)
  // while this thread's poller may call into the same socket for the pending receive(): libzmq's
  // sockets are not thread-safe, and the agent crashed in libzmq's pipe.cpp that way.
  stop() {
    if (!this.socket.closed) this.socket.close();
  }
}

module.exports = {ZapHandler};
