#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Returns a number that identifies the calling thread while it runs, never 0
/// (it is the `pthread_t`). `Database` uses it to catch nested calls that would deadlock.
func currentThreadID() -> UInt {
    #if canImport(Glibc)
    UInt(pthread_self())
    #else
    UInt(bitPattern: pthread_self())
    #endif
}
