//! What each catalogue field means, one or two sentences per field, for `--list`.
//!
//! The texts are peregrine's own: written from Falco's documented semantics and from what
//! [`crate::extract`] computes, not taken from libsinsp's tables. Fields Falco deprecated
//! start with "Deprecated", as Falco's own descriptions do (no flag marks them).

/// Field name → description, in catalogue order.
pub static DESCRIPTIONS: &[(&str, &str)] = &[
    // ---- evt: every event source ----
    (
        "evt.num",
        "Number of the event: its position in the event stream, starting at 1.",
    ),
    (
        "evt.time",
        "Event timestamp as a time of day with nanoseconds (HH:MM:SS.nnnnnnnnn).",
    ),
    (
        "evt.time.s",
        "Event timestamp as a time of day in whole seconds (HH:MM:SS).",
    ),
    (
        "evt.time.iso8601",
        "Event timestamp as an ISO 8601 date and time in UTC with nanoseconds and the zone \
         offset, e.g. 2016-08-04T16:17:57.882054739+0000.",
    ),
    (
        "evt.datetime",
        "Event timestamp as a date and time of day with nanoseconds \
         (YYYY-MM-DD HH:MM:SS.nnnnnnnnn).",
    ),
    (
        "evt.datetime.s",
        "Event timestamp as a date and time of day in whole seconds (YYYY-MM-DD HH:MM:SS).",
    ),
    (
        "evt.rawtime",
        "Absolute event timestamp: nanoseconds since the Unix epoch.",
    ),
    (
        "evt.rawtime.s",
        "Whole seconds of the absolute event timestamp (seconds since the epoch).",
    ),
    (
        "evt.rawtime.ns",
        "Sub-second part of the absolute event timestamp, in nanoseconds.",
    ),
    (
        "evt.reltime",
        "Time elapsed since the first event of the capture, in nanoseconds.",
    ),
    (
        "evt.reltime.s",
        "Whole seconds elapsed since the first event of the capture.",
    ),
    (
        "evt.reltime.ns",
        "Sub-second part of the time elapsed since the first event of the capture, in \
         nanoseconds.",
    ),
    (
        "evt.pluginname",
        "For an event produced by a plugin event source, the name of that plugin. Not set for \
         syscall events.",
    ),
    (
        "evt.plugininfo",
        "For an event produced by a plugin event source, the one-line summary of the event that \
         the plugin renders. Not set for syscall events.",
    ),
    (
        "evt.source",
        "Name of the event source the event comes from, e.g. 'syscall' for kernel events.",
    ),
    (
        "evt.is_async",
        "'true' for events injected asynchronously by the framework (metadata notifications \
         rather than system calls), 'false' otherwise.",
    ),
    (
        "evt.asynctype",
        "For an asynchronous event, the name of its asynchronous event type. Not set otherwise.",
    ),
    (
        "evt.hostname",
        "Host name of the machine the events come from; for a capture file, the name recorded \
         in it.",
    ),
    // ---- evt: syscall events ----
    (
        "evt.deltatime",
        "Time elapsed since the previous event, in nanoseconds (0 for the first event).",
    ),
    (
        "evt.deltatime.s",
        "Whole seconds elapsed since the previous event.",
    ),
    (
        "evt.deltatime.ns",
        "Sub-second part of the time elapsed since the previous event, in nanoseconds.",
    ),
    (
        "evt.type",
        "Name of the event, e.g. 'open' or 'execve'. For generic syscall events it is the name \
         of the system call.",
    ),
    (
        "evt.type.is",
        "Takes an event name as argument (evt.type.is.open or evt.type.is[open]) and gives 1 \
         for events with that name, 0 for all others.",
    ),
    (
        "syscall.type",
        "For system call events, the name of the system call (as evt.type gives it). Not set \
         for other events, e.g. context switches or internal meta-events.",
    ),
    (
        "evt.category",
        "Category of the event, e.g. 'file', 'net', 'process', 'memory', 'signal' or 'wait'. \
         I/O events are categorised by the kind of file descriptor they use.",
    ),
    ("evt.cpu", "Number of the CPU the event was captured on."),
    (
        "evt.args",
        "All parameters of the event, rendered as text and joined into one string of \
         name=value pairs.",
    ),
    (
        "evt.arg",
        "One parameter of the event rendered as text, chosen by name (evt.arg.fd or \
         evt.arg[fd]) or by position (evt.arg[0]).",
    ),
    (
        "evt.rawarg",
        "One parameter of the event chosen by name (evt.rawarg.res), with its own type instead \
         of text, so that numeric comparisons such as evt.rawarg.res < 0 work.",
    ),
    (
        "evt.info",
        "The parameters of the event as one string; currently the same text as evt.args.",
    ),
    (
        "evt.buffer",
        "The data buffer of events that carry one, such as read, write, sendto or recvfrom, as \
         captured (possibly cut to the capture's snapshot length).",
    ),
    (
        "evt.buflen",
        "Number of bytes a successful I/O event (read, write, send, recv...) transferred, as \
         the system call returned it.",
    ),
    (
        "evt.res",
        "Return value of the event as text: 'SUCCESS' for zero or positive results, the errno \
         name (e.g. 'ENOENT') for failures.",
    ),
    (
        "evt.rawres",
        "Return value of the event as a signed number; negative values are error codes.",
    ),
    (
        "evt.failed",
        "'true' for events that returned an error (a negative return value).",
    ),
    (
        "evt.is_io",
        "'true' for events that read from or write to a file descriptor, such as read, write, \
         send or recvfrom.",
    ),
    (
        "evt.is_io_read",
        "'true' for events that read from a file descriptor, such as read, recv or recvfrom.",
    ),
    (
        "evt.is_io_write",
        "'true' for events that write to a file descriptor, such as write, send or sendto.",
    ),
    (
        "evt.io_dir",
        "Direction of an I/O event: 'read' for events that read from a file descriptor, \
         'write' for events that write to one. Not set for other events.",
    ),
    (
        "evt.is_wait",
        "'true' for events that make the thread wait, such as nanosleep, select or poll.",
    ),
    (
        "evt.is_syslog",
        "'true' for writes to /dev/log, i.e. messages sent to syslog.",
    ),
    ("evt.count", "Always 1, so that summing it counts events."),
    (
        "evt.count.error",
        "1 for events that returned an error, 0 for the other events that have a return value.",
    ),
    (
        "evt.count.error.file",
        "1 for events that failed on a file operation.",
    ),
    (
        "evt.count.error.net",
        "1 for events that failed on a network operation.",
    ),
    (
        "evt.count.error.memory",
        "1 for events that failed on a memory operation.",
    ),
    (
        "evt.count.error.other",
        "1 for failed events that are neither file, network nor memory operations.",
    ),
    (
        "evt.count.exit",
        "1 for exit events; not set for enter events.",
    ),
    (
        "evt.around",
        "Accepts the events close in time to a given one: evt.around[T]=D matches events at \
         most D milliseconds before or after the timestamp T (an evt.rawtime value).",
    ),
    (
        "evt.abspath",
        "Absolute path built from the directory fd and the relative path parameter of *at \
         system calls. For renameat, renameat2 and linkat the argument chooses the source (src) \
         or the destination (dst) path.",
    ),
    (
        "evt.is_open_read",
        "'true' for open, openat, openat2 and open_by_handle_at events whose flags open the \
         file for reading.",
    ),
    (
        "evt.is_open_write",
        "'true' for open, openat, openat2 and open_by_handle_at events whose flags open the \
         file for writing.",
    ),
    (
        "evt.is_open_exec",
        "'true' for open-family and creat events that create a file with an execute permission \
         bit in its mode.",
    ),
    (
        "evt.is_open_create",
        "'true' for open, openat, openat2 and open_by_handle_at events that created a new file \
         (including unnamed O_TMPFILE files).",
    ),
    // ---- process ----
    (
        "proc.exe",
        "First command-line argument of the process (argv[0]): usually the name or path the \
         program was started with, but the caller may set any string.",
    ),
    ("proc.pexe", "proc.exe of the parent process."),
    (
        "proc.aexe",
        "proc.exe of an ancestor: proc.aexe[1] is the parent, [2] the grandparent and so on \
         ([0] the process itself). Without an index a comparison holds if it holds for any \
         ancestor.",
    ),
    (
        "proc.exepath",
        "Full path of the executable file of the process, with symbolic links resolved.",
    ),
    ("proc.pexepath", "proc.exepath of the parent process."),
    (
        "proc.aexepath",
        "proc.exepath of an ancestor, numbered like proc.aexe. Without an index a comparison \
         holds if it holds for any ancestor.",
    ),
    (
        "proc.name",
        "Name of the process generating the event, as the kernel keeps it (the task's comm, at \
         most 15 characters).",
    ),
    ("proc.pname", "proc.name of the parent process."),
    (
        "proc.aname",
        "proc.name of an ancestor, numbered like proc.aexe. Without an index a comparison holds \
         if it holds for any ancestor.",
    ),
    (
        "proc.args",
        "Command-line arguments the process was started with, argv[0] excluded, joined with \
         spaces.",
    ),
    (
        "proc.aargs",
        "proc.args of an ancestor, numbered like proc.aexe.",
    ),
    (
        "proc.cmdline",
        "Name of the process followed by its arguments (proc.name and proc.args separated by a \
         space), the usual way to show what runs.",
    ),
    ("proc.pcmdline", "proc.cmdline of the parent process."),
    (
        "proc.acmdline",
        "proc.cmdline of an ancestor, numbered like proc.aexe. Without an index a comparison \
         holds if it holds for any ancestor.",
    ),
    (
        "proc.cmdnargs",
        "Number of command-line arguments of the process, argv[0] excluded.",
    ),
    (
        "proc.cmdlenargs",
        "Total length of the command-line arguments (argv[0] excluded), not counting the spaces \
         between them.",
    ),
    (
        "proc.exeline",
        "proc.exe followed by the arguments: the command line with argv[0] as the first word.",
    ),
    (
        "proc.env",
        "Environment of the process as one string of NAME=value entries separated by spaces. \
         proc.env[NAME] (or proc.env.NAME) gives the value of a single variable.",
    ),
    (
        "proc.aenv",
        "Experimental. Environment of the ancestors: proc.aenv[N] is that of the Nth ancestor \
         (numbered like proc.aexe); without an argument a comparison is tried against every \
         ancestor's environment.",
    ),
    ("proc.cwd", "Current working directory of the process."),
    (
        "proc.loginshellid",
        "PID of the oldest shell (a process whose name ends in 'sh') among the process and its \
         ancestors. Not set when there is none.",
    ),
    (
        "proc.tty",
        "Controlling terminal of the process, as a device number; 0 when it has none.",
    ),
    (
        "proc.pid",
        "ID of the process generating the event, as the host sees it.",
    ),
    (
        "proc.ppid",
        "PID of the parent of the process generating the event.",
    ),
    (
        "proc.apid",
        "PID of an ancestor, numbered like proc.aexe. Without an index a comparison holds if it \
         holds for any ancestor.",
    ),
    (
        "proc.vpid",
        "ID of the process as seen from its own PID namespace (the same as proc.pid outside \
         containers).",
    ),
    (
        "proc.pvpid",
        "ID of the parent process as seen from its PID namespace.",
    ),
    ("proc.sid", "Session ID of the process."),
    (
        "proc.sname",
        "proc.name of the leader of the process's session.",
    ),
    (
        "proc.sid.exe",
        "proc.exe of the leader of the process's session.",
    ),
    (
        "proc.sid.exepath",
        "proc.exepath of the leader of the process's session.",
    ),
    (
        "proc.vpgid",
        "Process group ID of the process, as seen from its PID namespace.",
    ),
    (
        "proc.vpgid.name",
        "proc.name of the leader of the process group proc.vpgid.",
    ),
    (
        "proc.vpgid.exe",
        "proc.exe of the leader of the process group proc.vpgid.",
    ),
    (
        "proc.vpgid.exepath",
        "proc.exepath of the leader of the process group proc.vpgid.",
    ),
    (
        "proc.pgid",
        "Process group ID of the process, as the host PID namespace sees it.",
    ),
    (
        "proc.pgid.name",
        "proc.name of the leader of the process group proc.pgid.",
    ),
    (
        "proc.pgid.exe",
        "proc.exe of the leader of the process group proc.pgid.",
    ),
    (
        "proc.pgid.exepath",
        "proc.exepath of the leader of the process group proc.pgid.",
    ),
    (
        "proc.duration",
        "Time since the process started, in nanoseconds.",
    ),
    (
        "proc.ppid.duration",
        "Time since the parent process started, in nanoseconds.",
    ),
    (
        "proc.pid.ts",
        "Start time of the process, in nanoseconds since the epoch.",
    ),
    (
        "proc.ppid.ts",
        "Start time of the parent process, in nanoseconds since the epoch.",
    ),
    (
        "proc.is_exe_writable",
        "'true' if the user who started the process can write to its executable file.",
    ),
    (
        "proc.is_exe_upper_layer",
        "'true' if the executable file of the process is in the upper, writable layer of an \
         overlay file system, i.e. it was created or changed after the container started.",
    ),
    (
        "proc.is_exe_lower_layer",
        "'true' if the executable file of the process is in a lower, read-only layer of an \
         overlay file system (a layer of the container image).",
    ),
    (
        "proc.is_exe_from_memfd",
        "'true' if the process runs an anonymous in-memory file created with memfd_create, a \
         way to execute code that never touches the disk.",
    ),
    (
        "proc.is_sid_leader",
        "'true' if the process leads its session (proc.sid equals proc.vpid).",
    ),
    (
        "proc.is_vpgid_leader",
        "'true' if the process leads its process group in its PID namespace (proc.vpgid equals \
         proc.vpid).",
    ),
    (
        "proc.is_pgid_leader",
        "'true' if the process leads its process group (proc.pgid equals proc.pid).",
    ),
    (
        "proc.exe_ino",
        "Inode number of the executable file of the process.",
    ),
    (
        "proc.exe_ino.ctime",
        "Last status change time (ctime) of the inode of the executable file, in nanoseconds \
         since the epoch.",
    ),
    (
        "proc.exe_ino.mtime",
        "Last modification time (mtime) of the inode of the executable file, in nanoseconds \
         since the epoch.",
    ),
    (
        "proc.exe_ino.ctime_duration_proc_start",
        "Nanoseconds between the last status change of the executable file and the start of \
         the process; a small value means the program was written or changed just before it \
         ran.",
    ),
    (
        "proc.exe_ino.ctime_duration_pidns_start",
        "Nanoseconds from the start of the process's PID namespace to the last status change of \
         the executable file, when the namespace is the older of the two.",
    ),
    (
        "proc.pidns_init_start_ts",
        "Start time of the first process of the process's PID namespace (a container's or the \
         host's), in nanoseconds since the epoch.",
    ),
    (
        "thread.cap_permitted",
        "Permitted capability set of the thread, as capability names separated by spaces \
         (CAP_CHOWN CAP_KILL ...).",
    ),
    (
        "thread.cap_inheritable",
        "Inheritable capability set of the thread, as capability names separated by spaces.",
    ),
    (
        "thread.cap_effective",
        "Effective capability set of the thread, as capability names separated by spaces.",
    ),
    (
        "proc.fdopencount",
        "Number of file descriptors the process has open.",
    ),
    (
        "proc.fdlimit",
        "Maximum number of file descriptors the process may open (its RLIMIT_NOFILE).",
    ),
    (
        "proc.fdusage",
        "Open file descriptors of the process as a percentage of its limit proc.fdlimit.",
    ),
    ("proc.vmsize", "Total virtual memory of the process, in kB."),
    (
        "proc.vmrss",
        "Resident (not swapped out) memory of the process, in kB.",
    ),
    ("proc.vmswap", "Swapped-out memory of the process, in kB."),
    (
        "thread.pfmajor",
        "Number of major page faults of the thread since it started.",
    ),
    (
        "thread.pfminor",
        "Number of minor page faults of the thread since it started.",
    ),
    ("thread.tid", "ID of the thread generating the event."),
    (
        "thread.ismain",
        "'true' if the thread generating the event is the main thread of its process.",
    ),
    (
        "thread.vtid",
        "ID of the thread as seen from its PID namespace.",
    ),
    (
        "thread.exectime",
        "On context switches, how long the thread that was switched out ran on the CPU, in \
         nanoseconds.",
    ),
    (
        "thread.totexectime",
        "Total CPU time of the thread since the start of the capture, in nanoseconds.",
    ),
    (
        "thread.cgroups",
        "Every cgroup of the thread, as subsystem=path entries separated by spaces.",
    ),
    (
        "thread.cgroup",
        "The cgroup of the thread for the subsystem given as argument (thread.cgroup.cpuacct or \
         thread.cgroup[cpuacct]).",
    ),
    (
        "proc.nthreads",
        "Number of live threads of the process generating the event, its main thread included.",
    ),
    (
        "proc.nchilds",
        "Number of live threads of the process generating the event, its main thread excluded.",
    ),
    (
        "thread.cpu",
        "CPU time the thread used during the last second (user and system together).",
    ),
    (
        "thread.cpu.user",
        "User-mode CPU time the thread used during the last second.",
    ),
    (
        "thread.cpu.system",
        "Kernel-mode CPU time the thread used during the last second.",
    ),
    (
        "thread.vmsize",
        "For the main thread of a process, the total virtual memory of the process in kB; 0 for \
         the other threads.",
    ),
    (
        "thread.vmrss",
        "For the main thread of a process, the resident memory of the process in kB; 0 for the \
         other threads.",
    ),
    (
        "proc.stdin.type",
        "Type of file descriptor 0 (standard input) of the process, e.g. 'file', 'pipe' or \
         'ipv4' (see fd.type).",
    ),
    (
        "proc.stdout.type",
        "Type of file descriptor 1 (standard output) of the process (see fd.type).",
    ),
    (
        "proc.stderr.type",
        "Type of file descriptor 2 (standard error) of the process (see fd.type).",
    ),
    (
        "proc.stdin.name",
        "Name of file descriptor 0 (standard input) of the process, e.g. a terminal device, a \
         file path or a connection (see fd.name).",
    ),
    (
        "proc.stdout.name",
        "Name of file descriptor 1 (standard output) of the process (see fd.name).",
    ),
    (
        "proc.stderr.name",
        "Name of file descriptor 2 (standard error) of the process (see fd.name).",
    ),
    // ---- user / group ----
    ("user.uid", "User ID of the process generating the event."),
    (
        "user.name",
        "Name of that user, from the user database of the process's container or of the host.",
    ),
    ("user.homedir", "Home directory of the user."),
    ("user.shell", "Login shell of the user."),
    (
        "user.loginuid",
        "Audit login user ID of the process (auid): the user who logged in, kept across su and \
         sudo. -1 when it was never set.",
    ),
    (
        "user.loginname",
        "Name of the audit login user (user.loginuid).",
    ),
    ("group.gid", "Group ID of the process generating the event."),
    ("group.name", "Name of that group."),
    // ---- fd ----
    ("fd.num", "Number of the file descriptor the event uses."),
    (
        "fd.type",
        "Type of the file descriptor: 'file', 'directory', 'ipv4', 'ipv6', 'unix', 'pipe', \
         'event', 'signalfd', 'eventpoll', 'inotify', 'timerfd', 'netlink', 'bpf', \
         'userfaultfd', 'io_uring', 'memfd' or 'pidfd'.",
    ),
    (
        "fd.typechar",
        "Type of the file descriptor as one character, e.g. 'f' for a file, 'd' a directory, \
         '4' and '6' IPv4 and IPv6 sockets, 'u' a unix socket, 'p' a pipe.",
    ),
    (
        "fd.name",
        "Full name of the file descriptor: the path of a file or directory, \
         client:port->server:port for a network connection, the path or address of a unix \
         socket.",
    ),
    (
        "fd.directory",
        "For files, the directory that holds the file; for directories, the directory itself.",
    ),
    (
        "fd.filename",
        "For files, the name of the file without its directory.",
    ),
    (
        "fd.ip",
        "Matches if the client or the server IP address of the file descriptor matches.",
    ),
    ("fd.cip", "Client IP address of a network connection."),
    (
        "fd.sip",
        "Server IP address of a network connection or listening socket.",
    ),
    (
        "fd.lip",
        "Local IP address of a network connection: whichever end belongs to this machine.",
    ),
    (
        "fd.rip",
        "Remote IP address of a network connection: the end that is not local.",
    ),
    (
        "fd.port",
        "Matches if the client or the server port of the file descriptor matches.",
    ),
    ("fd.cport", "For TCP and UDP sockets, the client port."),
    ("fd.sport", "For TCP and UDP sockets, the server port."),
    ("fd.lport", "For TCP and UDP sockets, the local port."),
    ("fd.rport", "For TCP and UDP sockets, the remote port."),
    (
        "fd.l4proto",
        "Transport protocol of a socket: 'tcp', 'udp', 'icmp' or 'raw'.",
    ),
    (
        "fd.sockfamily",
        "Address family of a socket: 'ip' for IPv4 and IPv6 sockets, 'unix' for unix sockets.",
    ),
    (
        "fd.is_server",
        "'true' if the process is the server end of the connection: the socket listens, or its \
         server address belongs to this machine.",
    ),
    (
        "fd.uid",
        "Identifier of the file descriptor that is unique in the capture: the thread ID followed \
         by the fd number.",
    ),
    (
        "fd.containername",
        "The container ID and fd.name joined by a colon, which tells apart the same path in \
         different containers.",
    ),
    (
        "fd.containerdirectory",
        "The container ID and fd.directory joined by a colon.",
    ),
    (
        "fd.proto",
        "Matches if the client or the server protocol of the file descriptor matches (see \
         fd.sproto).",
    ),
    (
        "fd.cproto",
        "For TCP and UDP sockets, the client protocol: the client port as text, since service \
         names are not looked up.",
    ),
    (
        "fd.sproto",
        "For TCP and UDP sockets, the server protocol: the server port as text, since service \
         names are not looked up.",
    ),
    (
        "fd.lproto",
        "For TCP and UDP sockets, the local protocol (the local port as text).",
    ),
    (
        "fd.rproto",
        "For TCP and UDP sockets, the remote protocol (the remote port as text).",
    ),
    (
        "fd.net",
        "Matches if the client or the server IP address lies in the given network (CIDR \
         notation, e.g. 10.0.0.0/8).",
    ),
    (
        "fd.cnet",
        "Matches if the client IP address lies in the given network (CIDR notation).",
    ),
    (
        "fd.snet",
        "Matches if the server IP address lies in the given network (CIDR notation).",
    ),
    (
        "fd.lnet",
        "Matches if the local IP address lies in the given network (CIDR notation).",
    ),
    (
        "fd.rnet",
        "Matches if the remote IP address lies in the given network (CIDR notation).",
    ),
    (
        "fd.connected",
        "For TCP and UDP sockets, 'true' if the socket is connected.",
    ),
    (
        "fd.name_changed",
        "'true' when the event changed the name of the file descriptor it uses, e.g. a connect \
         or a sendto to a new peer.",
    ),
    (
        "fd.cip.name",
        "Domain name of the client IP address. Only domains that rule conditions compare this \
         field with are known: comparing resolves them through DNS.",
    ),
    (
        "fd.sip.name",
        "Domain name of the server IP address. Only domains that rule conditions compare this \
         field with are known: comparing resolves them through DNS.",
    ),
    (
        "fd.lip.name",
        "Domain name of the local IP address. Only domains that rule conditions compare this \
         field with are known: comparing resolves them through DNS.",
    ),
    (
        "fd.rip.name",
        "Domain name of the remote IP address. Only domains that rule conditions compare this \
         field with are known: comparing resolves them through DNS.",
    ),
    (
        "fd.dev",
        "Device number (major and minor together) of the file system that holds the file.",
    ),
    (
        "fd.dev.major",
        "Major device number of the file system that holds the file.",
    ),
    (
        "fd.dev.minor",
        "Minor device number of the file system that holds the file.",
    ),
    ("fd.ino", "Inode number of the file."),
    (
        "fd.nameraw",
        "For file paths, fd.name as the process gave it: not made absolute, only repeated \
         slashes collapsed.",
    ),
    (
        "fd.types",
        "Types of the file descriptors the process has open, each type listed once; \
         fd.types[N] gives the type of fd number N.",
    ),
    (
        "fd.is_upper_layer",
        "'true' if the file is in the upper, writable layer of an overlay file system.",
    ),
    (
        "fd.is_lower_layer",
        "'true' if the file is in a lower, read-only layer of an overlay file system.",
    ),
    // ---- fs.path ----
    (
        "fs.path.name",
        "For events that act on a file system path (open, mkdir, unlink, chmod...), that path, \
         made absolute against the working directory when needed.",
    ),
    (
        "fs.path.nameraw",
        "For events that act on a file system path, that path exactly as the system call \
         received it.",
    ),
    (
        "fs.path.source",
        "For events with a source and a target path (rename, link, symlink...), the source \
         path, made absolute when needed.",
    ),
    (
        "fs.path.sourceraw",
        "For events with a source and a target path, the source path exactly as the system call \
         received it.",
    ),
    (
        "fs.path.target",
        "For events with a source and a target path (rename, link, symlink...), the target \
         path, made absolute when needed.",
    ),
    (
        "fs.path.targetraw",
        "For events with a source and a target path, the target path exactly as the system call \
         received it.",
    ),
    // ---- fdlist ----
    (
        "fdlist.nums",
        "For poll and ppoll events, the numbers of the polled file descriptors, separated by \
         commas.",
    ),
    (
        "fdlist.names",
        "For poll and ppoll events, the names of the polled file descriptors, separated by \
         commas.",
    ),
    (
        "fdlist.cips",
        "For poll and ppoll events, the client IP addresses of the polled network connections, \
         separated by commas.",
    ),
    (
        "fdlist.sips",
        "For poll and ppoll events, the server IP addresses of the polled sockets, separated by \
         commas.",
    ),
    (
        "fdlist.cports",
        "For poll and ppoll events, the client ports of the polled TCP and UDP connections, \
         separated by commas.",
    ),
    (
        "fdlist.sports",
        "For poll and ppoll events, the server ports of the polled TCP and UDP connections, \
         separated by commas.",
    ),
    // ---- container plugin ----
    (
        "container.id",
        "Short (12-character) ID of the container the process runs in, or 'host' for processes \
         outside containers.",
    ),
    (
        "container.full_id",
        "Full (64-character) ID of the container, or 'host'.",
    ),
    ("container.name", "Name of the container, or 'host'."),
    (
        "container.image",
        "Image of the container as the runtime reports it, usually repository and tag.",
    ),
    ("container.image.id", "ID of the container image."),
    (
        "container.type",
        "Container runtime or technology, e.g. 'docker', 'cri-o', 'containerd' or 'podman'.",
    ),
    (
        "container.privileged",
        "'true' if the container runs in privileged mode.",
    ),
    (
        "container.mounts",
        "Every mount of the container, separated by spaces, each as \
         source:destination:mode:read-write:propagation.",
    ),
    (
        "container.mount",
        "One mount of the container in the container.mounts form, chosen by index \
         (container.mount[0]) or by a glob on its source path; 'none' when there is no such \
         mount.",
    ),
    (
        "container.mount.source",
        "Source path of one mount of the container, chosen by index or by a glob on its \
         destination path.",
    ),
    (
        "container.mount.dest",
        "Destination path of one mount of the container, chosen by index or by a glob on its \
         source path.",
    ),
    (
        "container.mount.mode",
        "Mode options of one mount of the container, chosen by index or by a glob on its source \
         path.",
    ),
    (
        "container.mount.rdwr",
        "Whether one mount of the container is read-write, chosen by index or by a glob on its \
         source path.",
    ),
    (
        "container.mount.propagation",
        "Propagation mode of one mount of the container (e.g. 'rprivate'), chosen by index or \
         by a glob on its source path.",
    ),
    (
        "container.image.repository",
        "Repository of the container image, without tag or digest.",
    ),
    ("container.image.tag", "Tag of the container image."),
    (
        "container.image.digest",
        "Registry digest of the container image.",
    ),
    (
        "container.healthcheck",
        "Deprecated. The health check command configured for the container.",
    ),
    (
        "container.liveness_probe",
        "Deprecated. The Kubernetes liveness probe command of the container.",
    ),
    (
        "container.readiness_probe",
        "Deprecated. The Kubernetes readiness probe command of the container.",
    ),
    (
        "container.start_ts",
        "Start time of the container, in nanoseconds since the epoch.",
    ),
    (
        "container.duration",
        "Time since the container started, in nanoseconds.",
    ),
    ("container.ip", "Primary IP address of the container."),
    (
        "container.cni.json",
        "Network configuration the CNI plugin produced for the container, as JSON.",
    ),
    (
        "container.host_pid",
        "'true' if the container shares the PID namespace of the host.",
    ),
    (
        "container.host_network",
        "'true' if the container shares the network namespace of the host.",
    ),
    (
        "container.host_ipc",
        "'true' if the container shares the IPC namespace of the host.",
    ),
    (
        "container.label",
        "Value of one label of the container, given by its key (container.label[key]).",
    ),
    (
        "container.labels",
        "Every label of the container, as key:value pairs separated by commas.",
    ),
    (
        "proc.is_container_healthcheck",
        "Deprecated. 'true' if the process runs as part of the container's health check.",
    ),
    (
        "proc.is_container_liveness_probe",
        "Deprecated. 'true' if the process runs as part of the container's liveness probe.",
    ),
    (
        "proc.is_container_readiness_probe",
        "Deprecated. 'true' if the process runs as part of the container's readiness probe.",
    ),
    (
        "k8s.pod.name",
        "Name of the Kubernetes pod the container belongs to.",
    ),
    ("k8s.ns.name", "Kubernetes namespace of the pod."),
    (
        "k8s.pod.id",
        "Legacy name of k8s.pod.uid: the UID of the Kubernetes pod.",
    ),
    ("k8s.pod.uid", "UID of the Kubernetes pod."),
    (
        "k8s.pod.sandbox_id",
        "Short (12-character) ID of the sandbox of the pod.",
    ),
    (
        "k8s.pod.full_sandbox_id",
        "Full ID of the sandbox of the pod.",
    ),
    (
        "k8s.pod.label",
        "Value of one label of the pod, given by its key (k8s.pod.label[app]).",
    ),
    (
        "k8s.pod.labels",
        "Every label of the pod, as key:value pairs separated by commas.",
    ),
    ("k8s.pod.ip", "IP address of the pod."),
    (
        "k8s.pod.cni.json",
        "Network configuration the CNI plugin produced for the pod, as JSON.",
    ),
    (
        "k8s.rc.name",
        "Deprecated (the k8smeta plugin provides it). Name of the replication controller.",
    ),
    (
        "k8s.rc.id",
        "Deprecated (the k8smeta plugin provides it). ID of the replication controller.",
    ),
    (
        "k8s.rc.label",
        "Deprecated (the k8smeta plugin provides it). One label of the replication controller, \
         given by its key.",
    ),
    (
        "k8s.rc.labels",
        "Deprecated (the k8smeta plugin provides it). Every label of the replication \
         controller.",
    ),
    (
        "k8s.svc.name",
        "Deprecated (the k8smeta plugin provides it). Name of the service.",
    ),
    (
        "k8s.svc.id",
        "Deprecated (the k8smeta plugin provides it). ID of the service.",
    ),
    (
        "k8s.svc.label",
        "Deprecated (the k8smeta plugin provides it). One label of the service, given by its \
         key.",
    ),
    (
        "k8s.svc.labels",
        "Deprecated (the k8smeta plugin provides it). Every label of the service.",
    ),
    (
        "k8s.ns.id",
        "Deprecated (the k8smeta plugin provides it). ID of the namespace.",
    ),
    (
        "k8s.ns.label",
        "Deprecated (the k8smeta plugin provides it). One label of the namespace, given by its \
         key.",
    ),
    (
        "k8s.ns.labels",
        "Deprecated (the k8smeta plugin provides it). Every label of the namespace.",
    ),
    (
        "k8s.rs.name",
        "Deprecated (the k8smeta plugin provides it). Name of the replica set.",
    ),
    (
        "k8s.rs.id",
        "Deprecated (the k8smeta plugin provides it). ID of the replica set.",
    ),
    (
        "k8s.rs.label",
        "Deprecated (the k8smeta plugin provides it). One label of the replica set, given by \
         its key.",
    ),
    (
        "k8s.rs.labels",
        "Deprecated (the k8smeta plugin provides it). Every label of the replica set.",
    ),
    (
        "k8s.deployment.name",
        "Deprecated (the k8smeta plugin provides it). Name of the deployment.",
    ),
    (
        "k8s.deployment.id",
        "Deprecated (the k8smeta plugin provides it). ID of the deployment.",
    ),
    (
        "k8s.deployment.label",
        "Deprecated (the k8smeta plugin provides it). One label of the deployment, given by its \
         key.",
    ),
    (
        "k8s.deployment.labels",
        "Deprecated (the k8smeta plugin provides it). Every label of the deployment.",
    ),
    // ---- accepted in rules, hidden from --list ----
    (
        "evt.dir",
        "Deprecated. Direction of the event: '>' for enter, '<' for exit. Only exit events are \
         evaluated now, so 'evt.dir = <' is always true and 'evt.dir = >' always false.",
    ),
    (
        "evt.latency",
        "Deprecated. Time between the enter event of a system call and its exit event, in \
         nanoseconds.",
    ),
    ("evt.latency.s", "Deprecated. Whole seconds of evt.latency."),
    (
        "evt.latency.ns",
        "Deprecated. Sub-second part of evt.latency, in nanoseconds.",
    ),
    (
        "evt.latency.human",
        "Deprecated. evt.latency as a human-readable duration, e.g. 10.3ms.",
    ),
    (
        "evt.wait_latency",
        "Deprecated. For events that make the thread wait, the time spent waiting, in \
         nanoseconds.",
    ),
    (
        "evt.outputtime",
        "Event timestamp in the format outputs use (evt.time unless the time format is changed); \
         for outputs only.",
    ),
];

/// The description of the catalogue field `name` (given without argument).
pub fn description(name: &str) -> Option<&'static str> {
    DESCRIPTIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, d)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FIELDS;
    use std::collections::HashSet;

    #[test]
    fn every_field_has_one_description() {
        let mut seen = HashSet::new();
        for (name, desc) in DESCRIPTIONS {
            assert!(seen.insert(*name), "{name} described twice");
            assert!(
                crate::catalog::by_name(name).is_some(),
                "{name} is not a catalogue field"
            );
            assert!(!desc.trim().is_empty(), "{name}: empty description");
            assert_eq!(desc.trim(), *desc, "{name}: stray spaces");
            assert!(!desc.contains("  "), "{name}: double space");
            assert!(desc.ends_with('.'), "{name}: not a sentence");
        }
        for f in FIELDS {
            assert!(
                description(f.name).is_some(),
                "{} has no description",
                f.name
            );
        }
        assert_eq!(DESCRIPTIONS.len(), FIELDS.len());
    }

    #[test]
    fn same_order_as_the_catalogue() {
        let names: Vec<&str> = DESCRIPTIONS.iter().map(|(n, _)| *n).collect();
        let fields: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(names, fields);
    }
}
