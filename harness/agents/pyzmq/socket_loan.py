"""A socket lent by its actor to another thread for one operation over several sockets (poll,
proxy), which a thread per socket cannot do. libzmq lets a socket move between threads with a full
memory barrier in between; the loan's lock is that barrier. While its socket is lent the actor
waits, so requests naming the socket queue behind the loan and run once it is back."""
import threading


class SocketLoan:
    def __init__(self):
        self._changed = threading.Condition()
        self._socket = None
        self._answered = False
        self._returned = False

    def lend(self, socket):
        """The actor's side: hands the socket over and waits until it is given back."""
        with self._changed:
            self._socket, self._answered = socket, True
            self._changed.notify_all()
            self._changed.wait_for(lambda: self._returned)

    def refuse(self):
        """The actor's side when its socket is closed: the borrower gets nothing."""
        with self._changed:
            self._answered = True
            self._changed.notify_all()

    def await_socket(self):
        """The borrower's side: the socket once lent, or None when the actor refused."""
        with self._changed:
            self._changed.wait_for(lambda: self._answered)
            return self._socket

    def give_back(self):
        with self._changed:
            self._returned = True
            self._changed.notify_all()
