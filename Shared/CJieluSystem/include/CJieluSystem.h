// Linux system calls that the Glibc module does not export to Swift.
// Deliberately does not include <sys/socket.h>: doing so hides SOCK_STREAM
// and MSG_NOSIGNAL from Swift files that do not import this module.
#ifndef JIELU_C_SYSTEM_H
#define JIELU_C_SYSTEM_H

#include <sys/epoll.h>
#include <sys/eventfd.h>

struct sockaddr;

// accept4(2) with SOCK_NONBLOCK | SOCK_CLOEXEC.
int jielu_accept_nonblocking(int fd, struct sockaddr *address, unsigned int *length);

// Sets O_NONBLOCK on fd. Returns 0 or -1 with errno set.
int jielu_set_nonblocking(int fd);

// Sets SO_REUSEADDR (and SO_REUSEPORT when reuse_port is non-zero).
int jielu_set_reuse(int fd, int reuse_port);

// Fills buffer with length bytes from getrandom(2), retrying after EINTR and
// short reads. Returns 0, or -1 with errno set.
int jielu_fill_random(void *buffer, unsigned long length);

#endif
