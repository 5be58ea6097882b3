package zconform.jeromq;

import org.zeromq.ZMQ.Socket;

/**
 * A socket lent by its actor to another thread for one operation over several sockets (poll,
 * proxy), which a thread per socket cannot do. The monitor of this object is the memory barrier
 * between the two threads. While its socket is lent the actor waits, so requests naming the
 * socket queue behind the loan and run once it is back.
 */
final class SocketLoan {
    private Socket socket;
    private boolean answered;  // lent or refused
    private boolean returned;

    /** The actor's side: hands the socket over and waits until it is given back. */
    synchronized void lend(Socket lent) throws InterruptedException {
        socket = lent;
        answered = true;
        notifyAll();
        while (!returned) wait();
    }

    /** The actor's side once its socket is closed: the borrower gets nothing. */
    synchronized void refuse() {
        answered = true;
        notifyAll();
    }

    /** The borrower's side: the socket once lent, or null when the actor refused. */
    synchronized Socket awaitSocket() throws InterruptedException {
        while (!answered) wait();
        return socket;
    }

    synchronized void giveBack() {
        returned = true;
        notifyAll();
    }
}
