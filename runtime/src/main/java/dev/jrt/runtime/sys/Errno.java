package dev.jrt.runtime.sys;

/**
 * Linux errno names and messages (x86_64 and arm64 share the generic numbers), so that errors
 * read like {@code EPERM (operation not permitted)}: the name for people who grep the kernel,
 * the lower-case text that clients such as podman match.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int EPIPE = 32;
    public static final int ENOSYS = 38;

    private static final int MAX = 134;
    private static final String[] NAMES = new String[MAX];
    private static final String[] TEXTS = new String[MAX];

    private Errno() {}

    private static void entry(int errno, String name, String text) {
        NAMES[errno] = name;
        TEXTS[errno] = text;
    }

    static {
        entry(1, "EPERM", "operation not permitted");
        entry(2, "ENOENT", "no such file or directory");
        entry(3, "ESRCH", "no such process");
        entry(4, "EINTR", "interrupted system call");
        entry(5, "EIO", "input/output error");
        entry(6, "ENXIO", "no such device or address");
        entry(7, "E2BIG", "argument list too long");
        entry(8, "ENOEXEC", "exec format error");
        entry(9, "EBADF", "bad file descriptor");
        entry(10, "ECHILD", "no child processes");
        entry(11, "EAGAIN", "resource temporarily unavailable");
        entry(12, "ENOMEM", "cannot allocate memory");
        entry(13, "EACCES", "permission denied");
        entry(14, "EFAULT", "bad address");
        entry(15, "ENOTBLK", "block device required");
        entry(16, "EBUSY", "device or resource busy");
        entry(17, "EEXIST", "file exists");
        entry(18, "EXDEV", "invalid cross-device link");
        entry(19, "ENODEV", "no such device");
        entry(20, "ENOTDIR", "not a directory");
        entry(21, "EISDIR", "is a directory");
        entry(22, "EINVAL", "invalid argument");
        entry(23, "ENFILE", "too many open files in system");
        entry(24, "EMFILE", "too many open files");
        entry(25, "ENOTTY", "inappropriate ioctl for device");
        entry(26, "ETXTBSY", "text file busy");
        entry(27, "EFBIG", "file too large");
        entry(28, "ENOSPC", "no space left on device");
        entry(29, "ESPIPE", "illegal seek");
        entry(30, "EROFS", "read-only file system");
        entry(31, "EMLINK", "too many links");
        entry(32, "EPIPE", "broken pipe");
        entry(33, "EDOM", "numerical argument out of domain");
        entry(34, "ERANGE", "numerical result out of range");
        entry(35, "EDEADLK", "resource deadlock avoided");
        entry(36, "ENAMETOOLONG", "file name too long");
        entry(37, "ENOLCK", "no locks available");
        entry(38, "ENOSYS", "function not implemented");
        entry(39, "ENOTEMPTY", "directory not empty");
        entry(40, "ELOOP", "too many levels of symbolic links");
        entry(42, "ENOMSG", "no message of desired type");
        entry(43, "EIDRM", "identifier removed");
        entry(44, "ECHRNG", "channel number out of range");
        entry(45, "EL2NSYNC", "level 2 not synchronized");
        entry(46, "EL3HLT", "level 3 halted");
        entry(47, "EL3RST", "level 3 reset");
        entry(48, "ELNRNG", "link number out of range");
        entry(49, "EUNATCH", "protocol driver not attached");
        entry(50, "ENOCSI", "no CSI structure available");
        entry(51, "EL2HLT", "level 2 halted");
        entry(52, "EBADE", "invalid exchange");
        entry(53, "EBADR", "invalid request descriptor");
        entry(54, "EXFULL", "exchange full");
        entry(55, "ENOANO", "no anode");
        entry(56, "EBADRQC", "invalid request code");
        entry(57, "EBADSLT", "invalid slot");
        entry(59, "EBFONT", "bad font file format");
        entry(60, "ENOSTR", "device not a stream");
        entry(61, "ENODATA", "no data available");
        entry(62, "ETIME", "timer expired");
        entry(63, "ENOSR", "out of streams resources");
        entry(64, "ENONET", "machine is not on the network");
        entry(65, "ENOPKG", "package not installed");
        entry(66, "EREMOTE", "object is remote");
        entry(67, "ENOLINK", "link has been severed");
        entry(68, "EADV", "advertise error");
        entry(69, "ESRMNT", "srmount error");
        entry(70, "ECOMM", "communication error on send");
        entry(71, "EPROTO", "protocol error");
        entry(72, "EMULTIHOP", "multihop attempted");
        entry(73, "EDOTDOT", "rFS specific error");
        entry(74, "EBADMSG", "bad message");
        entry(75, "EOVERFLOW", "value too large for defined data type");
        entry(76, "ENOTUNIQ", "name not unique on network");
        entry(77, "EBADFD", "file descriptor in bad state");
        entry(78, "EREMCHG", "remote address changed");
        entry(79, "ELIBACC", "can not access a needed shared library");
        entry(80, "ELIBBAD", "accessing a corrupted shared library");
        entry(81, "ELIBSCN", ".lib section in a.out corrupted");
        entry(82, "ELIBMAX", "attempting to link in too many shared libraries");
        entry(83, "ELIBEXEC", "cannot exec a shared library directly");
        entry(84, "EILSEQ", "invalid or incomplete multibyte or wide character");
        entry(85, "ERESTART", "interrupted system call should be restarted");
        entry(86, "ESTRPIPE", "streams pipe error");
        entry(87, "EUSERS", "too many users");
        entry(88, "ENOTSOCK", "socket operation on non-socket");
        entry(89, "EDESTADDRREQ", "destination address required");
        entry(90, "EMSGSIZE", "message too long");
        entry(91, "EPROTOTYPE", "protocol wrong type for socket");
        entry(92, "ENOPROTOOPT", "protocol not available");
        entry(93, "EPROTONOSUPPORT", "protocol not supported");
        entry(94, "ESOCKTNOSUPPORT", "socket type not supported");
        entry(95, "EOPNOTSUPP", "operation not supported");
        entry(96, "EPFNOSUPPORT", "protocol family not supported");
        entry(97, "EAFNOSUPPORT", "address family not supported by protocol");
        entry(98, "EADDRINUSE", "address already in use");
        entry(99, "EADDRNOTAVAIL", "cannot assign requested address");
        entry(100, "ENETDOWN", "network is down");
        entry(101, "ENETUNREACH", "network is unreachable");
        entry(102, "ENETRESET", "network dropped connection on reset");
        entry(103, "ECONNABORTED", "software caused connection abort");
        entry(104, "ECONNRESET", "connection reset by peer");
        entry(105, "ENOBUFS", "no buffer space available");
        entry(106, "EISCONN", "transport endpoint is already connected");
        entry(107, "ENOTCONN", "transport endpoint is not connected");
        entry(108, "ESHUTDOWN", "cannot send after transport endpoint shutdown");
        entry(109, "ETOOMANYREFS", "too many references: cannot splice");
        entry(110, "ETIMEDOUT", "connection timed out");
        entry(111, "ECONNREFUSED", "connection refused");
        entry(112, "EHOSTDOWN", "host is down");
        entry(113, "EHOSTUNREACH", "no route to host");
        entry(114, "EALREADY", "operation already in progress");
        entry(115, "EINPROGRESS", "operation now in progress");
        entry(116, "ESTALE", "stale file handle");
        entry(117, "EUCLEAN", "structure needs cleaning");
        entry(118, "ENOTNAM", "not a XENIX named type file");
        entry(119, "ENAVAIL", "no XENIX semaphores available");
        entry(120, "EISNAM", "is a named type file");
        entry(121, "EREMOTEIO", "remote I/O error");
        entry(122, "EDQUOT", "disk quota exceeded");
        entry(123, "ENOMEDIUM", "no medium found");
        entry(124, "EMEDIUMTYPE", "wrong medium type");
        entry(125, "ECANCELED", "operation canceled");
        entry(126, "ENOKEY", "required key not available");
        entry(127, "EKEYEXPIRED", "key has expired");
        entry(128, "EKEYREVOKED", "key has been revoked");
        entry(129, "EKEYREJECTED", "key was rejected by service");
        entry(130, "EOWNERDEAD", "owner died");
        entry(131, "ENOTRECOVERABLE", "state not recoverable");
        entry(132, "ERFKILL", "operation not possible due to RF-kill");
        entry(133, "EHWPOISON", "memory page has hardware error");
    }

    /** "EPERM", or "errno 300" for a number this table does not know. */
    public static String name(int errno) {
        return errno > 0 && errno < MAX && NAMES[errno] != null ? NAMES[errno] : "errno " + errno;
    }

    /** "operation not permitted", like Go's syscall.Errno.Error(). */
    public static String message(int errno) {
        return errno > 0 && errno < MAX && TEXTS[errno] != null ? TEXTS[errno] : "unknown error " + errno;
    }

    /** "EPERM (operation not permitted)". */
    public static String describe(int errno) {
        return name(errno) + " (" + message(errno) + ")";
    }
}
